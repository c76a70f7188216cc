"""Reading a chart back pixel by pixel: how tall each kind of bar is, by its fixed colour."""

from __future__ import annotations

import io

from PIL import Image

from handlers.frames.charts import COLOURS


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def bar_tops(png: bytes) -> dict[str, int]:
    """For each bar colour, the height in pixels of its tallest bar (0: not drawn)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    pixels = image.load()
    tops: dict[str, int] = {}
    for kind, colour in COLOURS.items():
        wanted = rgb(colour)
        columns = [sum(1 for y in range(height) if pixels[x, y] == wanted) for x in range(0, width, 2)]
        tops[kind] = max(columns)  # a bar's column holds the most pixels of its colour (the legend's few)
    return tops
