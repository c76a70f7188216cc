"""The sweep: claim due reminders and notices, send them through the notifier, settle each under its fence.

Reminders are worded at sending time from their facts; notices carry the reply worded when the change
happened. A row is `sent` only when a channel took it, and records which (`channel`: slack, teams, or
the chat inbox that the web chat and the terminal show as «varsler»); until then it waits, pending. A row whose channel is still paced comes back as a deferred DeliveryError and is moved to its
channel's next free moment with its attempt given back, so one busy channel never stalls a batch.

A batch is claimed in one transaction, sent, and its successful sends are settled together in one
fenced UPDATE (`mark_sent_many`): one commit per batch rather than per row, which is what the throughput
on PostgreSQL depends on (each commit waits for the WAL flush).

Delivery is at-least-once with a bounded window, because no chat platform offers an idempotent post:
a worker that dies after sending but before its batch's settlement commits leaves its claimed rows
`sending`; when their lease runs out another sweep claims and sends them again. DUPLICATE BOUND: such
doubles are limited to the rows one worker had claimed and not yet settled, i.e. at most `batch` per
dead (or lease-lapsed) worker; a smaller `batch` trades throughput for a smaller bound. Everything else
is exactly once: rows are claimed by one worker at a time, settled by the attempt that claimed them
(a re-claimed row's settlement matches nothing), and a worker whose lease has lapsed sends no more.

Failures retry with exponential backoff (the platform's `retry_after` when longer); after the policy's
last attempt the row is dead and the secretariat gets a note through the same outbox. A reminder found
after its deadline (the bot was down) is recorded as missed instead of sent late.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from handlers.language import from_locale
from handlers.meetings.outbox import enqueue
from handlers.meetings.reminder_texts import render_reminder
from handlers.messages import Language
from handlers.notices import is_notice, reply_from_payload
from handlers.notify import Delivered, DeliveryError, Notification, Notifier, deliver
from models.audit import record
from models.store import Store
from models.tables import PersonIdentity, PersonRow
from scheduler.claims import (
    Claim,
    claim,
    mark_dead,
    mark_deferred,
    mark_missed,
    mark_retry,
    mark_sent_many,
)
from scheduler.dead_letters import dead_letter_notes

log = logging.getLogger(__name__)


@dataclass
class SweepResult:
    claimed: int = 0
    sent: int = 0
    retried: int = 0
    dead: int = 0
    missed: int = 0
    fenced_out: int = 0
    deferred: int = 0


@dataclass
class Sweeper:
    store: Store
    notifier: Notifier
    clock: Callable[[], datetime]
    worker: str
    batch: int = 100
    lease: timedelta = field(default_factory=lambda: timedelta(minutes=5))

    def sweep_once(self) -> SweepResult:
        """One claim and the sends for it; returns what happened, for logs, tests and the benchmark."""
        result = SweepResult()
        claims = claim(
            self.store.engine, self.store.model_id, self.worker, self.clock(), self.batch, self.lease
        )
        result.claimed = len(claims)
        recipients = self._recipients({c.person_key for c in claims})
        sent: list[tuple[Claim, str, str]] = []
        for c in claims:
            email, language = recipients.get(c.person_key, (None, "nb"))
            delivered = self._send(c, email, language, result)
            if delivered is not None:
                sent.append((c, delivered.message_id, delivered.channel))
        self._settle_sent(sent, result)
        return result

    def run_until_idle(self, max_rounds: int = 1_000_000) -> SweepResult:
        total = SweepResult()
        for _ in range(max_rounds):
            step = self.sweep_once()
            for name in vars(total):
                setattr(total, name, getattr(total, name) + getattr(step, name))
            if step.claimed == 0:
                break
        return total

    def _recipients(self, keys: set[str]) -> dict[str, tuple[str | None, Language]]:
        """E-mail and language per person, for a whole batch in two reads.

        The language is the locale of the chat account the person used last (Slack or Teams), so someone
        who runs Slack in English is reminded in English; people never seen on a platform get bokmål.
        """
        if not keys:
            return {}
        with self.store.read() as session:
            emails = {
                key: email
                for key, email in session.execute(
                    select(PersonRow.key, PersonRow.email).where(
                        PersonRow.model_id == self.store.model_id, PersonRow.key.in_(keys)
                    )
                )
            }
            locales: dict[str, str | None] = {}
            for key, locale in session.execute(
                select(PersonIdentity.person_key, PersonIdentity.locale)
                .where(PersonIdentity.person_key.in_(keys))
                .order_by(PersonIdentity.updated_at)
            ):
                if key is not None:
                    locales[key] = locale  # ordered oldest first: the last account seen wins
        return {key: (emails.get(key), from_locale(locales.get(key)) or "nb") for key in keys}

    def _send(self, c: Claim, email: str | None, language: Language, result: SweepResult) -> Delivered | None:
        """Send one claimed reminder; the channel that took it and its message id, None otherwise."""
        now = self.clock()
        if now >= c.deadline_at:
            with self.store.engine.begin() as conn:
                if mark_missed(conn, c, self.worker):
                    result.missed += 1
            return None
        if now >= c.lease_until:
            result.fenced_out += 1  # our claim lapsed: another worker may own it now, so do not send
            return None
        if is_notice(c.payload):  # worded when the change happened, in the recipient's language then
            reply = reply_from_payload(c.payload["reply"])
            email = c.payload.get("email") or email
        else:
            reply = render_reminder(c.kind, c.payload, language)
        try:
            return deliver(self.notifier, Notification(c.person_key, reply, c.kind, c.dedup_key, email))
        except DeliveryError as error:
            if error.deferred:
                self._deferred(c, error, result)
            else:
                self._failed(c, error, result)
            return None

    def _deferred(self, c: Claim, error: DeliveryError, result: SweepResult) -> None:
        """The channel is paced: the row waits its turn without blocking the batch or spending an attempt."""
        retry_at = self.clock() + timedelta(seconds=error.retry_after or 1.0)
        with self.store.engine.begin() as conn:
            if mark_deferred(conn, c, self.worker, retry_at):
                result.deferred += 1

    def _settle_sent(self, sent: list[tuple[Claim, str, str]], result: SweepResult) -> None:
        if not sent:
            return
        with self.store.engine.begin() as conn:
            settled = mark_sent_many(conn, sent, self.worker, self.clock())
        result.sent += settled
        if settled < len(sent):
            result.fenced_out += len(sent) - settled
            log.warning("%d of %d reminders were re-claimed while sending", len(sent) - settled, len(sent))

    def _failed(self, c: Claim, error: DeliveryError, result: SweepResult) -> None:
        policy = self.store.model.reminders
        now = self.clock()
        if error.permanent or c.attempt >= policy.max_attempts:
            with self.store.session() as session:
                if mark_dead(session.connection(), c, self.worker, str(error)):
                    result.dead += 1
                    if c.kind != "dead_letter":
                        notes = dead_letter_notes(session, self.store, c, str(error), now)
                        enqueue(session, self.store.model_id, notes, source="system")
                    record(
                        session,
                        actor=f"sweep:{self.worker}",
                        action="reminder.dead",
                        entity_type="reminder",
                        entity_ref=f"reminder:{c.id}",
                        model_key=self.store.model.key,
                        reason=str(error)[:2000],
                    )
            return
        delay = policy.retry_base_seconds * 2 ** (c.attempt - 1)
        delay = max(delay, error.retry_after or 0)
        with self.store.engine.begin() as conn:
            if mark_retry(conn, c, self.worker, str(error), now + timedelta(seconds=delay)):
                result.retried += 1
