"""The audit actions of the network, with the label every access log shows."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "referral.record": _("Weitergabe an Netzwerkpartner eingetragen"),
    "actor.create": _("Netzwerkpartner eingetragen oder vorgeschlagen"),
    "actor.update": _("Netzwerkpartner geändert"),
    "actor.accept": _("Vorgeschlagenen Netzwerkpartner aufgenommen"),
    "actor.import": _("Netzwerkpartner aus Datei übernommen"),
}
