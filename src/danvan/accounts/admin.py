from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from danvan.accounts.models import Membership, User
from danvan.common.admin import CleanTabularInline
from danvan.common.forms import CleanTextMixin


class UserChangeForm(CleanTextMixin, UserAdmin.form):  # type: ignore[misc, valid-type]  # a class attribute in the stubs
    """The admin's user form; submitted text is cleaned, passwords are not."""


class UserCreationForm(CleanTextMixin, UserAdmin.add_form):  # type: ignore[misc]
    """The admin's new-user form; submitted text is cleaned, passwords are not."""


class MembershipInline(CleanTabularInline):
    model = Membership
    raw_id_fields = ["area", "body"]
    extra = 0


@admin.register(User)
class DanvanUserAdmin(UserAdmin):  # type: ignore[type-arg]  # not subscriptable at runtime
    form = UserChangeForm
    add_form = UserCreationForm
    inlines = [MembershipInline]
