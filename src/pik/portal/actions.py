"""The audit actions of the portal, with the label every log shows."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "portal.page.save": _("Portalseite gespeichert"),
    "portal.page.restore": _("Ältere Version einer Portalseite wiederhergestellt"),
    "portal.faq.save": _("Häufige Frage gespeichert"),
    "portal.document_upload": _("Dokument hochgeladen"),
    "portal.event_save": _("Veranstaltung gespeichert"),
    "portal.event_file_add": _("Veranstaltungsunterlage hinzugefügt"),
    "portal.announcement_create": _("Hinweis angelegt"),
    "portal.announcement_publish": _("Hinweis veröffentlicht"),
    "portal.announcement_unpublish": _("Hinweis zurückgezogen"),
}
