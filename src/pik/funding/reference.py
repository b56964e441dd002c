"""The two programmes, their yearly state budgets and the rule versions (reference data).

Figures from the domain brief; those marked *derived* were worked out from published cases
(rate per person, fixed amount for a university degree) and are flagged so in the data.
Used by the data migration (with historical models) and by tests after a database flush.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

IM_BUDGETS = {
    2017: "58000000.00",
    2018: "58000000.00",
    2019: "70000000.00",
    2020: "70000000.00",
    2021: "70000000.00",
    2025: "58000000.00",
    2026: "58000000.00",
}
LEGAL_IM = (
    "Verwaltungsvorschrift des Ministeriums für Soziales und Integration über die Förderung "
    "des Integrationsmanagements im Rahmen des Pakts für Integration mit den Kommunen "
    "(VwV Integrationsmanagement)"
)
COMMON = {
    "rate_per_person": Decimal("796.08"),
    "rate_is_derived": True,
    "reference_date": dt.date(2017, 9, 15),
    "min_contingent": Decimal("51000.00"),
    "amount_intermediate": Decimal("51000.00"),
    "amount_university": Decimal("64000.00"),
    "university_is_derived": True,
    "min_position_share": Decimal("0.25"),
    "standard_months": 24,
    "first_tranche_percent": Decimal("60.00"),
    "proof_of_use_months": 3,
    "key_figures_due": "31. Januar",
    "counselling_max_years": 3,
    "counselling_max_years_justified": 4,
}


#: The administrative court per Regierungsbezirk (key → name, street, postcode, city): the court
#: districts in Baden-Württemberg follow the Regierungsbezirke (§ 52 Nr. 3 Satz 2 VwGO).
COURTS = {
    "081": ("Verwaltungsgericht Stuttgart", "Augustenstraße 5", "70178", "Stuttgart"),
    "082": ("Verwaltungsgericht Karlsruhe", "Nördliche Hildapromenade 1", "76133", "Karlsruhe"),
    "083": ("Verwaltungsgericht Freiburg", "Habsburgerstraße 103", "79104", "Freiburg im Breisgau"),
    "084": ("Verwaltungsgericht Sigmaringen", "Karlstraße 13", "72488", "Sigmaringen"),
}


def ensure_courts(apps: Any) -> None:
    """The four administrative courts (idempotent: an address changed in the data is updated)."""
    AdministrativeCourt = apps.get_model("funding", "AdministrativeCourt")
    for key, (name, street, postcode, city) in COURTS.items():
        AdministrativeCourt.objects.update_or_create(
            regierungsbezirk_ags=key,
            defaults={"name": name, "street": street, "postcode": postcode, "city": city},
        )


def ensure_reference_data(apps: Any) -> None:
    """All of the funding reference data (tests after a database flush, the demo)."""
    ensure_programmes(apps)
    ensure_courts(apps)
    ensure_base_rates(apps)


def ensure_programmes(apps: Any) -> None:
    """Programmes, budgets and rule versions (data migration 0002)."""
    Programme = apps.get_model("funding", "Programme")
    Budget = apps.get_model("funding", "Budget")
    RuleVersion = apps.get_model("funding", "RuleVersion")
    has_interruption = any(f.name == "interruption_months" for f in RuleVersion._meta.fields)
    im, _ = Programme.objects.get_or_create(
        code="im",
        defaults={
            "name": "Integrationsmanagement",
            "kind": "staff",
            "description": "Förderung von Integrationsmanagerinnen und -managern in den Kommunen "
            "(Pakt für Integration mit den Kommunen, vereinbart am 27. April 2017).",
            "start_date": dt.date(2017, 4, 27),
        },
    )
    digital, _ = Programme.objects.get_or_create(
        code="digital",
        defaults={
            "name": "Digitale Lösungen im Integrationsmanagement",
            "kind": "digital",
            "description": "Erwerb und Nutzung digitaler Werkzeuge, die die Arbeit der "
            "Integrationsmanagerinnen und -manager unterstützen. Auflage: Zugang für alle "
            "Integrationsmanagerinnen und -manager im Kreis.",
            "start_date": dt.date(2021, 1, 1),
        },
    )
    for year, total in IM_BUDGETS.items():
        Budget.objects.get_or_create(programme=im, year=year, defaults={"total": Decimal(total)})
    Budget.objects.get_or_create(
        programme=digital, year=2021, defaults={"total": Decimal("2200000.00")}
    )
    RuleVersion.objects.get_or_create(
        programme=im,
        effective_from=dt.date(2017, 4, 27),
        defaults={
            **COMMON,
            "name": "VwV Integrationsmanagement 2017",
            "legal_basis": LEGAL_IM,
            "max_total_months": 24,
        },
    )
    RuleVersion.objects.get_or_create(
        programme=im,
        effective_from=dt.date(2020, 1, 1),
        defaults={
            **COMMON,
            "name": "Änderung der VwV vom 11. November 2020",
            "legal_basis": LEGAL_IM,
            "max_total_months": 60,
            # a later field: set here for a fresh database, by migration 0008 on an existing one
            **({"interruption_months": 12} if has_interruption else {}),
        },
    )
    RuleVersion.objects.get_or_create(
        programme=digital,
        effective_from=dt.date(2021, 1, 1),
        defaults={
            "name": "Förderaufruf Digitale Lösungen 2021",
            "legal_basis": "Förderaufruf des Ministeriums für Soziales und Integration "
            "„Digitale Lösungen im Integrationsmanagement“",
            "min_contingent": Decimal("0.00"),
            "min_position_share": Decimal("0.25"),
            "max_total_months": 24,
        },
    )


#: The base rate of § 247 BGB (Deutsche Bundesbank) from each date until the next; the ministry
#: enters later values on the base-rate page.
BASE_RATES = (
    ("2016-07-01", "-0.88"),
    ("2023-01-01", "1.62"),
    ("2023-07-01", "3.12"),
    ("2024-01-01", "3.62"),
    ("2024-07-01", "3.37"),
    ("2025-01-01", "2.27"),
    ("2025-07-01", "1.27"),
)


def ensure_base_rates(apps: Any) -> None:
    """The published base rates (idempotent; a value entered later in the UI is kept)."""
    BaseRate = apps.get_model("funding", "BaseRate")
    for valid_from, rate in BASE_RATES:
        BaseRate.objects.get_or_create(
            valid_from=dt.date.fromisoformat(valid_from), defaults={"rate": Decimal(rate)}
        )
