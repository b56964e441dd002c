"""The languages of the bilingual documents are one list: every one of them has every fixed
text, and the forms, the pages and the services offer and accept exactly these."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pik.casework import document_texts, forms, languages, services
from pik.casework.models import Consent, PlanField, Step

OTHERS = [language.code for language in languages.LANGUAGES if language.code != languages.GERMAN]


@pytest.mark.parametrize("code", OTHERS)
def test_every_offered_language_has_every_text(code: str) -> None:
    assert set(document_texts.CONSENT_TEXT[code]) == set(document_texts.CONSENT_TEXT["de"])
    assert len(document_texts.PURPOSE_TEXT[code]) == len(Consent.Purpose.choices)
    assert len(document_texts.PLAN_LABELS[code]) == len(document_texts.PLAN_LABELS["de"])
    assert len(document_texts.FIELD_TEXT[code]) == len(PlanField.choices)
    assert len(document_texts.TEXT_FIELD_TEXT[code]) == 6
    assert len(document_texts.WHO_TEXT[code]) == len(Step.Who.choices)


def test_the_texts_hold_no_language_that_is_not_offered() -> None:
    offered = set(languages.CODES)
    for texts in (document_texts.CONSENT_TEXT, document_texts.PLAN_LABELS):
        assert set(texts) == offered
    for texts in (
        document_texts.PURPOSE_TEXT,
        document_texts.FIELD_TEXT,
        document_texts.TEXT_FIELD_TEXT,
        document_texts.WHO_TEXT,
    ):
        assert set(texts) == offered - {languages.GERMAN}


def test_forms_and_pages_offer_the_one_list(client, im, record_with_plan) -> None:  # type: ignore[no-untyped-def]
    assert forms.ConsentForm().fields["form_language"].choices == languages.CHOICES
    create = forms.ClientCreateForm(gemeinden=None, households=None, managers=None)
    assert create.fields["consent_language"].choices == languages.CHOICES
    assert dict(languages.CHOICES)["ar"] == "العربية (Arabisch)"
    client.force_login(im)
    for page in ("client_detail", "plan_edit"):
        html = client.get(reverse(f"casework:{page}", args=[record_with_plan.pk])).content.decode()
        for code in OTHERS:
            assert f'<option value="{code}" lang="{code}"' in html
        assert '<option value="ar" lang="ar" dir="rtl">العربية (Arabisch)</option>' in html


def test_the_language_choices_of_the_forms_carry_their_language() -> None:
    consent = str(forms.ConsentForm()["form_language"])
    create = forms.ClientCreateForm(gemeinden=None, households=None, managers=None)
    for html in (consent, str(create["consent_language"])):
        assert '<option value="ar" lang="ar" dir="rtl">العربية (Arabisch)</option>' in html
        assert '<option value="uk" lang="uk" dir="ltr">Українська (Ukrainisch)</option>' in html
        assert '<option value="de" lang="de" dir="ltr">Deutsch</option>' in html


def test_a_language_that_is_not_offered_is_refused(client, im, record) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as exc:
        services.consent_record(
            client=record,
            purpose=Consent.Purpose.STATISTICS,
            given_on=timezone.localdate(),
            form_language="xx",
            actor=im,
        )
    assert "Sprache" in " ".join(exc.value.message_dict["form_language"])
    client.force_login(im)
    url = reverse("casework:consent_pdf", args=[record.pk])
    assert client.get(url + "?sprache=xx").status_code == 404
    assert client.get(url + "?sprache=tr").status_code == 200
