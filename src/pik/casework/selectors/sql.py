"""Two SQL expressions the key figures need and Django has not (kept apart from the counting)."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Func, IntegerField


class AnyOfArray(Func):
    """``column = ANY(ARRAY(subquery))`` (PostgreSQL): the subquery runs once, as an InitPlan,
    and the planner probes the column's index with its values. An empty subquery (no records
    in scope) empties the query, as ``column__in`` does."""

    output_field = BooleanField()
    arity = 2

    def as_sql(
        self,
        compiler: Any,
        connection: Any,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> Any:
        column, keys = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        keys_sql, keys_params = compiler.compile(keys)  # "(SELECT ...)"; EmptyResultSet passes
        return f"{column_sql} = ANY(ARRAY{keys_sql})", (*column_params, *keys_params)


class DaysBetween(Func):
    """Whole days from the second date to the first (both dates, never null)."""

    output_field = IntegerField()
    arity = 2
    template = "(%(expressions)s)"
    arg_joiner = " - "  # PostgreSQL: date minus date is a whole number of days

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )
