"""Many secretaries adding cases to one meeting at the same moment: `govbot agenda add` × N in parallel.

Every process is a real CLI subprocess against one SQLite file or one PostgreSQL database. Each must
end with its case number (exit 0) or a polite "busy, try again" (exit 3, store unavailable), never a traceback; the numbers
handed out are distinct and without gaps. N is 8 in the suite (each a whole interpreter, on two cores);
GOVBOT_TEST_AGENDA_PARALLEL=60 runs 60.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.meetings.test_cli_meetings import SECRETARY, _add

PARALLEL = int(os.environ.get("GOVBOT_TEST_AGENDA_PARALLEL", "8"))


def test_parallel_agenda_adds_get_distinct_numbers_or_a_polite_busy(cli, database_url: str) -> None:
    meeting = json.loads(_add(cli, database_url, "2027-04-05T09:00").stdout)
    env = {**cli.env, "GOVBOT_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "bot.cli.main", "agenda", "add", "--meeting", str(meeting["id"])]
    command += ["--operating-cost", "0"]  # a decision case shows its operating cost (seed 000 §2.4)
    processes = [
        subprocess.Popen(
            [
                *command,
                "--title",
                f"Sak {i}",
                "--owner",
                "hanne-kristoffersen",
                "--json",
                "--lang",
                "en",
                "--as",
                SECRETARY,
            ],
            cwd=cli.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(PARALLEL)
    ]
    outcomes = [(p.returncode, out, err) for p in processes for out, err in [p.communicate(timeout=300)]]
    tracebacks = [err for _, _, err in outcomes if "Traceback" in err]
    assert tracebacks == [], tracebacks[0]
    numbers = [json.loads(out)["number"] for code, out, _ in outcomes if code == 0]
    busy = [err for code, _, err in outcomes if code != 0]
    assert all(code in (0, 3) for code, _, _ in outcomes), outcomes  # 3: store unavailable (busy)
    assert all("busy" in err and "try again" in err for err in busy), busy
    assert len(set(numbers)) == len(numbers), sorted(numbers)
    assert sorted(int(n.split("-")[0]) for n in numbers) == list(range(1, len(numbers) + 1))
    assert len(numbers) + len(busy) == PARALLEL
    print(f"{PARALLEL} parallel adds: {len(numbers)} numbered, {len(busy)} told busy")  # shown with -s


def test_parallel_moves_renumber_both_agendas_without_gaps_or_doubles(cli, database_url: str) -> None:
    """Cases moved at the same moment from one meeting to another: each agenda ends numbered 1…n."""
    april = json.loads(_add(cli, database_url, "2027-04-05T09:00").stdout)["id"]
    may = json.loads(_add(cli, database_url, "2027-05-10T09:00").stdout)["id"]
    cases = []
    for i in range(PARALLEL):
        added = cli(
            "agenda", "add", "--meeting", str(april), "--title", f"Sak {i}", "--owner", "hanne-kristoffersen",
            "--operating-cost", "0", "--json", "--as", SECRETARY, database_url=database_url,
        )  # fmt: skip
        cases.append(json.loads(added.stdout)["id"])
    env = {**cli.env, "GOVBOT_DATABASE_URL": database_url}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.cli.main",
                "agenda",
                *change,
                "--json",
                "--lang",
                "en",
                "--as",
                SECRETARY,
            ],
            cwd=cli.cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, case in enumerate(cases)
        for change in [
            ("move", str(case), "--to", str(may)) if n % 2 else ("reorder", str(case), "--position", "1")
        ]
    ]
    outcomes = [(p.returncode, err) for p in processes for _, err in [p.communicate(timeout=300)]]
    assert [err for _, err in outcomes if "Traceback" in err] == []
    assert all(code == 0 or (code == 2 and "busy" in err) for code, err in outcomes), outcomes
    for meeting in (april, may):
        listed = json.loads(
            cli("agenda", "list", "--meeting", str(meeting), "--json", database_url=database_url).stdout
        )
        assert [i["position"] for i in listed["agenda"]] == list(range(1, len(listed["agenda"]) + 1))
