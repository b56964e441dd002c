"""The key-figure form: a scope the user may see and a period (the previous year by default)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pik.casework.selectors.keyfigures import Period
from pik.core.forms import DatalistInput, DateInput
from pik.orgs import names
from pik.stats.keyfigures import Scope


class ScopeField(forms.CharField):
    """A scope chosen by name, with suggestions (``DatalistInput``): "Landkreis Böblingen",
    also typed loosely ("boeblingen") where only one scope fits; its value is ``kind:key``
    (a link may carry that too). Only the user's own scopes are accepted."""

    def __init__(self, *, scopes: list[tuple[str, str, str]] | None = None, **kwargs: Any) -> None:
        self.labels = {f"{kind}:{key}": str(label) for kind, key, label in scopes or []}
        kwargs.setdefault("widget", DatalistInput(list(self.labels.values())))
        super().__init__(max_length=200, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return self.labels.get(value, value)

    def clean(self, value: Any) -> str:
        text = str(super().clean(value)).strip()
        if text in self.labels:
            return text
        by_label = [k for k, label in self.labels.items() if label.casefold() == text.casefold()]
        if len(by_label) == 1:
            return by_label[0]
        keys = names.query_keys(text)
        ranked = [
            (rank, key)
            for key, label in self.labels.items()
            if len(keys[0]) >= 2 and (rank := names.match_rank(keys, label)) is not None
        ]
        best = [key for rank, key in ranked if rank == min(r for r, _k in ranked)]
        if len(best) == 1:
            return best[0]
        if best:
            some = ", ".join(f"„{self.labels[k]}“" for k in best[:4])
            raise ValidationError(
                _("Mehrere passen (%(some)s): bitte wählen Sie einen aus der Liste.")
                % {"some": some}
            )
        raise ValidationError(_("Bitte wählen Sie einen Bereich aus der Liste."))


class ScopeForm(forms.Form):
    """The scope alone (the dashboard over five years)."""

    scope = forms.CharField(label=_("Für"))

    def __init__(self, *args: Any, scopes: list[tuple[str, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"] = ScopeField(label=_("Für"), scopes=scopes)


class KeyFigureForm(forms.Form):
    scope = forms.CharField(label=_("Für"))
    start = forms.DateField(label=_("Zeitraum von"), widget=DateInput())
    end = forms.DateField(label=_("bis"), widget=DateInput())

    def __init__(self, *args: Any, scopes: list[tuple[str, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope"] = ScopeField(label=_("Für"), scopes=scopes)

    @staticmethod
    def defaults(scopes: list[tuple[str, str, str]]) -> dict[str, Any]:
        last_year = timezone.localdate().year - 1
        kind, key, _label = scopes[0]
        return {
            "scope": f"{kind}:{key}",
            "start": dt.date(last_year, 1, 1),
            "end": dt.date(last_year, 12, 31),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end"):
            try:
                data["period"] = Period(data["start"], data["end"])
            except ValidationError as exc:
                self.add_error("end", exc)
        if data.get("scope"):
            kind, _sep, key = data["scope"].partition(":")
            data["scope_value"] = Scope(kind, key)
        return data
