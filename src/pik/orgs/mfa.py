"""Second-factor login on top of allauth.mfa: each TOTP code once, and set-up counts as a login.

allauth (65.21) remembers used codes for one 30-second period in the cache, while a code stays
valid for up to three periods (MFA_TOTP_TOLERANCE = 1) and the cache may be per process. Here the
last accepted time step is kept per authenticator in the database (``services.totp_step_claim``)
and every step at or before it is refused. The forms are plugged in through allauth's
``MFA_FORMS`` setting; they keep allauth's rate limits and failure signals.
"""

from __future__ import annotations

import enum
from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.core.internal.cryptokit import compare_user_code
from allauth.mfa.adapter import get_adapter
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.base.internal.flows import check_rate_limit
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import forms as totp_forms
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.http import HttpRequest

from pik.orgs import services

ACTIVATION_STEP_KEY = "pik.totp.activation_step"


def totp_step_of(secret: str, code: str) -> int | None:
    """The latest time step in allauth's window (now ± MFA_TOTP_TOLERANCE) whose code is ``code``.

    The same comparison as allauth's ``validate_totp_code``, which answers only yes or no; the
    step is needed to refuse it the next time. allauth's insecure bypass code is not honoured.
    """
    steps = [
        step
        for step in yield_hotp_counters_from_time()
        if compare_user_code(actual=code, expected=format_hotp_value(hotp_value(secret, step)))
    ]
    return max(steps, default=None)


class CodeCheck(enum.Enum):
    ACCEPTED = "accepted"
    USED = "used"  # valid in the window, but its step (or a later one) was accepted already
    WRONG = "wrong"


def code_check(authenticator: Authenticator, code: str) -> CodeCheck:
    """Whether ``code`` signs in with ``authenticator``; a TOTP step is accepted only once, and a
    code of a step already used is told apart from a wrong one."""
    if authenticator.type != Authenticator.Type.TOTP:  # recovery codes: used up by allauth
        return CodeCheck.ACCEPTED if authenticator.wrap().validate_code(code) else CodeCheck.WRONG
    step = totp_step_of(decrypt(authenticator.data["secret"]), code)
    if step is None:
        return CodeCheck.WRONG
    if services.totp_step_claim(authenticator=authenticator, step=step):
        return CodeCheck.ACCEPTED
    return CodeCheck.USED


def code_accepted(authenticator: Authenticator, code: str) -> bool:
    """Whether ``code`` signs in with ``authenticator``; a TOTP step is accepted only once."""
    return code_check(authenticator, code) == CodeCheck.ACCEPTED


class _OnceOnlyCodeMixin(mfa_forms.BaseAuthenticateForm):
    def clean_code(self) -> str:
        """allauth's ``BaseAuthenticateForm.clean_code`` with ``code_check`` as the check; a code
        typed a second time within its window is refused as used, not as wrong."""
        clear_rate_limit = check_rate_limit(self.user)
        code: str = self.cleaned_data["code"]
        main: Authenticator | None = None
        used = False
        for authenticator in Authenticator.objects.filter(user=self.user).exclude(
            type=Authenticator.Type.WEBAUTHN  # cannot check typed codes
        ):
            if main is None or authenticator.type == Authenticator.Type.TOTP:
                main = authenticator
            result = code_check(authenticator, code)
            if result == CodeCheck.ACCEPTED:
                authenticator.user = self.user
                self.authenticator = authenticator
                clear_rate_limit()
                return code
            used = used or result == CodeCheck.USED
        if main is not None:
            self._emit_authentication_failed(main)
        raise get_adapter().validation_error("code_already_used" if used else "incorrect_code")


class AuthenticateForm(_OnceOnlyCodeMixin, mfa_forms.AuthenticateForm):
    """The code step of the login."""


class ReauthenticateForm(_OnceOnlyCodeMixin, mfa_forms.ReauthenticateForm):
    """The code prompt before changing the second factor."""


class ActivateTOTPForm(totp_forms.ActivateTOTPForm):
    """Setting up TOTP: the code that proves the new authenticator is used up like a login code.

    The authenticator is created after this form, so the step waits in the session until
    ``totp_activated`` stores it.
    """

    def clean_code(self) -> str:
        code: str = super().clean_code()
        context.request.session[ACTIVATION_STEP_KEY] = totp_step_of(self.secret, code)
        return code


def totp_activated(
    sender: Any,
    request: HttpRequest | None,
    user: Any,
    authenticator: Authenticator,
    **kwargs: Any,
) -> None:
    """allauth's ``authenticator_added``: the set-up code was this session's second factor.

    A user whose role needs two-factor login but who has no authenticator yet may, after the
    password, only set one up (RequireMfaMiddleware); typing a valid code of the new
    authenticator proves the second factor for this session, as the login's code step would.
    """
    if request is None or authenticator.type != Authenticator.Type.TOTP:
        return
    step = request.session.pop(ACTIVATION_STEP_KEY, None)
    if step is not None:
        services.totp_step_claim(authenticator=authenticator, step=step)
    if request.user.is_authenticated and request.user.pk == user.pk:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )
