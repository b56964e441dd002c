"""The portal's edited content: pages in a tree (German and English, drafts, publication date,
every saved state kept as a version) and FAQ entries with a deep link each.

Texts are Markdown as the editors typed them; they are rendered and sanitised on output only
(``pik.portal.rendering``), so what is stored is always what the editor wrote.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths


def _english() -> bool:
    return (get_language() or "de").startswith("en")


class Bilingual:
    """German first; English where the editors wrote it (else the German text)."""

    def text(self, name: str) -> str:
        english = getattr(self, f"{name}_en", "")
        return english if _english() and english.strip() else getattr(self, f"{name}_de")


class Page(Bilingual, TimeStamped):
    """One page of the portal at a unique address (``path``: the parent's path and the slug)."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("übergeordnete Seite"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    slug = models.SlugField(_("Adresse (Teil)"), max_length=80)
    path = models.CharField(_("Adresse"), max_length=400, unique=True)
    title_de = models.CharField(_("Titel (deutsch)"), max_length=200)
    title_en = models.CharField(_("Titel (englisch)"), max_length=200, blank=True)
    body_de = models.TextField(_("Text (deutsch, Markdown)"), blank=True)
    body_en = models.TextField(_("Text (englisch, Markdown)"), blank=True)
    is_published = models.BooleanField(_("veröffentlicht"), default=False)
    publish_at = models.DateTimeField(_("veröffentlichen ab"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Portalseite")
        verbose_name_plural = _("Portalseiten")
        ordering: ClassVar = ["path"]

    def __str__(self) -> str:
        return self.title_de

    @property
    def title(self) -> str:
        return self.text("title")

    @property
    def body(self) -> str:
        return self.text("body")

    @property
    def is_public(self) -> bool:
        return self.is_published and (self.publish_at is None or self.publish_at <= timezone.now())

    def get_absolute_url(self) -> str:
        return f"/seiten/{self.path}/"


class PageVersion(models.Model):
    """A saved state of a page, as it was saved (restoring one saves it again as the newest)."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("Version"))
    parent = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    slug = models.SlugField(max_length=80)
    title_de = models.CharField(max_length=200)
    title_en = models.CharField(max_length=200, blank=True)
    body_de = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    is_published = models.BooleanField(default=False)
    publish_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("Anmerkung"), max_length=200, blank=True)
    saved_at = models.DateTimeField(_("gespeichert am"), auto_now_add=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Seitenversion")
        verbose_name_plural = _("Seitenversionen")
        ordering: ClassVar = ["page", "-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["page", "number"], name="page_version_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.title_de} (Version {self.number})"


class FaqCategory(models.TextChoices):
    WHO = "who", _("Wer wird gefördert?")
    WHAT = "what", _("Was wird gefördert?")
    APPLICATION = "application", _("Antrag")
    PAYMENT = "payment", _("Auszahlung")
    PROOF = "proof", _("Verwendungsnachweis")
    PRIVACY = "privacy", _("Datenschutz")
    DIGITAL = "digital", _("Digitalprogramm")


class FaqProgramme(models.TextChoices):
    BOTH = "", _("beide Programme")
    STAFF = "im", _("Integrationsmanagement")
    DIGITAL = "digital", _("Digitale Lösungen")


class FaqEntry(Bilingual, TimeStamped):
    """A question with its answer (Markdown); ``slug`` is its deep link (/faq/<slug>/)."""

    slug = models.SlugField(_("Kurzadresse"), max_length=80, unique=True)
    category = models.CharField(_("Thema"), max_length=20, choices=FaqCategory.choices)
    programme = models.CharField(
        _("Programm"), max_length=20, choices=FaqProgramme.choices, blank=True, default=""
    )
    question_de = models.CharField(_("Frage (deutsch)"), max_length=300)
    question_en = models.CharField(_("Frage (englisch)"), max_length=300, blank=True)
    answer_de = models.TextField(_("Antwort (deutsch, Markdown)"))
    answer_en = models.TextField(_("Antwort (englisch, Markdown)"), blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    is_published = models.BooleanField(_("veröffentlicht"), default=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Häufige Frage")
        verbose_name_plural = _("Häufige Fragen")
        ordering: ClassVar = ["category", "position", "pk"]

    def __str__(self) -> str:
        return self.question_de

    @property
    def question(self) -> str:
        return self.text("question")

    @property
    def answer(self) -> str:
        return self.text("answer")

    def get_absolute_url(self) -> str:
        return f"/faq/{self.slug}/"
