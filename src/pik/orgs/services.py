"""Every write to organisations, users and memberships."""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction

from pik.core import audit, tables
from pik.core.roles import STATEWIDE_ROLES, Role
from pik.core.uploads import UploadError
from pik.orgs import rules
from pik.orgs.models import (
    Gemeinde,
    Kreis,
    Land,
    Membership,
    OrgUnit,
    Provider,
    Regierungsbezirk,
    TotpStep,
    User,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
REGIERUNGSBEZIRKE = {"1": "Stuttgart", "2": "Karlsruhe", "3": "Freiburg", "4": "Tübingen"}
KREIS_COLUMNS = ["ags", "name", "kind", "regierungsbezirk"]
GEMEINDE_COLUMNS = ["ags", "name", "kreis_ags", "population"]


class ReferenceDataError(ValueError):
    """Bad reference data; ``errors`` lists every problem with its line number."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__(
            "Referenzdaten fehlerhaft, nichts wurde gespeichert:\n" + "\n".join(errors)
        )


@dataclass(frozen=True)
class LoadResult:
    kreise_created: int
    kreise_updated: int
    gemeinden_created: int
    gemeinden_updated: int


def _read_csv(
    source: tables.Source, columns: list[str], label: str
) -> list[tuple[int, dict[str, str]]]:
    """Rows of a reference CSV by the kernel's bounded reader (size and rows capped, streamed)."""
    try:
        name = str(getattr(source, "name", label))  # an open file names itself
        rows = tables.read_rows(source, name=name, delimiter=",", allow_xlsx=False)
        first = next(rows, None)
        header = [c.strip() for c in first[1]] if first else []
        if header != columns:
            raise ReferenceDataError(
                [
                    f"{label}: Kopfzeile muss lauten „{','.join(columns)}“, "
                    f"gefunden „{','.join(header)}“."
                ]
            )
        result = []
        for line, cells in rows:
            if not cells:
                continue  # a blank line, as csv.DictReader skipped it
            if len(cells) != len(columns):
                raise ReferenceDataError([f"{label}, Zeile {line}: falsche Anzahl von Spalten."])
            result.append((line, {k: v.strip() for k, v in zip(columns, cells, strict=True)}))
    except UploadError as exc:
        raise ReferenceDataError([f"{label}: {exc}"]) from exc
    return result


def _parse_kreise(text: tables.Source) -> tuple[list[dict[str, str]], list[str]]:
    errors: list[str] = []
    result: list[dict[str, str]] = []
    seen: set[str] = set()
    for line, row in _read_csv(text, KREIS_COLUMNS, "Kreise"):
        where = f"Kreise, Zeile {line}"
        ags = row["ags"]
        if not re.fullmatch(r"08[1-4]\d\d", ags):
            errors.append(f"{where}: unbekannter Kreisschlüssel „{ags}“ (erwartet 08xxx).")
            continue
        if ags in seen:
            errors.append(f"{where}: Kreisschlüssel {ags} kommt doppelt vor.")
        seen.add(ags)
        if row["kind"] not in Kreis.Kind.values:
            errors.append(f"{where}: Art „{row['kind']}“ ist weder Stadtkreis noch Landkreis.")
        if REGIERUNGSBEZIRKE[ags[2]] != row["regierungsbezirk"]:
            errors.append(
                f"{where}: Regierungsbezirk „{row['regierungsbezirk']}“ passt nicht zum "
                f"Schlüssel {ags}."
            )
        if not row["name"]:
            errors.append(f"{where}: Name fehlt.")
        result.append(row)
    return result, errors


def _parse_gemeinden(
    text: tables.Source, kreis_ags: set[str]
) -> tuple[list[dict[str, Any]], list[str]]:
    errors: list[str] = []
    result: list[dict[str, Any]] = []
    seen: set[str] = set()
    for line, row in _read_csv(text, GEMEINDE_COLUMNS, "Gemeinden"):
        where = f"Gemeinden, Zeile {line}"
        ags = row["ags"]
        if not re.fullmatch(r"08\d{6}", ags):
            errors.append(
                f"{where}: ungültiger Gemeindeschlüssel „{ags}“ (erwartet 8 Ziffern, 08…)."
            )
            continue
        if ags in seen:
            errors.append(f"{where}: Gemeindeschlüssel {ags} kommt doppelt vor.")
        seen.add(ags)
        if row["kreis_ags"] != ags[:5] or row["kreis_ags"] not in kreis_ags:
            errors.append(f"{where}: unbekannter Kreis „{row['kreis_ags']}“ für Gemeinde {ags}.")
        try:
            population = int(row["population"])
            if population < 0:
                raise ValueError
        except ValueError:
            errors.append(f"{where}: Einwohnerzahl „{row['population']}“ ist keine Zahl ≥ 0.")
            continue
        if not row["name"]:
            errors.append(f"{where}: Name fehlt.")
        result.append({**row, "population": population})
    return result, errors


def _or_shipped(source: tables.Source | None, filename: str, files: ExitStack) -> tables.Source:
    """The given CSV, else the one shipped in orgs/data (opened, closed with ``files``)."""
    if source is not None:
        return source
    return files.enter_context((DATA_DIR / filename).open("rb"))


@transaction.atomic
def reference_data_load(
    *,
    kreise_csv: tables.Source | None = None,
    gemeinden_csv: tables.Source | None = None,
    actor: User | None = None,
) -> LoadResult:
    """Load or update Land, Regierungsbezirke, Kreise and Gemeinden (idempotent by AGS).

    All rows are checked first; with any error nothing is saved. A CSV may be given as text or
    as an open binary file (read by ``pik.core.tables``: size-checked first, then streamed);
    without one, the data shipped in ``orgs/data`` are loaded.
    """
    rules.require_system_administration(actor, "Referenzdaten laden")
    with ExitStack() as files:
        kreis_rows, errors = _parse_kreise(_or_shipped(kreise_csv, "bw_kreise.csv", files))
        known_kreise = {r["ags"] for r in kreis_rows} | set(
            Kreis.objects.values_list("ags", flat=True)
        )
        gemeinde_rows, gemeinde_errors = _parse_gemeinden(
            _or_shipped(gemeinden_csv, "bw_gemeinden.csv", files), known_kreise
        )
    errors += gemeinde_errors
    if errors:
        raise ReferenceDataError(errors)

    land, _ = Land.objects.get_or_create(ags="08", defaults={"name": "Baden-Württemberg"})
    bezirke = {}
    for digit, name in REGIERUNGSBEZIRKE.items():
        bezirke[name], _ = Regierungsbezirk.objects.get_or_create(
            ags=f"08{digit}", defaults={"name": name, "land": land}
        )

    existing_k = {k.ags: k for k in Kreis.objects.all()}
    new_k, changed_k = [], []
    for r in kreis_rows:
        values = {
            "name": r["name"],
            "kind": r["kind"],
            "regierungsbezirk": bezirke[r["regierungsbezirk"]],
        }
        kreis = existing_k.get(r["ags"])
        if kreis is None:
            new_k.append(Kreis(ags=r["ags"], **values))
        elif any(getattr(kreis, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(kreis, f, v)
            changed_k.append(kreis)
    Kreis.objects.bulk_create(new_k)
    Kreis.objects.bulk_update(changed_k, ["name", "kind", "regierungsbezirk"])

    kreis_ids = dict(Kreis.objects.values_list("ags", "id"))
    existing_g = {g.ags: g for g in Gemeinde.objects.all()}
    new_g, changed_g = [], []
    for r in gemeinde_rows:
        values = {
            "name": r["name"],
            "kreis_id": kreis_ids[r["kreis_ags"]],
            "population": r["population"],
        }
        gemeinde = existing_g.get(r["ags"])
        if gemeinde is None:
            new_g.append(Gemeinde(ags=r["ags"], **values))
        elif any(getattr(gemeinde, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(gemeinde, f, v)
            changed_g.append(gemeinde)
    Gemeinde.objects.bulk_create(new_g, batch_size=500)
    Gemeinde.objects.bulk_update(changed_g, ["name", "kreis_id", "population"], batch_size=500)

    result = LoadResult(len(new_k), len(changed_k), len(new_g), len(changed_g))
    if new_k or changed_k or new_g or changed_g:
        audit.record(
            actor=actor,
            action="reference_data.load",
            kreise_created=result.kreise_created,
            kreise_updated=result.kreise_updated,
            gemeinden_created=result.gemeinden_created,
            gemeinden_updated=result.gemeinden_updated,
        )
    return result


@transaction.atomic
def user_create(
    *,
    email: str,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    actor: User | None,
) -> User:
    rules.require_system_administration(actor, "Konten anlegen")
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": f"Es gibt bereits ein Konto mit der E-Mail-Adresse {email}."}
        )
    user = User.objects.create_user(
        email=email, password=password, first_name=first_name, last_name=last_name
    )
    audit.record(actor=actor, action="user.create", target=user, email=email)
    return user


@transaction.atomic
def membership_create(
    *,
    user: User,
    role: Role | str,
    kreis: Kreis | None = None,
    gemeinde: Gemeinde | None = None,
    provider: Provider | None = None,
    org_unit: OrgUnit | None = None,
    responsible_kreise: Iterable[Kreis] = (),
    actor: User | None,
) -> Membership:
    """Give ``user`` a role. The Kreis follows from the Gemeinde or Träger where given."""
    rules.require_system_administration(actor, "Rollen vergeben")
    role = Role(role)
    errors: dict[str, str] = {}
    if gemeinde is not None:
        kreis = kreis or gemeinde.kreis
        if gemeinde.kreis_id != kreis.pk:
            errors["gemeinde"] = "Die Gemeinde liegt nicht im angegebenen Kreis."
    if provider is not None and role == Role.PROVIDER_ADMIN:
        kreis = kreis or provider.kreis
    responsible = list(responsible_kreise)
    if role in STATEWIDE_ROLES:
        if kreis or gemeinde or provider:
            errors["role"] = (
                "Landesweite Rollen gehören zu keinem Kreis, keiner Gemeinde und keinem Träger."
            )
    elif kreis is None:
        errors["kreis"] = "Für diese Rolle muss ein Kreis angegeben werden."
    if role == Role.GEMEINDE_ADMIN and gemeinde is None:
        errors["gemeinde"] = "Für die Verwaltung einer Gemeinde muss die Gemeinde angegeben werden."
    if role == Role.PROVIDER_ADMIN and provider is None:
        errors["provider"] = "Für die Verwaltung eines Trägers muss der Träger angegeben werden."
    if gemeinde is not None and provider is not None:
        errors["provider"] = "Arbeitgeber ist entweder eine Gemeinde oder ein Träger, nicht beides."
    if responsible and role != Role.RPS_CASE_WORKER:
        errors["responsible_kreise"] = "Zuständige Kreise gibt es nur für die RPS-Sachbearbeitung."
    if errors:
        raise ValidationError(errors)
    membership = Membership.objects.create(
        user=user, role=role, kreis=kreis, gemeinde=gemeinde, provider=provider, org_unit=org_unit
    )
    if responsible:
        membership.responsible_kreise.set(responsible)
    audit.record(
        actor=actor,
        action="membership.create",
        target=membership,
        user_id=user.pk,
        role=str(role),
        responsible_kreise=[k.ags for k in responsible],
    )
    return membership


@transaction.atomic
def provider_create(*, name: str, association: str, kreis: Kreis, actor: User | None) -> Provider:
    rules.require_system_administration(actor, "Träger anlegen")
    if Provider.objects.filter(kreis=kreis, name=name).exists():
        raise ValidationError({"name": f"Den Träger „{name}“ gibt es in diesem Kreis bereits."})
    provider = Provider.objects.create(name=name, association=association, kreis=kreis)
    # A Träger is public reference data (no Kreis in its scope): its Kreis is named here.
    audit.record(actor=actor, action="provider.create", target=provider, kreis_id=kreis.pk)
    return provider


@transaction.atomic
def totp_step_claim(*, authenticator: Authenticator, step: int) -> bool:
    """Accept a TOTP time step of ``authenticator`` once: only if it is after the last accepted.

    RFC 6238, section 5.2: a verifier must not accept the same code a second time. One
    conditional UPDATE decides, so two processes given the same code cannot both accept it: on
    PostgreSQL the second waits for the first's row lock and then finds the step taken, on SQLite
    the write transactions run one after the other. No audit event: this is a step of the login,
    which allauth records; the user is the actor and not yet signed in.
    """
    TotpStep.objects.bulk_create(
        [TotpStep(authenticator=authenticator, last_step=-1)], ignore_conflicts=True
    )
    taken = TotpStep.objects.filter(authenticator=authenticator, last_step__lt=step).update(
        last_step=step
    )
    return taken == 1
