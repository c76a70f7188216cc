"""Buttons in the terminal: numbered choices the user answers by typing the number.

Slack and Teams show a reply's buttons as buttons; the terminal prints them as «1) …» lines and turns a
typed number back into the button's action, so a clarifying question or a secretariat action works
the same at the terminal as in chat.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.replies import Actions, Button, Reply, render_plain


@dataclass(frozen=True)
class TerminalReply:
    text: str
    buttons: tuple[Button, ...]


def render_terminal(reply: Reply) -> TerminalReply:
    """The plain text, each row of buttons as numbered lines (numbered across rows)."""
    buttons: list[Button] = []
    plain = Reply(reply.language, tuple(b for b in reply.blocks if not isinstance(b, Actions)), reply.intent)
    lines = [render_plain(plain)] if plain.blocks else []
    for block in reply.blocks:
        if isinstance(block, Actions):
            for button in block.buttons:
                buttons.append(button)
                lines.append(f"  {len(buttons)}) {button.label}")
    if buttons:
        hint = "Svar med et tall." if reply.language == "nb" else "Answer with a number."
        lines.append(f"  ({hint})")
    return TerminalReply("\n".join(lines), tuple(buttons))


def picked(text: str, offered: tuple[Button, ...]) -> Button | None:
    """The button whose number the user typed, when the last reply offered buttons."""
    stripped = text.strip().rstrip(".)")
    if not offered or not stripped.isdigit():
        return None
    number = int(stripped)
    return offered[number - 1] if 1 <= number <= len(offered) else None
