"""Words (issue 9, item 10): the formal address everywhere, the language switch in each
language's own name, durations in words."""

from __future__ import annotations

import re
from pathlib import Path

import allauth
import pytest
from babel.messages.pofile import read_po
from django.urls import reverse
from django.utils import translation

from pik.core.durations import duration_de, duration_en, duration_text

SRC = Path(__file__).resolve().parents[2] / "src" / "pik"
INFORMAL = re.compile(r"\b(du|dein\w*|dich|dir|euch|euer|eure\w*)\b", re.IGNORECASE)
MARKUP = re.compile(  # style sheets, template tags and HTML tags: what no reader reads
    r"<style.*?</style>|\{% block style %\}.*?\{% endblock %\}"
    r"|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}|<[^>]*>",
    re.DOTALL,
)


@pytest.mark.parametrize(
    ("days", "german", "english"),
    [
        (730, "zwei Jahre", "two years"),
        (365, "ein Jahr", "one year"),
        (3650, "zehn Jahre", "ten years"),
        (28, "28 Tage", "28 days"),
        (7, "sieben Tage", "seven days"),
        (1, "ein Tag", "one day"),
        (400, "400 Tage", "400 days"),
    ],
)
def test_durations_in_words(days: int, german: str, english: str) -> None:
    assert duration_de(days) == german and duration_en(days) == english
    assert duration_text(days, language="de") == german
    with translation.override("en"):
        assert duration_text(days) == english


def test_the_language_switch_names_each_language_in_itself(client, db) -> None:  # type: ignore[no-untyped-def]
    for language in ("de", "en"):
        with translation.override("de"):  # the request activates its language: do not leak it
            response = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE=language)
        page = response.content.decode()
        assert '<option value="de" lang="de"' in page and ">Deutsch</option>" in page
        assert '<option value="en" lang="en"' in page and ">English</option>" in page
        assert "Englisch" not in page and "Allemand" not in page


def _template_texts() -> list[tuple[Path, str]]:
    files = [*SRC.rglob("templates/**/*.html"), *SRC.rglob("templates/**/*.txt")]
    return [(path, MARKUP.sub(" ", path.read_text(encoding="utf-8"))) for path in files]


def test_no_template_addresses_the_reader_informally() -> None:
    found = [
        f"{path.relative_to(SRC)}: {match.group(0)}"
        for path, text in _template_texts()
        for match in INFORMAL.finditer(text)
    ]
    assert found == []


def test_the_german_catalog_is_formal() -> None:
    with open(SRC / "locale/de/LC_MESSAGES/django.po", "rb") as handle:
        catalog = read_po(handle)
    informal = [m.id for m in catalog if m.id and INFORMAL.search(str(m.string))]
    assert informal == []


def test_allauth_texts_of_the_installed_apps_are_formal_in_german() -> None:
    """allauth's own German says "du": every text of its account and MFA apps that does is
    replaced by pik's German catalog, so a page or e-mail pik uses from allauth is formal."""
    path = Path(allauth.__file__).parent / "locale/de/LC_MESSAGES/django.po"
    with open(path, "rb") as handle:
        catalog = read_po(handle)
    installed = ("account/", "mfa/", "templates/account", "templates/mfa")
    still_informal = []
    with translation.override("de"):
        for message in catalog:
            places = [place for place, _ in message.locations]
            if not message.id or not any(p.startswith(installed) for p in places):
                continue
            if isinstance(message.id, tuple):
                shown = [translation.ngettext(*message.id, n) for n in (1, 2)]
            else:
                shown = [translation.gettext(message.id)]
            if any(INFORMAL.search(text) for text in shown):
                still_informal.append(message.id)
    assert still_informal == []
