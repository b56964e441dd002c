"""The audit actions of the network, with the label every access log shows."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "referral.record": _("Weitergabe an Netzwerkpartner eingetragen"),
}
