"""The Teams app package for sideloading: manifest.json and two icons, zipped.

The icons are drawn with the standard library (zlib + struct) at build time, so the repository holds no
binaries and the package needs nothing but Python to build.
"""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

PLACEHOLDER_APP_ID = "00000000-0000-0000-0000-000000000000"
MANIFEST_SCHEMA = "https://developer.microsoft.com/en-us/json-schemas/teams/v1.16/MicrosoftTeams.schema.json"
BRAND = (11, 61, 98)


def manifest(app_id: str | None, *, domain: str = "localhost") -> dict[str, Any]:
    bot_id = app_id or PLACEHOLDER_APP_ID
    return {
        "$schema": MANIFEST_SCHEMA,
        "manifestVersion": "1.16",
        "version": "1.0.0",
        "id": bot_id,
        "developer": {
            "name": "govbot",
            "websiteUrl": f"https://{domain}/",
            "privacyUrl": f"https://{domain}/privacy",
            "termsOfUseUrl": f"https://{domain}/terms",
        },
        "name": {"short": "govbot", "full": "govbot – styringsassistent"},
        "description": {
            "short": "Hvem eier hva i digitaliseringsstyringen.",
            "full": "Svarer på hvem som eier et system, hva et område dekker, og tar imot initiativ.",
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#0B3D62",
        "bots": [
            {
                "botId": bot_id,
                "scopes": ["personal", "team", "groupChat"],
                "supportsFiles": False,
                "isNotificationOnly": False,
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [domain],
    }


def png(size: int, rgba: tuple[int, int, int, int], *, ring: bool = False) -> bytes:
    """A square PNG: filled for the colour icon, a white ring on transparency for the outline icon."""
    rows = []
    centre, outer, inner = (size - 1) / 2, size / 2 - 1, size / 2 - 4
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            distance = ((x - centre) ** 2 + (y - centre) ** 2) ** 0.5
            inside = inner <= distance <= outer if ring else True
            row += bytes(rgba if inside else (0, 0, 0, 0))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + chunk(b"IEND", b"")
    )


def write_package(path: Path, app_id: str | None, *, domain: str = "localhost") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json", json.dumps(manifest(app_id, domain=domain), indent=2, ensure_ascii=False)
        )
        archive.writestr("color.png", png(192, (*BRAND, 255)))
        archive.writestr("outline.png", png(32, (255, 255, 255, 255), ring=True))
    return path
