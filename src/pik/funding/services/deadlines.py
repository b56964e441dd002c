"""Deadlines: the secret calendar link of a user, and the daily e-mail reminders.

Reminders are sent at most once per user and deadline: the ``SentReminder`` row (unique per user
and deadline key) is written before the mail goes out, each in its own transaction, so a re-run
or an overlapping run skips what is recorded. A mail that fails after its row was written is not
retried (at most once, never twice; the calendar still shows the deadline).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from pik.core import audit
from pik.core.roles import Role
from pik.funding import rules
from pik.funding.models import CalendarFeed, SentReminder
from pik.funding.selectors.deadlines import Deadline, deadlines_for_user
from pik.orgs import selectors as org_selectors
from pik.orgs.models import User

REMINDER_ROLES = (Role.GEMEINDE_ADMIN, Role.KREIS_COORDINATOR, Role.RPS_CASE_WORKER)


@transaction.atomic
def calendar_feed_create(*, user: User, actor: User) -> str:
    """A new secret calendar link for ``user``; an older one is revoked. Returns the token
    (shown once: only its hash is stored)."""
    rules.require(
        rules.may_manage_calendar_feed(actor, user),
        "Einen Kalender-Link legt nur die Person selbst an.",
    )
    now = timezone.now()
    CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(user=user, token_hash=CalendarFeed.hash_of(token))
    audit.record(actor=actor, action="calendar_feed.create", target=feed)
    return token


@transaction.atomic
def calendar_feed_revoke(*, user: User, actor: User) -> int:
    """Revoke the user's calendar link: the old address answers 404 from now on."""
    rules.require(
        rules.may_manage_calendar_feed(actor, user),
        "Einen Kalender-Link widerruft nur die Person selbst.",
    )
    revoked = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit.record(actor=actor, action="calendar_feed.revoke", target=user)
    return revoked


@dataclass
class RemindersSent:
    users: int = 0
    reminders: int = 0
    keys: list[tuple[int, str]] = field(default_factory=list)


def _record(user: User, deadlines: list[Deadline]) -> list[Deadline]:
    """Write a SentReminder per deadline not yet reminded; the ones written are to be sent."""
    new = []
    for d in deadlines:
        try:
            with transaction.atomic():
                SentReminder.objects.create(user=user, key=d.key, due_date=d.date)
        except IntegrityError:
            continue  # sent by an earlier (or a parallel) run
        new.append(d)
    return new


def _mail(user: User, deadlines: list[Deadline]) -> None:
    with translation.override("de"):
        body = render_to_string(
            "funding/email/reminder.txt",
            {"user": user, "deadlines": deadlines, "base_url": settings.PIK_BASE_URL},
        )
        subject = ngettext(
            "PIK: %(n)s Frist in den nächsten Tagen",
            "PIK: %(n)s Fristen in den nächsten Tagen",
            len(deadlines),
        ) % {"n": len(deadlines)}
    send_mail(
        subject=subject,
        message=body,
        from_email=None,
        recipient_list=[user.email],
    )


def deadline_reminders_send(
    *, today: dt.date, actor: User | None = None, days: int | None = None
) -> RemindersSent:
    """Remind everybody concerned of the deadlines due within ``days`` (PIK_REMINDER_DAYS),
    each once. The system's daily step (``pik deadline_reminders``)."""
    rules.require(
        rules.may_send_reminders(actor),
        "Erinnerungen versendet nur die tägliche Hintergrundaufgabe.",
    )
    horizon = today + dt.timedelta(days=settings.PIK_REMINDER_DAYS if days is None else days)
    result = RemindersSent()
    for user in org_selectors.users_with_roles(roles=REMINDER_ROLES):
        due = [d for d in deadlines_for_user(user=user, today=today) if today <= d.date <= horizon]
        if not due:
            continue
        known = set(
            SentReminder.objects.filter(user=user, key__in=[d.key for d in due]).values_list(
                "key", flat=True
            )
        )
        new = _record(user, [d for d in due if d.key not in known])
        if not new:
            continue
        _mail(user, new)
        with transaction.atomic():
            audit.record(actor=actor, action="deadline.remind", target=user, count=len(new))
        result.users += 1
        result.reminders += len(new)
        result.keys += [(user.pk, d.key) for d in new]
    return result
