"""Wrong-actor cases for the portal services (run by tests/test_service_rules.py): only the
portal's editors write its content; an RPS head or a case worker does not."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pik.core.roles import Role
from tests.portal import factories


def _head(member: Any) -> Any:
    return member(Role.RPS_HEAD)


CASES = {
    "document_upload": lambda world, member: {
        "title": "Antragsformular",
        "category": "form",
        "valid_from": dt.date(2024, 1, 1),
        "upload": factories.pdf_upload(),
        "actor": _head(member),
    },
    "event_save": lambda world, member: {
        "title": "Fachtag",
        "starts_at": dt.datetime(2030, 5, 1, 9, tzinfo=dt.UTC),
        "ends_at": dt.datetime(2030, 5, 1, 16, tzinfo=dt.UTC),
        "place": "Stuttgart",
        "actor": member(Role.RPS_CASE_WORKER),
    },
    "event_file_add": lambda world, member: {
        "event": factories.event(),
        "kind": "slides",
        "upload": factories.pdf_upload(),
        "actor": member(Role.KREIS_COORDINATOR),
    },
    "announcement_create": lambda world, member: {
        "title": "Hinweis",
        "text": "Text",
        "shown_from": dt.date(2024, 1, 1),
        "actor": _head(member),
    },
    "announcement_publish": lambda world, member: {
        "announcement": factories.announcement(),
        "actor": member(Role.MINISTRY),
    },
    "announcement_unpublish": lambda world, member: {
        "announcement": factories.announcement(publish=True),
        "actor": _head(member),
    },
}
