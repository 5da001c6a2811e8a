"""Forms of reported figures, one module per part of the work."""
