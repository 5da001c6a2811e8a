"""The app config of django.contrib.admin with our site (imports no models)."""

from django.contrib.admin.apps import AdminConfig


class TwoFactorAdminConfig(AdminConfig):
    """django.contrib.admin with TwoFactorAdminSite as ``admin.site``."""

    default_site = "danvan.accounts.admin_site.TwoFactorAdminSite"
