"""Wrong-actor cases for the portal's services (run by tests/test_service_rules.py): pages and FAQ
(``wrong_actor_pages``), documents, events and notices (``wrong_actor_content``)."""

from __future__ import annotations

from tests.portal.wrong_actor_content import CASES as CONTENT_CASES
from tests.portal.wrong_actor_pages import CASES as PAGE_CASES

CASES = {**PAGE_CASES, **CONTENT_CASES}
