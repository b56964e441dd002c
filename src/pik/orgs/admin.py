"""The admin shows organisation data read-only: every write goes through services (audited)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from pik.orgs.models import Gemeinde, Kreis, Membership, OrgUnit, Provider, Regierungsbezirk, User


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    exclude = ("password",)


@admin.register(Kreis)
class KreisAdmin(ReadOnlyAdmin):
    list_display = ("ags", "name", "kind", "regierungsbezirk")
    search_fields = ("ags", "name")


@admin.register(Gemeinde)
class GemeindeAdmin(ReadOnlyAdmin):
    list_display = ("ags", "name", "kreis", "population")
    search_fields = ("ags", "name")


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "role", "kreis", "gemeinde", "provider", "is_active")
    list_filter = ("role",)


admin.site.register(Regierungsbezirk, ReadOnlyAdmin)
admin.site.register(Provider, ReadOnlyAdmin)
admin.site.register(OrgUnit, ReadOnlyAdmin)
