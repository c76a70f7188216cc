"""«varsler» / "my notifications": the notices delivered to the asker's chat inbox, then marked read.

Showing them and marking them read happen in one transaction with an audit row, so a notice is read
exactly when it was shown. The oldest unread come first, a page at a time; reminders still waiting for
the sweep (due, but no channel has taken them yet) are counted, so "no notifications" is never said
while some are on their way.
"""

from __future__ import annotations

from handlers.context import HandlerContext
from handlers.inbox.addresses import inbox_addresses
from handlers.meetings.formatting import when
from handlers.messages import Language, Sender
from handlers.notices import reply_from_payload
from handlers.replies import Block, Heading, Paragraph, Reply
from handlers.texts import t
from handlers.understanding.asking import Ask
from models.audit import record
from models.repositories.inbox import mark_read, unread, unread_count, waiting_count

PAGE = 10


def answer_notifications(ask: Ask) -> Reply:
    return read_notifications(ask.ctx, ask.message.sender, ask.language)


def read_notifications(ctx: HandlerContext, sender: Sender, language: Language) -> Reply:
    now = ctx.clock()
    model_id = ctx.store.model_id
    with ctx.store.session() as session:
        addresses = inbox_addresses(session, model_id, sender)
        shown = unread(session, model_id, addresses, PAGE)
        waiting = waiting_count(session, model_id, addresses, now)
        blocks: list[Block] = []
        if shown:
            total = unread_count(session, model_id, addresses)
            blocks.append(Heading(t(language, "inbox.heading", count=total)))
            for notice in shown:
                blocks.append(Paragraph(t(language, "inbox.when", when=when(language, notice.created_at))))
                blocks.extend(reply_from_payload(notice.reply).blocks)
            read = mark_read(session, [n.id for n in shown], now)
            record(
                session,
                actor=f"{addresses[0]} ({sender.platform}:{sender.user_id})",
                action="inbox.read",
                entity_type="inbox",
                entity_ref=addresses[0][:120],
                model_key=ctx.model.key,
                after={"read": read, "ids": [n.id for n in shown]},
            )
            if total > len(shown):
                blocks.append(Paragraph(t(language, "inbox.more", count=total - len(shown))))
        else:
            blocks.append(Paragraph(t(language, "inbox.none")))
        if waiting:
            blocks.append(Paragraph(t(language, "inbox.waiting", count=waiting)))
    return Reply(language, tuple(blocks), intent="notifications")


def unread_for(ctx: HandlerContext, sender: Sender) -> int:
    """The unread count a chat page or the terminal shows; 0 for the anonymous visitor."""
    with ctx.store.read() as session:
        addresses = inbox_addresses(session, ctx.store.model_id, sender)
        return unread_count(session, ctx.store.model_id, addresses)


def unread_hint(language: Language, count: int) -> str:
    return t(language, "inbox.unread_hint", count=count)
