"""The `home` intent: the asker's overview («oversikt», "what do I have going on?"), however it was asked.

Any wording gets the same view as Slack's App Home, with the sentence that explains why someone unknown
sees only help.
"""

from __future__ import annotations

from handlers.home import home_view
from handlers.replies import Reply
from handlers.understanding.asking import Ask


def answer_home(ask: Ask) -> Reply:
    return home_view(ask.ctx, ask.message.sender, ask.language, explain_unknown=True)
