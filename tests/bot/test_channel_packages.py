"""What an admin installs: the Slack manifest and the Teams package, produced and valid."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import yaml

from bot.slack.app import MESSAGE_SHORTCUT_ID, SHORTCUT_ID

REPO = Path(__file__).resolve().parents[2]
SCOPES = {
    "app_mentions:read",
    "chat:write",
    "commands",
    "files:write",  # frame charts are posted as file uploads (bot/slack/uploads.py)
    "im:history",
    "im:read",
    "im:write",
    "users:read",
    "users:read.email",
}


def test_slack_manifest_is_least_privilege_and_matches_the_code() -> None:
    manifest = yaml.safe_load((REPO / "bot" / "slack" / "manifest.yaml").read_text(encoding="utf-8"))
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == SCOPES
    assert len(manifest["oauth_config"]["scopes"]["bot"]) == len(SCOPES)
    settings = manifest["settings"]
    assert settings["event_subscriptions"]["bot_events"] == ["app_mention", "message.im", "app_home_opened"]
    assert settings["interactivity"]["is_enabled"] is True
    shortcuts = {s["callback_id"]: s["type"] for s in manifest["features"]["shortcuts"]}
    assert shortcuts == {SHORTCUT_ID: "global", MESSAGE_SHORTCUT_ID: "message"}
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/govbot"]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR"
    header = data[16 : 16 + length]
    assert zlib.crc32(kind + header) & 0xFFFFFFFF == struct.unpack(">I", data[16 + length : 20 + length])[0]
    return struct.unpack(">II", header[:8])


def test_teams_package_command_writes_a_valid_zip(cli, tmp_path: Path) -> None:
    output = tmp_path / "govbot-teams.zip"
    app_id = "11111111-2222-3333-4444-555555555555"
    result = cli("teams-package", "--output", str(output), env={"MICROSOFT_APP_ID": app_id})
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(output) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        assert png_size(archive.read("color.png")) == (192, 192)
        assert png_size(archive.read("outline.png")) == (32, 32)
    assert float(manifest["manifestVersion"]) >= 1.16
    assert manifest["id"] == app_id and manifest["bots"][0]["botId"] == app_id
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_teams_package_without_app_id_uses_a_placeholder(cli, tmp_path: Path) -> None:
    output = tmp_path / "p.zip"
    result = cli("teams-package", "--output", str(output))
    assert result.returncode == 0
    with zipfile.ZipFile(output) as archive:
        assert (
            json.loads(archive.read("manifest.json"))["bots"][0]["botId"]
            == "00000000-0000-0000-0000-000000000000"
        )
    assert "placeholder" in result.stderr


def test_govbot_ask_loads_no_chat_sdk(cli) -> None:
    """The terminal path answers without importing Slack, Teams or aiohttp (fast start, fewer failure modes)."""
    code = (
        "import sys; from bot.cli.main import main; code = main(['ask', 'Hvem eier DIPS?']); "
        "bad = sorted({m.split('.')[0] for m in sys.modules} & {'slack_bolt', 'slack_sdk', 'botbuilder', 'aiohttp'}); "
        "print('LOADED', bad); sys.exit(code or (3 if bad else 0))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=cli.cwd, env=cli.env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Pasientbehandling" in result.stdout and "LOADED []" in result.stdout


def test_platform_sdks_are_imported_only_in_their_folders() -> None:
    sdk_import = re.compile(
        r"^\s*(?:from|import)\s+(slack_bolt|slack_sdk|botbuilder|botframework)\b", re.MULTILINE
    )
    home = {
        "slack_bolt": "bot/slack/",
        "slack_sdk": "bot/slack/",
        "botbuilder": "bot/teams/",
        "botframework": "bot/teams/",
    }
    for path in REPO.glob("**/*.py"):
        if {".venv", "tests", "benchmarks"} & set(path.parts):  # harnesses run the SDKs bare on purpose
            continue
        relative = path.relative_to(REPO).as_posix()
        for sdk in sdk_import.findall(path.read_text(encoding="utf-8")):
            assert relative.startswith(home[sdk]), f"{relative} imports {sdk}"
