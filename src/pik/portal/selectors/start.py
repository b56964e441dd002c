"""The start page in one call: the programmes with their budgets, the next deadlines, FAQ."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from pik.funding import selectors as funding

MONTHS = {
    name: number
    for number, name in enumerate(
        (
            "januar", "februar", "märz", "april", "mai", "juni",
            "juli", "august", "september", "oktober", "november", "dezember",
        ),
        start=1,
    )
}  # fmt: skip
DAY_MONTH = re.compile(r"^\s*(\d{1,2})\.\s*([A-Za-zäÄ]+)\s*$")


@dataclass(frozen=True)
class Deadline:
    on: dt.date
    what: str
    programme: str


def next_day_month(text: str, today: dt.date) -> dt.date | None:
    """The next date (today or later) for a rule's "31. Januar"; None if it is no such date."""
    found = DAY_MONTH.match(text or "")
    month = MONTHS.get(found.group(2).lower()) if found else None
    if found is None or month is None:
        return None
    for year in (today.year, today.year + 1):
        try:
            day = dt.date(year, month, int(found.group(1)))
        except ValueError:
            return None
        if day >= today:
            return day
    return None


def next_deadlines(*, programmes: list[Any], today: dt.date) -> list[Deadline]:
    """Dates from the programme data: key figures due, rule versions that come into force."""
    found: list[Deadline] = []
    for item in programmes:
        name = str(item.programme.get_kind_display())
        rule = item.rule
        if rule is not None and item.programme.kind == "staff":
            due = next_day_month(rule.key_figures_due, today)
            if due is not None:
                found.append(Deadline(due, _("Kennzahlen für das Vorjahr einreichen"), name))
        for version in funding.upcoming_rule_versions(programme=item.programme, today=today):
            found.append(
                Deadline(
                    version.effective_from,
                    _("Neue Fassung der Förderrichtlinie gilt: %(name)s") % {"name": version.name},
                    name,
                )
            )
    return sorted(found, key=lambda d: d.on)[:5]


def start_page(*, today: dt.date | None = None) -> dict[str, Any]:
    on = today or timezone.localdate()
    programmes = funding.public_programmes(today=on)
    return {"programmes": programmes, "deadlines": next_deadlines(programmes=programmes, today=on)}
