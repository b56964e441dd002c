"""The English locale is complete, and English pages really show English."""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from pik.core.roles import Role
from pik.orgs.models import User

PO_FILE = Path(__file__).parents[2] / "src/pik/locale/en/LC_MESSAGES/django.po"


@dataclass
class Entry:
    msgid: str = ""
    msgstrs: list[str] = field(default_factory=list)
    fuzzy: bool = False


def parse_po(text: str) -> list[Entry]:
    """A minimal .po reader: msgid and every msgstr/msgstr[n] of each entry, and its flags."""
    entries: list[Entry] = []
    entry, target = Entry(), ""
    for raw in [*text.splitlines(), ""]:
        line = raw.strip()
        if not line:
            if target:
                entries.append(entry)
            entry, target = Entry(), ""
        elif line.startswith("#,"):
            entry.fuzzy = "fuzzy" in (flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if target == "msgid":
                entry.msgid += value
            elif target == "msgstr":
                entry.msgstrs[-1] += value
        else:
            keyword, _, quoted = line.partition(" ")
            target = "msgstr" if keyword.startswith("msgstr") else keyword
            value = ast.literal_eval(quoted)
            if target == "msgid":
                entry.msgid = value
            elif target == "msgstr":
                entry.msgstrs.append(value)
    return entries


def test_parser_sees_plural_and_continued_strings() -> None:
    text = (
        '#, fuzzy\nmsgid ""\n"a"\nmsgstr "b"\n\n'
        'msgid "x"\nmsgid_plural "xs"\nmsgstr[0] "y"\nmsgstr[1] ""\n'
    )
    first, second = parse_po(text)
    assert (first.msgid, first.msgstrs, first.fuzzy) == ("a", ["b"], True)
    assert (second.msgid, second.msgstrs, second.fuzzy) == ("x", ["y", ""], False)


def test_english_po_has_no_empty_or_fuzzy_entry() -> None:
    entries = parse_po(PO_FILE.read_text(encoding="utf-8"))
    header, messages = entries[0], entries[1:]
    assert header.msgid == "" and len(messages) > 400
    assert not header.fuzzy
    empty = [e.msgid for e in messages if not all(e.msgstrs)]
    fuzzy = [e.msgid for e in messages if e.fuzzy]
    assert empty == [], f"untranslated: {empty}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"


@pytest.fixture
def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_funding_page_in_english(english: Client, member: Callable[..., User]) -> None:
    english.force_login(member(Role.RPS_CASE_WORKER))
    html = english.get(reverse("funding:application_list")).content.decode()
    assert '<html lang="en">' in html
    assert "File number" in html and "No applications." in html
    assert "Aktenzeichen" not in html and "Keine Anträge." not in html


@pytest.mark.django_db
def test_casework_page_in_english(english: Client, member: Callable[..., User]) -> None:
    english.force_login(member(Role.INTEGRATION_MANAGER))
    html = english.get(reverse("casework:my_day")).content.decode()
    assert '<html lang="en">' in html
    assert "My day" in html and "Due today" in html and "Handovers to me" in html
    assert "Mein Tag" not in html and "Heute fällig" not in html
