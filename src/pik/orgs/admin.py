from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from pik.orgs.models import Gemeinde, Kreis, Membership, OrgUnit, Provider, Regierungsbezirk, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_active", "is_staff")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("first_name", "last_name")}),
        ("Rechte", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(Kreis)
class KreisAdmin(admin.ModelAdmin):
    list_display = ("ags", "name", "kind", "regierungsbezirk")
    search_fields = ("ags", "name")


@admin.register(Gemeinde)
class GemeindeAdmin(admin.ModelAdmin):
    list_display = ("ags", "name", "kreis", "population")
    search_fields = ("ags", "name")


admin.site.register(Regierungsbezirk)
admin.site.register(Provider)
admin.site.register(OrgUnit)
admin.site.register(Membership)
