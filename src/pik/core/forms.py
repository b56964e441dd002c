"""The one way a form is shown: KERN markup, the GOV.UK error pattern, nothing typed is lost.

``FORM_RENDERER`` points here, so every Django form of every app renders through the templates
in ``templates/django/forms`` with this bound field: a field in error carries
``aria-invalid="true"`` and points with ``aria-describedby`` at its own message
(``<id>_error``) as well as its help text. ``form.as_div`` (and ``{{ form }}``) starts with an
error summary that links to every field in error (``#<id>``); a page with hand-written fields
shows the same summary through ``{% error_summary form %}`` (``{% load forms %}``).
A required field's label shows a ``*`` hidden from screen readers, which announce the
``required`` attribute instead (so the accessible name stays the label).
``static/pik/forms.js`` moves the focus to the summary and warns before a page with unsaved
changes is left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


class KernBoundField(BoundField):
    """A bound field that knows its error message's id (Django's ``aria-describedby`` names it
    when the field has errors) and where the error summary should link to."""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error" if self.auto_id else ""

    @property
    def anchor(self) -> str:
        """The id a link in the error summary jumps to: the first input of the field."""
        widget = self.field.widget
        subwidgets = getattr(widget, "widgets", None)
        if self.use_fieldset or subwidgets:
            return widget.id_for_label(self.auto_id, 0) or self.auto_id or ""
        return self.id_for_label or self.auto_id or ""


class Fieldsets:
    """A long form in groups: ``fieldsets = [(legend, [field names]), …]`` on the form class.

    ``form.as_div`` then shows each group as a ``<fieldset>`` with its legend; fields no group
    names follow after the groups, a group without any of its fields present is left out.
    """

    fieldsets: ClassVar[Sequence[tuple[Any, Sequence[str]]]] = ()

    def groups(self) -> list[tuple[Any, list[Any]]]:
        form: Any = self
        present = {name for name in form.fields if not form[name].is_hidden}
        placed: set[str] = set()
        groups: list[tuple[Any, list[Any]]] = []
        for legend, names in self.fieldsets:
            members = [form[n] for n in names if n in present and n not in placed]
            placed |= {bf.name for bf in members}
            if members:
                groups.append((legend, members))
        rest = [form[n] for n in form.fields if n in present and n not in placed]
        if rest:
            groups.append(("", rest))
        return groups


class DateInput(forms.DateInput):
    """The browser's date picker; the value travels as ISO (YYYY-MM-DD), shown German by it."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DatalistInput(forms.TextInput):
    """A text field that suggests ``options`` as the user types (``<datalist>``): a Kreis or a
    Gemeinde chosen by its name, still free to type (the selector accepts a name or a key).
    With ``source`` (a URL answering ``?q=`` with ``{"places": [...]}``) the suggestions come
    from the server as the user types (``static/pik/places.js``): for long lists."""

    template_name = "core/forms/datalist.html"

    def __init__(
        self,
        options: Sequence[str] = (),
        attrs: dict[str, Any] | None = None,
        *,
        source: str = "",
    ):
        extra = {"data-suggest-url": source} if source else {}
        super().__init__({"autocomplete": "off", **extra, **(attrs or {})})
        self.options = list(options)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}_list"
        context["widget"]["attrs"]["list"] = list_id
        context["list_id"], context["options"] = list_id, self.options
        return context


class FormRenderer(TemplatesSetting):
    """Templates from ``templates/django/forms`` (KERN), bound fields from ``KernBoundField``."""

    bound_field_class = KernBoundField


@dataclass(frozen=True)
class SummaryItem:
    message: str
    anchor: str = ""  # empty: an error of the whole form or of a hidden field, no link
    label: str = ""


def error_items(*forms: Any) -> list[SummaryItem]:
    """Every error of ``forms`` in field order, non-field errors first, for the summary."""
    items: list[SummaryItem] = []
    for form in forms:
        if form is None or not getattr(form, "is_bound", False) or not form.errors:
            continue
        items += [SummaryItem(str(e)) for e in form.non_field_errors()]
        for field in form:
            for error in field.errors:
                if field.is_hidden:
                    items.append(SummaryItem(str(error)))
                else:
                    items.append(SummaryItem(str(error), field.anchor, str(field.label or "")))
    return items
