"""Deadlines: the reminders sent (each once) and the secret calendar links of the users."""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SentReminder(models.Model):
    """One e-mail reminder sent to one user for one deadline. The unique key makes the daily job
    idempotent: a second run, or two overlapping runs, never send the same reminder again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(_("Frist"), max_length=200)
    due_date = models.DateField(_("fällig am"))
    sent_at = models.DateTimeField(_("gesendet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("versandte Erinnerung")
        verbose_name_plural = _("versandte Erinnerungen")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "key"], name="sent_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.due_date:%d.%m.%Y})"


class CalendarFeed(models.Model):
    """A user's secret calendar link. Only a hash of the token is stored; revoking sets
    ``revoked_at`` and the link answers 404 from then on. One active link per user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("widerrufen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Kalender-Link")
        verbose_name_plural = _("Kalender-Links")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="calendar_feed_one_active",
            ),
        ]

    def __str__(self) -> str:
        return f"Kalender-Link {self.pk}"

    @staticmethod
    def hash_of(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
