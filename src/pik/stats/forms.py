"""The key-figure form: a scope the user may see and a period (the previous year by default)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pik.casework.selectors.keyfigures import Period
from pik.core.forms import DateInput
from pik.stats.keyfigures import Scope


class KeyFigureForm(forms.Form):
    scope = forms.ChoiceField(label=_("Für"))
    start = forms.DateField(label=_("Zeitraum von"), widget=DateInput())
    end = forms.DateField(label=_("bis"), widget=DateInput())

    def __init__(self, *args: Any, scopes: list[tuple[str, str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["scope"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [(f"{kind}:{key}", label) for kind, key, label in scopes]

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
