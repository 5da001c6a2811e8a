from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from danvan.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    raw_id_fields = ["area", "body"]
    extra = 0


@admin.register(User)
class DanvanUserAdmin(UserAdmin):
    inlines = [MembershipInline]
