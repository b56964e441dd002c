"""Key figures (Kennzahlen) for any period and scope, suppressed before anyone sees them.

Scopes: the state, a Regierungsbezirk, a Kreis, a Gemeinde (people living there), an employer
(the people counselled by the integration managers a Träger, Gemeinde or Kreis employs) and one
manager. Who may ask: the statewide roles (ministry, RPS, auditor) for every scope but a single
manager; the Kreis coordinator inside the Kreis; a Gemeinde's or Träger's administration for the
managers it employs; a manager for themselves. Everybody else gets 404, as for a foreign record.

Every list goes through the kernel's one suppression (``pik.core.disclosure``): a count below 5
is shown as "< 5", and a further cell is hidden where a small one could be worked out from the
total. The lists about people (status, sex, age, nationality, duration) share one total, the
number of people counted; if any of them must hide it, all of them do, so no list gives away
what another hides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from pik.casework.selectors import keyfigures as raw
from pik.casework.selectors.keyfigures import Period, Records
from pik.core.disclosure import HIDDEN, Cell, suppress_list
from pik.core.roles import Role
from pik.core.scoping import grants_for
from pik.network import selectors as network
from pik.orgs.selectors import scope_place

STATEWIDE = frozenset({Role.MINISTRY, Role.RPS_HEAD, Role.RPS_CASE_WORKER, Role.AUDITOR})
KINDS = ("state", "regierungsbezirk", "kreis", "gemeinde", "employer", "manager")


@dataclass(frozen=True)
class Scope:
    kind: str
    key: str = ""


@dataclass
class Section:
    """One suppressed list: rows (label, cell) and its total where one is published."""

    key: str
    title: str
    rows: list[tuple[str, Cell]]
    total: Cell | None = None
    withheld: bool = False


@dataclass
class KeyFigures:
    scope_label: str
    period: Period
    persons: Cell
    households: Cell
    sections: list[Section] = field(default_factory=list)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def resolve(user: Any, scope: Scope) -> tuple[str, Records]:
    """The scope's name and records, or 404 when it does not exist or the user may not see it."""
    grants = grants_for(user)
    statewide = bool(grants.roles & STATEWIDE)
    if scope.kind == "state":
        if not statewide:
            raise Http404
        return _("Baden-Württemberg"), Records()
    if scope.kind not in KINDS:
        raise Http404
    place = scope_place(scope.kind, scope.key)
    if place is None:
        raise Http404
    coordinator = place.kreis_id is not None and place.kreis_id in grants.casework_kreise
    if scope.kind == "regierungsbezirk":
        allowed = statewide
        records = Records(regierungsbezirk_ids=(place.regierungsbezirk_id or 0,))
    elif scope.kind in ("kreis", "gemeinde"):
        allowed = statewide or coordinator
        records = Records(
            kreis_ids=(place.kreis_id or 0,),
            gemeinde_ids=(place.gemeinde_id,) if place.gemeinde_id else None,
        )
    elif scope.kind == "employer":
        own = (place.gemeinde_id is not None and place.gemeinde_id in grants.funding_gemeinden) or (
            place.provider_id is not None and place.provider_id in grants.funding_providers
        )
        allowed = statewide or coordinator or own
        records = Records(kreis_ids=(place.kreis_id or 0,), responsible_ids=place.manager_ids)
    else:  # one manager: themselves and their coordinator, not the state
        allowed = coordinator or user.pk in (place.manager_ids or ())
        records = Records(kreis_ids=(place.kreis_id or 0,), responsible_ids=place.manager_ids)
    if not allowed:
        raise Http404
    return place.label, records


def key_figures(*, user: Any, scope: Scope, period: Period) -> KeyFigures:
    label, records = resolve(user, scope)
    return suppressed(label, *counts(records, period))


