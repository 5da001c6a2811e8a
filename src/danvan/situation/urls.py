from django.urls import URLPattern, URLResolver

app_name = "situation"

urlpatterns: list[URLPattern | URLResolver] = []
