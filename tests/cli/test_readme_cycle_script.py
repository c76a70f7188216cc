"""Issue 14, must show: the README's CLI script of a meeting's whole cycle runs as written.

The shell block under «A meeting's whole cycle from the CLI» is read from README.md and each command is
run through the real `govbot` entry point on the test's own database, checking exit 0 and what it must
say, so the README cannot go stale. The block's only shell are `echo '…' | govbot …` (the JSON on stdin)
and `$(date +%Y)` (this year, in an initiative's reference), which the test does as a shell would.
"""

from __future__ import annotations

import re
import shlex
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import REPO_ROOT

HEADING = "### A meeting's whole cycle from the CLI"
EXPECTED = {  # command (start) → what its English output must hold, in order of the script
    "meetings add --body Prehospital --at 2026-11-02": "Meeting 1",
    "meetings add --body Prehospital --at 2026-11-30": "Godkjenning av referat",
    "initiatives submit": "INI-",
    "agenda add": "Case 2-2026 [2]",
    "agenda delivered": "papers delivered",
    "agenda list": "Kartvisning av ledige ambulanser i AMK",
    "decisions record --case 2": "moved from",
    "outbox send": "Sent:",
    'ask "varsler" --as knut-johnsen': "Sendes porteføljestyret med anbefaling om konseptfase.",
    "followups add": "Lag kostnadsoverslag",
    "minutes draft": "draft",
    "minutes send": "15 January 2099",
    'ask "kommentar til referat 1': "kommentaren din",
    "minutes comments": "AMK Oslo deltar også i piloten.",
    "decisions record --case 1": "are approved and published",  # the minutes, said so
    "minutes show": "Approved in the meeting of 30 November 2026",
    "minutes export": "referat.docx",
    'ask "varsler" --as ragnhild-lund': "Lag kostnadsoverslag",
}


def script_lines() -> list[str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    after = text.split(HEADING, 1)[1]
    block = re.search(r"```sh\n(.*?)```", after, re.DOTALL)
    assert block is not None, "the cycle section has no ```sh block"
    return [line for line in block[1].splitlines() if line.strip() and not line.lstrip().startswith("#")]


def as_a_shell_would(line: str) -> tuple[list[str], str | None]:
    """The govbot arguments (comments dropped, $(date +%Y) expanded) and the echoed stdin, if any."""
    year = str(datetime.now(ZoneInfo("Europe/Oslo")).year)
    line = line.replace("$(date +%Y)", year)
    stdin = None
    if line.startswith("echo "):
        echoed, line = line.split(" | ", 1)
        stdin = shlex.split(echoed)[1] + "\n"
    words = shlex.split(line, comments=True)
    assert words[0] == "govbot", line
    return words[1:], stdin


def test_the_readme_cycle_script_runs_as_written(cli, database_url: str) -> None:
    """Reminders go out from the model's hour (09:00 Oslo): run before it, the follow-up's reminder is
    queued but not yet due, so the last «varsler» is then checked for the approval only."""
    expected = dict(EXPECTED)
    if datetime.now(ZoneInfo("Europe/Oslo")).hour < 9:
        expected['ask "varsler" --as ragnhild-lund'] = "godkjent"
    lines = script_lines()
    assert len(lines) >= len(EXPECTED)
    checked: set[str] = set()
    unsaid: list[str] = []
    for line in lines:
        args, stdin = as_a_shell_would(line)
        result = cli(*args, database_url=database_url, input=stdin)
        assert result.returncode == 0, (line, result.stdout, result.stderr)
        said = " ".join(args)
        for start, wanted in expected.items():
            if said.startswith(start.replace('"', "")):
                checked.add(start)
                if wanted not in result.stdout:
                    unsaid.append(f"{line}\n  wanted {wanted!r} in:\n{result.stdout}")
    assert not unsaid, "\n\n".join(unsaid)
    assert checked == set(EXPECTED)
    assert (cli.cwd / "referat.docx").read_bytes()[:2] == b"PK"
