"""The neutral reply: a small set of blocks every channel can render.

Handlers say what to show (a heading, facts, a list, buttons); `bot/` decides how Slack blocks, an
Adaptive Card, the web chat or the terminal show it. `text` is always a complete plain-text version,
used for notifications, screen readers and the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handlers.messages import Language


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Facts:
    """Label/value pairs, e.g. "Områdeeier: Kari Nordmann"."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Button:
    label: str
    action: str
    value: str = ""


@dataclass(frozen=True)
class Actions:
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class FormField:
    """One input of a form; channels render it as a modal input, a card input or an HTML control."""

    name: str
    label: str
    kind: str = "text"
    """text | textarea | number | select | multiselect | date | datetime"""
    required: bool = False
    options: tuple[Choice, ...] = ()
    initial: str | tuple[str, ...] | None = None
    hint: str | None = None
    max_length: int | None = None
    error: str | None = None
    """Why the last submission of this field was refused; channels that re-show a form put it beside
    the input (Slack modals get their errors in the view-submission ack instead)."""


@dataclass(frozen=True)
class Form:
    """A form to fill in: a Slack modal, a Teams Adaptive Card, an HTML form in the web chat.

    `form_id` names the handler in `handlers.forms.FORM_HANDLERS` that receives the submitted values;
    `context` carries non-secret state (e.g. an initiative reference) back with the submission and must
    be re-checked by the handler, never trusted.
    """

    form_id: str
    title: str
    fields: tuple[FormField, ...]
    submit_label: str
    context: str = ""


@dataclass(frozen=True)
class Image:
    """A picture (PNG bytes) with its text alternative: an upload in Slack, an Image in a Teams card, an
    <img> in the web chat. A reply carrying one also says the same numbers in its text, so the plain
    rendering (the terminal, notifications, screen readers) leaves the picture out and loses nothing."""

    png: bytes
    alt_text: str
    """What the picture shows, every number included; screen readers read this."""
    title: str
    filename: str = "chart.png"


Block = Heading | Paragraph | Facts | BulletList | Actions | Form | Image


@dataclass(frozen=True)
class Reply:
    language: Language
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    intent: str = "unknown"
    """Which intent produced the reply; channels use it for analytics and tests for assertions."""

    @property
    def text(self) -> str:
        return render_plain(self)


def render_plain(reply: Reply) -> str:
    """Plain text with light structure; the terminal and `govbot ask` print exactly this. Images are left
    out: their numbers are in the reply's text already."""
    lines: list[str] = []
    for block in reply.blocks:
        if isinstance(block, Heading):
            if lines:
                lines.append("")
            lines.append(block.text)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Facts):
            width = max((len(label) for label, _ in block.items), default=0)
            lines.extend(f"  {label + ':':<{width + 1}} {value}" for label, value in block.items)
        elif isinstance(block, BulletList):
            lines.extend(f"  • {item}" for item in block.items)
        elif isinstance(block, Actions):
            lines.append("  " + "  ".join(f"[{b.label}]" for b in block.buttons))
        elif isinstance(block, Form):
            lines.append(block.title)
            lines.extend(
                f"  - {f.label}{' *' if f.required else ''}{f': {f.error}' if f.error else ''}"
                for f in block.fields
            )
    return "\n".join(lines)
