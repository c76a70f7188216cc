"""Server-side web chat sessions, in the database so every replica behind the load balancer sees them.

The cookie carries only the random id; who the visitor is, the CSRF token and the half-finished OpenID
Connect login (state, nonce, PKCE verifier) stay here, out of the browser's reach.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from models.tables.base import Base, utcnow


class WebSession(Base):
    """One browser's session: anonymous, a demo person, or a user the identity provider proved."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    platform: Mapped[str | None] = mapped_column(String(20))
    """"web" for an OpenID Connect user, "webdemo" for a demo person, None while anonymous."""
    user_id: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(300))
    display_name: Mapped[str | None] = mapped_column(String(300))
    login_state: Mapped[str | None] = mapped_column(String(64), unique=True)
    """The OpenID Connect `state` of a login in progress; cleared when the callback uses it (once)."""
    login_nonce: Mapped[str | None] = mapped_column(String(64))
    login_verifier: Mapped[str | None] = mapped_column(String(128))
