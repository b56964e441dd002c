from __future__ import annotations

from typing import Any, ClassVar

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pik.core.roles import Role
from pik.core.scoping import grants_for


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by administrators; nobody signs up on their own."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        """An integration manager starts the day on "Mein Tag"; a coordinator (who also sees
        the Kreis) and every other role on the start page."""
        roles = grants_for(request.user).roles
        if Role.INTEGRATION_MANAGER in roles and Role.KREIS_COORDINATOR not in roles:
            return reverse("casework:my_day")
        return str(super().get_login_redirect_url(request))

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """First-time TOTP set-up, forced right after login, needs no second password prompt.

        Once a user has an authenticator, changing or removing it asks for the password again.
        """
        request = self.request
        user = getattr(request, "user", None)
        if (
            app == "allauth.mfa"
            and user is not None
            and user.is_authenticated
            and not Authenticator.objects.filter(user=user).exists()
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    """German messages for the code steps; a user whose role needs the second factor
    (``User.requires_mfa``) cannot switch the authenticator app off (recovery codes may still be
    regenerated)."""

    error_messages: ClassVar[dict[str, Any]] = {
        **DefaultMFAAdapter.error_messages,
        "incorrect_code": _("Falscher Code."),
        "code_already_used": _(
            "Dieser Code wurde bereits verwendet – bitte warten Sie auf den nächsten."
        ),
        "cannot_delete_authenticator": _(
            "Ihre Rolle verlangt die Anmeldung mit einem zweiten Faktor. Die Authenticator-App "
            "kann daher nicht deaktiviert werden. Wenn Sie Ihr Gerät wechseln, wenden Sie sich "
            "an Ihre Administration."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        return not must_keep_second_factor(authenticator.user)


def must_keep_second_factor(user: Any) -> bool:
    """Whether the user's role requires the second factor, so it cannot be switched off."""
    return bool(getattr(user, "requires_mfa", False))
