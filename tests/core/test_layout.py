"""The layout's kernel pieces: every table in a scrolling box, every status as one KERN badge,
the navigation that collapses on a phone (issue 9, items 9 and 12)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse

from pik.core.roles import Role

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "pik"


class _Obj:
    def __init__(self, status: str, label: str) -> None:
        self.status, self._label = status, label

    def get_status_display(self) -> str:
        return self._label


def render(source: str, **context: object) -> str:
    return Template("{% load pik %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("status", "tone"),
    [
        ("approved", "success"),
        ("accepted", "success"),
        ("rejected", "danger"),
        ("info_requested", "warning"),
        ("pending", "warning"),
        ("draft", "info"),
    ],
)
def test_status_badge_is_a_kern_badge_with_the_tone_of_its_word(status: str, tone: str) -> None:
    html = render("{% status_badge obj %}", obj=_Obj(status, "<Text>"))
    assert f"kern-badge--{tone}" in html
    assert f'data-status="{status}"' in html
    assert "&lt;Text&gt;" in html  # the label is escaped


def test_tablebox_wraps_in_a_focusable_scrolling_box_with_an_optional_name() -> None:
    plain = render("{% tablebox %}<table></table>{% endtablebox %}")
    assert plain == '<div class="pik-table-scroll" tabindex="0"><table></table></div>'
    named = render("{% tablebox name %}<table></table>{% endtablebox %}", name='A "B"')
    assert 'role="region" aria-label="A &quot;B&quot;"' in named


def test_every_table_of_a_page_is_inside_a_tablebox() -> None:
    """Pages scroll sideways only inside a table's own box (PDF templates are paper)."""
    offenders = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        if "/pdf/" in str(path):
            continue
        text = path.read_text()
        for match in re.finditer(r"<table\b", text):
            before = text[: match.start()]
            if before.rfind("{% tablebox") <= before.rfind("{% endtablebox %}"):
                offenders.append(f"{path.relative_to(TEMPLATES)}:{before.count(chr(10)) + 1}")
    assert not offenders, offenders


@pytest.mark.django_db
def test_navigation_collapses_behind_a_button_and_works_without_javascript(client, member) -> None:
    client.force_login(member(Role.KREIS_COORDINATOR, "a"))
    html = client.get(reverse("orgs:start")).content.decode()
    header = html[html.index('<header class="pik-header"') : html.index("</header>")]
    assert "kern-kopfzeile" in header  # the official-site bar is inside the banner landmark
    toggle = re.search(r"<button[^>]*pik-nav__toggle[^>]*>", header)
    assert toggle and 'aria-expanded="false"' in toggle.group(0)
    assert 'aria-controls="pik-nav-list"' in toggle.group(0)
    assert " hidden" in toggle.group(0)  # shown by pik/nav.js only; without JS the list stays
    assert "pik/nav.js" in html
