"""The region's look for the web chat page: its colour from the model file, served as a small stylesheet.

A stylesheet rather than an inline style, because the page's Content-Security-Policy allows styles from
our own origin only. The text colour on the region's colour is computed, not configured: black or white,
whichever contrasts more, so no model file can make the header fail WCAG 2.1 AA (4.5:1 for text).
"""

from __future__ import annotations

from models.governance.schema import Appearance

BLACK, WHITE = "#000000", "#ffffff"


def _channel(value: int) -> float:
    """One sRGB channel, linearised as WCAG 2.1's relative luminance defines it."""
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio, from 1 (none) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(colour: str) -> str:
    return WHITE if contrast(colour, WHITE) >= contrast(colour, BLACK) else BLACK


def stylesheet(appearance: Appearance) -> str:
    """Custom properties chat.css reads (`var(--brand)`); everything else about the page is static."""
    colour = appearance.colour.lower()
    return f":root {{ --brand: {colour}; --on-brand: {text_colour_on(colour)}; }}\n"
