"""The pages of reported figures, one module of views per part of the work."""

from danvan.datasets.views import approval, catalogue, entry, sums

app_name = "datasets"

urlpatterns = [
    *catalogue.urlpatterns,
    *entry.urlpatterns,
    *approval.urlpatterns,
    *sums.urlpatterns,
]
