"""The languages of the bilingual documents (consent form, integration plan): one list.

German always comes first on paper; the second language is one of the others. The services
check a chosen form language against it, the forms and pages offer it, the documents take the
name and the writing direction from it (the fixed translations are in ``document_texts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in the language itself, as printed on the document
    german: str  # the German name, for staff choosing it
    rtl: bool = False  # written right-to-left (Arabic, Farsi)

    @property
    def choice_label(self) -> str:
        """The label in a choice list: its own name, with the German one for staff."""
        return self.name if self.code == GERMAN else f"{self.name} ({self.german})"


GERMAN = "de"
LANGUAGES = (
    Language(GERMAN, "Deutsch", "Deutsch"),
    Language("en", "English", "Englisch"),
    Language("ar", "العربية", "Arabisch", rtl=True),
    Language("uk", "Українська", "Ukrainisch"),
    Language("fa", "فارسی", "Farsi", rtl=True),
    Language("tr", "Türkçe", "Türkisch"),
)
BY_CODE = {language.code: language for language in LANGUAGES}
CODES = tuple(BY_CODE)
CHOICES = [(language.code, language.choice_label) for language in LANGUAGES]


def is_offered(code: str) -> bool:
    return code in BY_CODE


class LanguageSelect(forms.Select):
    """A choice of languages whose options carry their language: ``<option lang="ar" dir="rtl">``,
    so that a screen reader speaks "العربية" in Arabic (WCAG 3.1.2, issue 9 item 10)."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        language = BY_CODE.get(str(value))
        if language is not None:
            option["attrs"]["lang"] = language.code
            option["attrs"]["dir"] = "rtl" if language.rtl else "ltr"
        return option
