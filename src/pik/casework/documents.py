"""Printable documents: bilingual consent form and integration plan, subject-access export.

German always comes first; the second language is one of ``languages.LANGUAGES``. Arabic and
Farsi blocks are set right-to-left (``dir="rtl"``); DejaVu Sans carries the glyphs. The fixed
translations are in ``document_texts``.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from pik.casework import languages
from pik.casework.document_texts import (
    CONSENT_TEXT,
    FIELD_TEXT,
    PLAN_LABELS,
    PURPOSE_TEXT,
    TEXT_FIELD_TEXT,
    WHO_TEXT,
)
from pik.casework.models import Client, Consent, Plan, PlanField, Step
from pik.casework.selectors import retention_days
from pik.core.durations import duration_de, duration_en
from pik.core.pdf import render_pdf


def _second(language: str) -> dict[str, Any]:
    second = languages.BY_CODE[language]
    return {"code": second.code, "dir": "rtl" if second.rtl else "ltr", "label": second.name}


def _pair(german: str, other: str | None) -> dict[str, str]:
    return {"de": german, "other": other or ""}


def consent_form_context(*, client: Client, language: str) -> dict[str, Any]:
    days = retention_days()
    de, other = CONSENT_TEXT["de"], CONSENT_TEXT.get(language, CONSENT_TEXT["de"])
    bilingual = language != "de"
    # German and English in words ("zwei Jahre"); the other languages keep the days.
    german = {"days": days, "period": duration_de(days)}
    second = {"days": days, "period": duration_en(days) if language == "en" else str(days)}
    texts = {
        key: _pair(de[key].format(**german), other[key].format(**second) if bilingual else None)
        for key in de
    }
    purposes = [
        _pair(str(label), PURPOSE_TEXT[language][i] if bilingual else None)
        for i, (_code, label) in enumerate(Consent.Purpose.choices)
    ]
    return {
        "title": de["title"],
        "texts": texts,
        "purposes": purposes,
        "client": client,
        "second": _second(language) if bilingual else None,
        "printed_on": timezone.localdate(),
        "lang": "de",
        "dir": "ltr",
    }


def consent_form_pdf(*, client: Client, language: str) -> bytes:
    return render_pdf(
        "casework/pdf/consent.html", consent_form_context(client=client, language=language)
    )


def plan_context(*, client: Client, plan: Plan, language: str) -> dict[str, Any]:
    bilingual = language != "de"
    labels = [
        _pair(de, PLAN_LABELS[language][i] if bilingual else None)
        for i, de in enumerate(PLAN_LABELS["de"])
    ]
    field_names = {
        code: _pair(str(label), FIELD_TEXT[language][i] if bilingual else None)
        for i, (code, label) in enumerate(PlanField.choices)
    }
    who_names = {
        code: _pair(str(label), WHO_TEXT[language][i] if bilingual else None)
        for i, (code, label) in enumerate(Step.Who.choices)
    }
    text_fields = [
        {
            "label": _pair(
                str(getattr(Plan._meta.get_field(name), "verbose_name", name)),
                TEXT_FIELD_TEXT[language][i] if bilingual else None,
            ),
            "value": getattr(plan, name),
        }
        for i, name in enumerate(Plan.TEXT_FIELDS)
    ]
    goals = [
        {
            "field": field_names[g.field],
            "goal": g,
            "steps": [{"step": s, "who": who_names[s.who]} for s in g.steps.all()],
        }
        for g in plan.goals.all()
    ]
    situations = [
        {"field": field_names[code], "value": plan.situations[code]}
        for code in PlanField.values
        if plan.situations.get(code)
    ]
    return {
        "title": PLAN_LABELS["de"][0],
        "labels": labels,
        "text_fields": text_fields,
        "situations": situations,
        "goals": goals,
        "client": client,
        "plan": plan,
        "second": _second(language) if bilingual else None,
        "lang": "de",
        "dir": "ltr",
    }


def plan_pdf(*, client: Client, plan: Plan, language: str) -> bytes:
    return render_pdf(
        "casework/pdf/plan.html", plan_context(client=client, plan=plan, language=language)
    )


def export_pdf(*, client: Client, data: dict[str, Any]) -> bytes:
    return render_pdf(
        "casework/pdf/export.html",
        {"title": f"Auskunft nach Art. 15 DSGVO: {client}", "data": data, "client": client},
    )
