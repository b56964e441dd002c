"""Demo organisation: the RPS unit, the ministry, Kreise with coordinators and integration managers.

Idempotent: users are found by e-mail; every demo user gets the same password and a TOTP secret
derived from the e-mail, so the logins stay the same across runs (`pik demo_totp EMAIL`).
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from typing import Any, TextIO

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password

from pik.core.roles import Role
from pik.orgs import services
from pik.orgs.models import Gemeinde, Kreis, Membership, Provider, User

DEMO_DOMAIN = "demo.pik-bw.example"
DEMO_PASSWORD = "Demo-Passwort-2026"  # noqa: S105 - printed demo login, not a secret

# Kreise that get a full demo team: Stuttgart (Stadtkreis), Böblingen, Ortenaukreis, Tübingen.
DEMO_KREISE = ["08111", "08115", "08317", "08416"]
CASE_WORKERS = [
    ("sachbearbeitung.stuttgart", "Sabine", "Keller", "1"),
    ("sachbearbeitung.karlsruhe", "Jonas", "Weber", "2"),
    ("sachbearbeitung.freiburg", "Aylin", "Demir", "3"),
    ("sachbearbeitung.tuebingen", "Markus", "Brenner", "4"),
]
TEAMS: dict[str, dict[str, Any]] = {
    "08111": {
        "slug": "stuttgart",
        "coordinator": ("Petra", "Hahn"),
        "providers": [
            ("Caritasverband für Stuttgart e.V.", "caritas"),
            ("Evangelische Gesellschaft Stuttgart e.V.", "diakonie"),
        ],
        "managers": [("Lena", "Schäfer", "kreis"), ("Omar", "Haddad", 0), ("Julia", "Brandt", 1)],
        "gemeinde_admin": None,
    },
    "08115": {
        "slug": "boeblingen",
        "coordinator": ("Thomas", "Maier"),
        "providers": [("DRK-Kreisverband Böblingen e.V.", "drk")],
        "managers": [
            ("Miriam", "Vogt", "08115003"),
            ("Farid", "Rahimi", 0),
            ("Anna", "Lehmann", "08115045"),
        ],
        "gemeinde_admin": ("08115003", "Claudia", "Fischer"),
    },
    "08317": {
        "slug": "ortenau",
        "coordinator": ("Stefan", "Roth"),
        "providers": [("AWO Ortenau e.V.", "awo")],
        "managers": [("Katrin", "Wolf", "kreis"), ("Yusuf", "Aydin", 0)],
        "gemeinde_admin": ("08317096", "Bernd", "Schmid"),
    },
    "08416": {
        "slug": "tuebingen",
        "coordinator": ("Eva", "Kuhn"),
        "providers": [("Diakonieverband Reutlingen-Tübingen", "diakonie")],
        "managers": [("Hannah", "Berger", "08416041"), ("Daniel", "Koch", 0)],
        "gemeinde_admin": ("08416041", "Ulrike", "Wagner"),
    },
}


PROVIDER_ADMINS = {
    "stuttgart": ("Nadine", "Krüger"),
    "boeblingen": ("Tobias", "Frank"),
    "ortenau": ("Sevgi", "Yılmaz"),
    "tuebingen": ("Lukas", "Huber"),
}


@cache
def _demo_password_hash() -> str:
    """Hashing once and reusing the hash keeps seeding fast (PBKDF2 is slow by design)."""
    return make_password(DEMO_PASSWORD)


def demo_totp_secret(email: str) -> str:
    digest = hashlib.sha256(f"pik-demo:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")


def _user(email_local: str, first: str, last: str) -> tuple[User, bool]:
    email = f"{email_local}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    created = user is None
    if user is None:
        user = services.user_create(email=email, first_name=first, last_name=last, actor=None)
        User.objects.filter(pk=user.pk).update(password=_demo_password_hash())
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo_totp_secret(email))
    return user, created


def _ensure(user: User, role: Role, **where: Any) -> None:
    lookup = {k: v for k, v in where.items() if k != "responsible_kreise"}
    if not Membership.objects.filter(user=user, role=role, **lookup).exists():
        services.membership_create(user=user, role=role, actor=None, **where)


LOGINS: list[tuple[str, str]] = []


def seed(*, stdout: TextIO) -> None:
    if not Kreis.objects.exists():
        services.reference_data_load()
    LOGINS.clear()

    def login(user: User, label: str) -> None:
        LOGINS.append((user.email, label))

    user, _ = _user("ministerium", "Karin", "Lorenz")
    _ensure(user, Role.MINISTRY)
    login(user, "Ministerium (nur Kennzahlen)")

    user, _ = _user("referatsleitung", "Martin", "Vogel")
    _ensure(user, Role.RPS_HEAD)
    login(user, "RPS Referatsleitung 15.2")

    for local, first, last, digit in CASE_WORKERS:
        user, _ = _user(local, first, last)
        kreise = list(Kreis.objects.filter(ags__startswith=f"08{digit}"))
        _ensure(user, Role.RPS_CASE_WORKER, responsible_kreise=kreise)
        login(user, f"RPS Sachbearbeitung ({len(kreise)} Kreise)")

    user, _ = _user("pruefung", "Gerhard", "Stein")
    _ensure(user, Role.AUDITOR)
    login(user, "Prüfung, nur lesend")

    user, _ = _user("redaktion", "Sabine", "Kraft")
    _ensure(user, Role.PORTAL_EDITOR)
    login(user, "Redaktion des öffentlichen Portals")

    for ags, team in TEAMS.items():
        _seed_team(Kreis.objects.get(ags=ags), team, login)
    _print_logins(stdout)


def _seed_team(kreis: Kreis, team: dict[str, Any], login: Any) -> None:
    slug = team["slug"]
    providers = []
    for name, association in team["providers"]:
        provider = Provider.objects.filter(
            kreis=kreis, name=name
        ).first() or services.provider_create(
            name=name, association=association, kreis=kreis, actor=None
        )
        providers.append(provider)
    first, last = team["coordinator"]
    user, _ = _user(f"koordination.{slug}", first, last)
    _ensure(user, Role.KREIS_COORDINATOR, kreis=kreis)
    login(user, f"Koordination {kreis.official_name}")
    for index, (first, last, employer) in enumerate(team["managers"], start=1):
        user, _ = _user(f"im{index}.{slug}", first, last)
        if employer == "kreis":
            _ensure(user, Role.INTEGRATION_MANAGER, kreis=kreis)
            where = "beim Kreis"
        elif isinstance(employer, int):
            _ensure(user, Role.INTEGRATION_MANAGER, kreis=kreis, provider=providers[employer])
            where = f"bei {providers[employer]}"
        else:
            gemeinde = Gemeinde.objects.get(ags=employer)
            _ensure(user, Role.INTEGRATION_MANAGER, kreis=kreis, gemeinde=gemeinde)
            where = f"bei {gemeinde}"
        login(user, f"Integrationsmanagement {kreis}, {where}")
    if team["gemeinde_admin"]:
        g_ags, first, last = team["gemeinde_admin"]
        gemeinde = Gemeinde.objects.get(ags=g_ags)
        user, _ = _user(f"gemeinde.{slug}", first, last)
        _ensure(user, Role.GEMEINDE_ADMIN, gemeinde=gemeinde)
        login(user, f"Verwaltung {gemeinde}")
    first, last = PROVIDER_ADMINS[slug]
    user, _ = _user(f"traeger.{slug}", first, last)
    _ensure(user, Role.PROVIDER_ADMIN, provider=providers[0])
    login(user, f"Verwaltung {providers[0]}")


def _print_logins(stdout: TextIO) -> None:
    stdout.write(f"\nDemo-Anmeldungen (Passwort für alle: {DEMO_PASSWORD})\n")
    stdout.write(
        "Zwei-Faktor-Code: `.venv/bin/pik demo_totp E-MAIL` (oder TOTP-Schlüssel in einer App)\n"
    )
    width = max(len(e) for e, _ in LOGINS)
    for email, label in LOGINS:
        stdout.write(f"  {email.ljust(width)}  {label}  [TOTP {demo_totp_secret(email)}]\n")
