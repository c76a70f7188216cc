"""Pictures inline: a PNG as a `data:` URI, for the web chat page and Teams' Adaptive Cards.

Inline rather than served from a URL: a chart is a few kilobytes, nothing has to be kept on the server
(or shared between replicas) to serve it later, and no token has to guard who may fetch it.
"""

from __future__ import annotations

import base64

PNG_DATA_URI = "data:image/png;base64,"


def png_data_uri(png: bytes) -> str:
    return PNG_DATA_URI + base64.b64encode(png).decode("ascii")
