"""The portal's part of ``pik seed_demo``: its first content (documents and the Corona notice)."""

from __future__ import annotations

from typing import TextIO

from pik.portal.content import seed_first_content


def seed(*, stdout: TextIO) -> None:
    seed_first_content()
    stdout.write("Portal: Antragsformular, Arbeitshilfe, Rechtsgrundlage und Corona-Hinweis.\n")
