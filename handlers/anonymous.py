"""What a visitor nobody has signed in may do: ask read-only questions, nothing else.

The anonymous web visitor is one shared identity, so anything personal ("mine initiativer") would show
every anonymous visitor's data and anything that writes would have no one to answer for it. The intent
inventory marks which intents are open to such a visitor (`access: public`); the dispatch answers every
other intent, every button and every command from them with this polite "sign in" sentence, so the
visitor learns why instead of getting a catalogue miss.
"""

from __future__ import annotations

from handlers.messages import Language
from handlers.replies import Paragraph, Reply
from handlers.texts import t


def sign_in_reply(language: Language) -> Reply:
    return Reply(language, (Paragraph(t(language, "webchat.sign_in_needed")),), intent="sign_in.needed")
