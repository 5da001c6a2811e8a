from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InitiativesConfig(AppConfig):
    """"Dân vận khéo" models (mô hình): registration, judging, commendation."""

    name = "danvan.initiatives"
    verbose_name = _("“Dân vận khéo” models")
