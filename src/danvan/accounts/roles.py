"""Roles a membership gives over its unit, lowest first.

A module of its own, with no model imports, so that ``common.access`` can name
roles without importing ``accounts.models`` (which imports the unit models,
which are scoped through ``common.access``).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.IntegerChoices):
    VIEWER = 10, _("viewer")
    EDITOR = 20, _("editor")
    APPROVER = 30, _("approver")
    ADMINISTRATOR = 40, _("administrator")
