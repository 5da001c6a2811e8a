"""Pages of the hot spots (``register``) and the view by commune (``communes``)."""
