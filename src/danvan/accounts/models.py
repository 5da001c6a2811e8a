"""Users and their place in the unit tree."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import Role


class User(AbstractUser):
    """A person who signs in: an officer of a body or an area."""

    # The account commands, the demo and tasks act as (common.actors). Django's
    # username validator refuses parentheses, so no one can sign up as it.
    SYSTEM_USERNAME = "(system)"

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_system(self) -> bool:
        """Is this the system's own account, never signed in with?"""
        return self.username == self.SYSTEM_USERNAME and not self.is_active

    def get_full_name(self) -> str:
        """Family name first, as Vietnamese names are written: "Giàng Thị Dua"."""
        return " ".join(part for part in (self.last_name, self.first_name) if part)


class Membership(models.Model):
    """A user's attachment to an area or a body, with a role there."""

    # The roles live in accounts.roles (no model imports, see there).
    Role = Role

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    area = models.ForeignKey(
        "units.Area",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("area"),
    )
    body = models.ForeignKey(
        "units.Body",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("body"),
    )
    role = models.PositiveSmallIntegerField(
        _("role"), choices=Role.choices, default=Role.VIEWER
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(area__isnull=False, body__isnull=True)
                | Q(area__isnull=True, body__isnull=False),
                name="membership_area_xor_body",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} @ {self.unit}"

    @property
    def unit(self) -> object:
        return self.area or self.body
