from django.urls import path

from danvan.dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.area_dashboard, name="area"),
    path("chart.xlsx", views.chart_xlsx, name="chart_xlsx"),
]
