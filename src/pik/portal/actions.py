"""The audit actions of the portal, with the label every access log shows."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "portal.page.save": _("Portalseite gespeichert"),
    "portal.page.restore": _("Ältere Version einer Portalseite wiederhergestellt"),
    "portal.faq.save": _("Häufige Frage gespeichert"),
}