def counts(records: Records, period: Period) -> tuple[raw.RawKeyFigures, dict[str, dict[str, int]]]:
    """The raw counts of a scope's records (who may see them is the caller's business): case
    work's, and the network's referrals of the same people (casework may not read the network)."""
    referrals = network.referral_counts(
        clients=raw.among_counted("client_id", records, period),
        start=period.start,
        end=period.end,
    )
    return raw.key_figures(records, period), referrals


def suppressed(
    label: str, figures: raw.RawKeyFigures, referrals: dict[str, dict[str, int]] | None = None
) -> KeyFigures:
    persons_status = {
        _("neu"): figures.persons.get("new", 0),
        _("laufend"): figures.persons.get("ongoing", 0),
        _("beendet"): figures.persons.get("ended", 0),
    }
    people = [
        _section("persons", _("Beratene Personen"), persons_status, ordered=True),
        _section("sex", _("Geschlecht"), figures.sex),
        _section("age", _("Alter am Ende des Zeitraums"), figures.age, ordered=True),
        _section("nationality", _("Staatsangehörigkeit"), figures.nationality),
        _section("duration", _("Dauer der Beratung"), figures.duration, ordered=True),
    ]
    if any(s.total is not None and s.total.hidden for s in people):
        for s in people:  # one total for all: hidden in one, hidden in all
            if s.total is not None and not s.total.hidden:
                s.total = Cell(s.total.value, secondary=True)
    persons = people[0].total or Cell(figures.persons_total)
    ended = _ended_by_reason(figures, dict(people[0].rows)[_("beendet")])
    households = suppress_list([figures.households], total=False).cells[0]
    others = [
        _section("channel", _("Kontakte nach Kontaktart"), figures.contacts_by_channel),
        # a contact may have several topics: no total (it would not be a sum)
        _section("topic", _("Kontakte nach Thema"), figures.contacts_by_topic, total=False),
        _section(
            "plans",
            _("Integrationspläne"),
            {
                _("erstellt"): figures.plans.get("created", 0),
                _("überprüft"): figures.plans.get("reviewed", 0),
            },
            ordered=True,
            total=False,
        ),
        _section("goals_set", _("Ziele gesetzt je Handlungsfeld"), figures.goals_set),
        _section("goals_reached", _("Ziele erreicht je Handlungsfeld"), figures.goals_reached),
    ]
    if referrals is not None:
        others += [
            _section("referral_kind", _("Vermittlungen nach Art des Partners"), referrals["kind"]),
            _section("referral_status", _("Vermittlungen nach Stand"), referrals["status"]),
        ]
    return KeyFigures(
        scope_label=label,
        period=figures.period,
        persons=persons,
        households=households,
        sections=[*people, ended, *others],
    )


def _ended_by_reason(figures: raw.RawKeyFigures, ended: Cell) -> Section:
    """The people ended in the period by reason. The reasons add up to "beendet" of the first
    list, so that number is their total: suppressed against it, and withheld as a whole where
    either list hides it (else the reasons would give away the hidden "beendet", or it a
    hidden reason)."""
    section = _section(
        "ended_reason",
        _("Beendete Beratungen nach Grund"),
        figures.ended_by_reason,
        ordered=True,
    )
    if ended.value and (ended.hidden or section.total is None or section.total.hidden):
        section.withheld = True
    return section


def _section(
    key: str, title: str, counts: dict[str, int], *, ordered: bool = False, total: bool = True
) -> Section:
    """Rows sorted by label (not by size: an order by size would tell where a hidden count
    lies), or in the given order for bands and statuses."""
    items = list(counts.items()) if ordered else sorted(counts.items())
    column = suppress_list([n for _, n in items], total=total)
    return Section(
        key=key,
        title=title,
        rows=list(zip([label for label, _ in items], column.cells, strict=True)),
        total=column.total,
        withheld=column.withheld,
    )


def shown(cell: Cell | None) -> str:
    """How a cell reads in an export: the number, "< 5" or "x"."""
    return "" if cell is None else str(cell) if cell.hidden else str(cell.value)


__all__ = ["HIDDEN", "KeyFigures", "Period", "Scope", "Section", "key_figures", "shown"]
