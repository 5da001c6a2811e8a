"""The JSON API of reported figures, one module per part (registered in
``danvan/api.py``): ``catalogue`` (indicators, forms), ``values`` (a unit's
values for a form and period, read and written in bulk), ``approval``
(submissions and completeness), ``sums`` (sums and the pivot)."""
