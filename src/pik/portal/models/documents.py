"""Documents for download: legal bases, work aids and forms, each with its versions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pik.core.models import TimeStamped
from pik.core.scoping import DataKind, ScopePaths
from pik.core.uploads import DOCUMENT_TYPES


class Document(TimeStamped):
    """One document as the visitor knows it ("Antragsformular"); its files are versions."""

    class Category(models.TextChoices):
        LEGAL = "legal", _("Rechtsgrundlage")
        WORK_AID = "work_aid", _("Arbeitshilfe")
        FORM = "form", _("Formular")

    title = models.CharField(_("Titel"), max_length=200)
    category = models.CharField(_("Kategorie"), max_length=20, choices=Category.choices)
    programme_code = models.SlugField(_("Förderprogramm"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering: ClassVar = ["category", "title"]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(category__in=["legal", "work_aid", "form"]),
                name="document_has_category",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class StoredFile(models.Model):
    """What every downloadable file keeps: its original name, checked type, size, uploader."""

    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def type_label(self) -> str:
        return DOCUMENT_TYPES.get(self.content_type, ("", self.content_type))[1]


class DocumentVersion(StoredFile):
    """One file of a document, valid from a date; older versions stay and are marked."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    valid_from = models.DateField(_("gültig ab"))
    file = models.FileField(upload_to="portal/documents/%Y/")
    sha256 = models.CharField(max_length=64)

    scope: ClassVar = ScopePaths(DataKind.PUBLIC)

    class Meta:
        verbose_name = _("Dokumentfassung")
        verbose_name_plural = _("Dokumentfassungen")
        ordering: ClassVar = ["document", "-valid_from", "-pk"]

    def __str__(self) -> str:
        return f"{self.document} ({self.valid_from:%d.%m.%Y})"
