"""Contingents: persons per Gemeinde read in, amounts computed, a fixed budget split."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone

from pik.core import audit
from pik.core.money import allocate
from pik.core.numbers import parse_number
from pik.core.uploads import UploadError
from pik.funding import calculation, rules, selectors
from pik.funding.models import Budget, Contingent, Programme, RuleVersion
from pik.funding.uploads import read_person_rows
from pik.orgs.models import Gemeinde, User


@dataclass(frozen=True)
class ImportResult:
    saved: int
    errors: list[str]


@transaction.atomic
def contingents_import(
    *,
    programme: Programme,
    year: int,
    data: bytes | IO[bytes],
    filename: str,
    actor: User | None,
    is_demo: bool = False,
) -> ImportResult:
    """Persons in follow-up housing per Gemeinde on the rule's reference date → the contingents
    of funding year ``year``, computed and labelled by the rule version in force in that year.

    All rows are checked first; with any bad row nothing is saved and every error is listed.
    ``data`` is best the uploaded file itself: it is then size-checked before it is read and
    read as a stream (``pik.core.tables``).
    """
    rules.require(
        rules.may_manage_contingents(actor),
        "Nur das Regierungspräsidium darf Mittelkontingente einlesen.",
    )
    if not isinstance(year, int) or year < programme.start_date.year or year > 2100:
        return ImportResult(
            0,
            [f"Bitte ein Förderjahr ab {programme.start_date.year} angeben (angegeben: „{year}“)."],
        )
    rule = selectors.contingent_rule_version(programme=programme, year=year)
    if rule is None or rule.reference_date is None or rule.rate_per_person is None:
        return ImportResult(
            0,
            [
                f"Für das Förderjahr {year} gilt keine Fassung der Förderrichtlinie mit Stichtag "
                "und Betrag je Person."
            ],
        )
    try:
        rows = read_person_rows(data, filename)
    except UploadError as exc:
        return ImportResult(0, [str(exc)])
    # (pk, name) by AGS, and ids instead of model objects below: with 11,000 Gemeinden the
    # model instances were most of the import's time (bench/bench_contingents.py).
    gemeinden = {
        ags: (pk, name) for ags, pk, name in Gemeinde.objects.values_list("ags", "pk", "name")
    }
    errors: list[str] = []
    parsed: dict[str, tuple[int, int]] = {}
    for row in rows:
        gemeinde = gemeinden.get(row.ags)
        if gemeinde is None:
            errors.append(f"Zeile {row.line}: unbekannter Gemeindeschlüssel „{row.ags}“.")
            continue
        if row.ags in parsed:
            errors.append(f"Zeile {row.line}: Gemeinde {row.ags} kommt doppelt vor.")
            continue
        try:  # German whole numbers ("1.234"); "12.5" or "12,5" is no number of persons
            persons = (
                int(parse_number(row.persons, places=0, language="de")) if row.persons else None
            )
        except ValidationError:
            persons = None
        if persons is None or persons <= 0:
            errors.append(
                f"Zeile {row.line} ({gemeinde[1]}): „{row.persons}“ ist keine Personenzahl "
                "größer 0."
            )
            continue
        parsed[row.ags] = (gemeinde[0], persons)
    if not parsed and not errors:
        errors.append("Die Datei enthält keine Zeilen.")
    if errors:
        return ImportResult(0, errors)
    _upsert_contingents(
        [
            (gemeinde_id, persons, calculation.contingent_amount(rule, persons))
            for gemeinde_id, persons in parsed.values()
        ],
        programme=programme,
        year=year,
        rule=rule,
        is_demo=is_demo,
    )
    audit.record(
        actor=actor,
        action="contingents.import",
        target=programme,
        year=year,
        rows=len(parsed),
        reference_date=rule.reference_date,
        rule_version=rule.name,
        filename=filename,
    )
    return ImportResult(len(parsed), [])


def _column(name: str) -> str:
    field = Contingent._meta.get_field(name)
    assert isinstance(field, models.Field)  # noqa: S101 - concrete fields only
    return str(field.column)


def _upsert_contingents(
    rows: list[tuple[int, int, Decimal]],
    *,
    programme: Programme,
    year: int,
    rule: RuleVersion,
    is_demo: bool,
) -> None:
    """Insert or update one contingent per (Gemeinde, persons, amount), many rows a statement.

    Measured (bench/bench_contingents.py, 11,000 Gemeinden): bulk_update took 6–8 s and
    bulk_create(update_conflicts=True) 0.8–1.3 s, most of it Django preparing 110,000 values
    one by one. Now: on PostgreSQL one INSERT … SELECT FROM unnest(arrays) ON CONFLICT (~0.34 s),
    on SQLite multi-row INSERT … ON CONFLICT statements (~0.14 s); the unique constraint is
    contingent_unique_year.
    """
    ops = connection.ops
    names = ("created_at", "updated_at", "programme", "year", "rule_version", "gemeinde",
             "reference_date", "persons", "amount", "is_demo")  # fmt: skip
    column = {name: ops.quote_name(_column(name)) for name in names}
    updated = ("updated_at", "rule_version", "reference_date", "persons", "amount", "is_demo")
    unique = ("programme", "year", "gemeinde")
    now = ops.adapt_datetimefield_value(timezone.now())
    reference_date = ops.adapt_datefield_value(rule.reference_date)
    table = ops.quote_name(Contingent._meta.db_table)
    conflict = f"ON CONFLICT ({', '.join(column[n] for n in unique)}) DO UPDATE SET " + ", ".join(
        f"{column[n]} = excluded.{column[n]}" for n in updated
    )
    if connection.vendor == "postgresql":
        # Three arrays instead of 99,000 placeholders: psycopg spent most of the time splitting
        # the long statement (measured with cProfile on the 11,000 case).
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(column.values())}) "  # noqa: S608 - quoted model identifiers
                "SELECT %s, %s, %s, %s, %s, g, %s, p, a, %s "
                "FROM unnest(%s::bigint[], %s::integer[], %s::numeric[]) AS u(g, p, a) "
                + conflict,
                [now, now, programme.pk, year, rule.pk, reference_date, is_demo,
                 [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]],
            )  # fmt: skip
        return
    per_statement = min(1000, (connection.features.max_query_params or 10_000) // len(names))
    row_sql = f"({', '.join(['%s'] * len(names))})"
    for start in range(0, len(rows), per_statement):
        batch = rows[start : start + per_statement]
        params: list[Any] = []
        for gemeinde_id, persons, amount in batch:
            params += [now, now, programme.pk, year, rule.pk, gemeinde_id, reference_date, persons,
                       ops.adapt_decimalfield_value(amount, 14, 2), is_demo]  # fmt: skip
        # Identifiers come from the model and are quoted; every value is a parameter.
        sql = "".join([
            f"INSERT INTO {table} ",
            f"({', '.join(column.values())}) VALUES {', '.join([row_sql] * len(batch))} ",
            conflict,
        ])  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@transaction.atomic
def contingents_split_budget(*, programme: Programme, budget: Budget, actor: User | None) -> int:
    """Split a fixed budget over the contingents of its year in proportion to persons (exact to
    the cent)."""
    rules.require(
        rules.may_manage_contingents(actor),
        "Nur das Regierungspräsidium darf einen Haushaltsansatz auf die Kontingente verteilen.",
    )
    # The total is read under the budget row's lock: a change of the total waits for the split.
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.programme_id != programme.pk:
        raise ValidationError("Der Haushaltsansatz gehört nicht zu diesem Förderprogramm.")
    contingents = list(
        Contingent.objects.filter(programme=programme, year=budget.year).order_by("gemeinde__ags")
    )
    if not contingents:
        raise ValidationError(
            f"Für das Förderjahr {budget.year} sind noch keine Personenzahlen eingelesen."
        )
    shares = allocate(budget.total, {c.gemeinde_id: c.persons for c in contingents})
    for c in contingents:
        c.budget_share = shares[c.gemeinde_id]
    Contingent.objects.bulk_update(contingents, ["budget_share"], batch_size=1000)
    audit.record(
        actor=actor, action="contingents.split_budget", target=budget, parts=len(contingents)
    )
    return len(contingents)
