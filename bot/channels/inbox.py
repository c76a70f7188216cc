"""The chat inbox as a channel: what neither Slack nor Teams can deliver waits here as «varsler».

The web chat and the terminal chat cannot reach someone who is not looking, so delivering to them means
keeping the notice until the person asks («varsler» / "my notifications") or opens the web chat page,
which shows the unread count. It takes any address, so as the last member of the fan-out it is where a
person without a Slack or Teams account is told; the outbox row then says `sent` by `inbox`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from handlers.notices import reply_to_payload
from handlers.notify import Notification
from models.repositories.inbox import deliver
from models.store import Store


class InboxNotifier:
    channel = "inbox"

    def __init__(self, store: Store, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.clock = clock or (lambda: datetime.now(UTC))

    def send(self, notification: Notification) -> str:
        with self.store.session() as session:
            notice_id = deliver(
                session,
                self.store.model_id,
                notification.person_key,
                notification.key,
                notification.kind,
                reply_to_payload(notification.reply),
                self.clock(),
            )
        return f"inbox:{notice_id}"
