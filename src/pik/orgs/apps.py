from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "pik.orgs"
    label = "orgs"
    verbose_name = "Organisationen"

    def ready(self) -> None:
        # Imported once the models are loaded; checks registers the deploy check on import.
        from allauth.mfa.signals import authenticator_added  # noqa: PLC0415

        from pik.orgs import checks, mfa  # noqa: F401, PLC0415

        authenticator_added.connect(mfa.totp_activated, dispatch_uid="pik.orgs.totp_activated")

        from pik.core import audit  # noqa: PLC0415
        from pik.orgs.actions import ACTIONS  # noqa: PLC0415

        audit.register_actions(ACTIONS)
