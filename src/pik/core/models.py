"""Kernel tables: the timestamped base and the append-only audit trail."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class AuditImmutableError(Exception):
    """Raised on any attempt to change or delete an audit event through the ORM."""


class AuditEvent(models.Model):
    """One entry of the hash-chained audit trail. Written only by ``pik.core.audit.record``."""

    seq = models.PositiveBigIntegerField(_("laufende Nummer"), unique=True)
    created_at = models.DateTimeField(_("Zeitpunkt"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("Aktion"), max_length=100)
    target_type = models.CharField(_("Objektart"), max_length=100, blank=True)
    target_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True)
    kreis_id = models.PositiveIntegerField(_("Kreis"), null=True, blank=True)
    details = models.JSONField(_("Details"), default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Which secret keyed ``hash`` (HMAC-SHA256): a key id from settings.AUDIT_KEYS, so keys can
    # rotate. Empty for the events written before keyed hashing (plain SHA-256, ADR 0014).
    key_id = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering: ClassVar = ["seq"]
        indexes: ClassVar = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["kreis_id", "created_at"], name="audit_kreis_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutableError("Protokolleinträge dürfen nicht geändert werden.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditImmutableError("Protokolleinträge dürfen nicht gelöscht werden.")


class AuditChainHead(models.Model):
    """The single row locked while appending, so concurrent writers cannot fork the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("Protokollkette")

    def __str__(self) -> str:
        return f"Kette bis #{self.last_seq}"
