"""`govbot serve` as a real process: unproven-identity modes only on loopback and never with credentials.

Demo people and Teams Emulator mode let a caller claim any identity, so the server refuses them (exit 2,
one paragraph, no traceback, nothing started) on a non-loopback address or beside platform credentials,
and its startup lines say which channels are on.
"""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

SLACK = {"SLACK_BOT_TOKEN": "xoxb-fake", "SLACK_SIGNING_SECRET": "fake-secret"}


@pytest.mark.parametrize(
    ("args", "env", "reason"),
    [
        (["--demo", "--host", "0.0.0.0"], {}, "not on 0.0.0.0"),
        (["--demo"], {"HOST": "::"}, "not on ::"),
        (["--teams-emulator", "--host", "0.0.0.0"], {}, "not on 0.0.0.0"),
        (["--teams-emulator", "--host", "govbot.example.no"], {}, "not on govbot.example.no"),
        (["--demo"], SLACK, "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET are set"),
        ([], {"GOVBOT_DEMO": "1", **SLACK}, "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET are set"),
        (["--teams-emulator"], {"MICROSOFT_APP_ID": "app-id"}, "MICROSOFT_APP_ID is set"),
        (["--demo", "--teams-emulator"], {"SLACK_APP_TOKEN": "xapp-fake"}, "SLACK_APP_TOKEN is set"),
        (
            ["--demo"],
            {**SLACK, "SLACK_API_URL": "https://slack.example.com/api/"},
            "SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET are set",
        ),
    ],
)
def test_unproven_identity_modes_refuse_to_start_exposed(
    cli, tmp_path, args: list[str], env: dict[str, str], reason: str
) -> None:
    database = tmp_path / "never-created.db"
    result = cli("serve", *args, env={**env, "GOVBOT_DATABASE_URL": f"sqlite:///{database}"}, timeout=60)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("Refusing to start:") and reason in result.stderr
    assert "Nothing was started" in result.stderr and "Traceback" not in result.stderr
    assert not database.exists()


def test_demo_refuses_beside_an_oidc_client(cli) -> None:
    result = cli("serve", "--demo", env={"GOVBOT_OIDC_CLIENT_ID": "govbot"}, timeout=60)
    assert result.returncode == 2 and "GOVBOT_OIDC_CLIENT_ID is set" in result.stderr


def started_lines(
    cli, *args: str, wanted: str, env: dict[str, str] | None = None, timeout: float = 60
) -> list[str]:
    """Run the real server until `wanted` is on stderr, then stop it; the lines it printed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli.main", "serve", "--port", "0", *args],
        cwd=cli.cwd,
        env={**cli.env, **(env or {})},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    watchdog = threading.Timer(timeout, process.kill)  # a silent server ends readline with EOF
    watchdog.start()
    try:
        assert process.stderr is not None
        for line in process.stderr:
            lines.append(line.rstrip("\n"))
            if wanted in line:
                return lines
        raise AssertionError(f"no {wanted!r} on stderr: {lines}")
    finally:
        watchdog.cancel()
        process.terminate()
        process.wait(30)


def test_default_server_says_teams_is_off(cli) -> None:
    lines = started_lines(cli, wanted="web chat:")
    assert "Teams is off (MICROSOFT_APP_ID is not set; --teams-emulator for local testing)" in lines
    assert "Slack is off (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set)" in lines


def test_demo_may_sit_beside_a_loopback_slack_stand_in(cli) -> None:
    """The benchmarks' setup: Slack credentials for a Web API on 127.0.0.1 reach no workspace."""
    env = {**SLACK, "SLACK_API_URL": "http://127.0.0.1:9/api/"}
    lines = started_lines(cli, "--demo", env=env, wanted="web chat:")
    assert "web chat: demo people (loopback only)" in lines


def test_loopback_demo_and_emulator_start_and_say_so(cli) -> None:
    lines = started_lines(cli, "--demo", "--teams-emulator", "--host", "127.0.0.1", wanted="web chat:")
    assert "web chat: demo people (loopback only)" in lines
    assert any(line.startswith("Teams: Emulator mode at /api/messages") for line in lines)
