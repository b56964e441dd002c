"""The audit actions of the organisation, with the label every log shows."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "reference_data.load": _("Referenzdaten geladen"),
    "user.create": _("Konto angelegt"),
    "membership.create": _("Rolle vergeben"),
    "provider.create": _("Träger angelegt"),
}
