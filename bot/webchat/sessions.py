"""Web chat sessions kept in the database: the cookie holds a random id, everything else stays server-side.

Every replica reads the same table, so no sticky sessions are needed. Signing in (OpenID Connect or a demo
person) replaces the session id and CSRF token, so an id planted before sign-in is worth nothing after it.
A login's `state` is taken with one conditional UPDATE, so it works once even when two replicas race.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update

from handlers.identity import ANONYMOUS_SENDER
from handlers.messages import Sender
from models.audit import record
from models.store import Store
from models.tables import WebSession

COOKIE = "govbot_session"
LIFETIME = timedelta(hours=8)
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class SessionView:
    """What a request needs from its session: the id, the CSRF token and who is speaking."""

    id: str
    csrf_token: str
    sender: Sender

    @property
    def anonymous(self) -> bool:
        return self.sender == ANONYMOUS_SENDER


@dataclass(frozen=True)
class PendingLogin:
    nonce: str
    verifier: str


class WebSessions:
    def __init__(self, store: Store, clock: Clock = utc_now) -> None:
        self.store = store
        self.clock = clock

    def load(self, session_id: str | None) -> SessionView | None:
        if not session_id:
            return None
        with self.store.read() as session:
            row = session.get(WebSession, session_id)
            if row is None or row.expires_at <= self.clock():
                return None
            return _view(row)

    def create(self) -> SessionView:
        """A fresh anonymous session; expired rows are swept on the way, so the table stays small."""
        now = self.clock()
        with self.store.session() as session:
            session.execute(delete(WebSession).where(WebSession.expires_at <= now))
            row = WebSession(
                id=secrets.token_urlsafe(32),
                csrf_token=secrets.token_urlsafe(32),
                created_at=now,
                expires_at=now + LIFETIME,
            )
            session.add(row)
            session.flush()
            return _view(row)

    def begin_login(self, session_id: str, state: str, nonce: str, verifier: str) -> None:
        with self.store.session() as session:
            session.execute(
                update(WebSession)
                .where(WebSession.id == session_id)
                .values(login_state=state, login_nonce=nonce, login_verifier=verifier)
            )

    def take_login(self, session_id: str, state: str) -> PendingLogin | None:
        """The login this session started with `state`, usable once: the row's state is cleared first."""
        with self.store.session() as session:
            row = session.scalar(
                select(WebSession).where(
                    WebSession.id == session_id,
                    WebSession.login_state == state,
                    WebSession.expires_at > self.clock(),
                )
            )
            if row is None or row.login_nonce is None or row.login_verifier is None:
                return None
            pending = PendingLogin(row.login_nonce, row.login_verifier)
            taken = session.execute(
                update(WebSession)
                .where(WebSession.id == session_id, WebSession.login_state == state)
                .values(login_state=None, login_nonce=None, login_verifier=None)
            )
            return pending if taken.rowcount == 1 else None

    def sign_in(self, session_id: str, sender: Sender, *, how: str) -> SessionView | None:
        """Bind `sender` to a new session id and CSRF token (the old id dies), with an audit row."""
        now = self.clock()
        with self.store.session() as session:
            old = session.get(WebSession, session_id)
            if old is None or old.expires_at <= now:
                return None
            session.delete(old)
            row = WebSession(
                id=secrets.token_urlsafe(32),
                csrf_token=secrets.token_urlsafe(32),
                created_at=now,
                expires_at=now + LIFETIME,
                platform=sender.platform,
                user_id=sender.user_id,
                email=sender.email,
                display_name=sender.display_name,
            )
            session.add(row)
            record(
                session,
                actor=f"{sender.platform}:{sender.user_id}"[:300],
                action=f"websession.signed_in.{how}",
                entity_type="web_session",
                entity_ref=f"{sender.platform}:{sender.user_id}"[:120],
                model_key=self.store.model.key,
                after={"platform": sender.platform, "user_id": sender.user_id, "email": sender.email},
            )
            session.flush()
            return _view(row)

    def sign_out(self, view: SessionView) -> None:
        with self.store.session() as session:
            session.execute(delete(WebSession).where(WebSession.id == view.id))
            if not view.anonymous:
                who = f"{view.sender.platform}:{view.sender.user_id}"
                record(
                    session,
                    actor=who[:300],
                    action="websession.signed_out",
                    entity_type="web_session",
                    entity_ref=who[:120],
                    model_key=self.store.model.key,
                )


def _view(row: WebSession) -> SessionView:
    if row.platform is None or row.user_id is None:
        return SessionView(row.id, row.csrf_token, ANONYMOUS_SENDER)
    sender = Sender(row.platform, row.user_id, row.display_name, row.email)
    return SessionView(row.id, row.csrf_token, sender)
