"""The languages of the bilingual documents (consent form, integration plan): one list.

German always comes first on paper; the second language is one of the others. The services
check a chosen form language against it, the forms and pages offer it, the documents take the
name and the writing direction from it (the fixed translations are in ``document_texts``).
"""

from __future__ import annotations

from dataclasses import dataclass


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
