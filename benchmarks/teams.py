"""Teams turn latency: a message activity in, the reply arriving at a loopback Bot Connector stand-in.

govbot (`create_app`, Emulator mode, its own PostgreSQL database) and a bare botbuilder echo bot
(CloudAdapter, Emulator mode) get the same activities from a load generator process; the reply's
arrival at the stand-in (matched by `replyToId`) ends the turn.
"""

from __future__ import annotations

from benchmarks.databases import postgres_database
from benchmarks.figures import Figure, percentile
from benchmarks.serving import Child, delete, generate, start, wait_for_arrivals

RATE = 50


def run(quick: bool) -> list[Figure]:
    seconds = 3 if quick else 60
    with postgres_database() as url:
        connector = start("benchmarks.standins", "connector")
        children = [connector]
        try:
            govbot = start("benchmarks.apps", "govbot", env={"GOVBOT_DATABASE_URL": url})
            children.append(govbot)
            bare = start("benchmarks.apps", "bare-teams")
            children.append(bare)
            mine = _turns(govbot, connector, seconds)
            theirs = _turns(bare, connector, seconds)
        finally:
            for child in reversed(children):
                child.stop()
    note = f"{seconds} s at {RATE}/s, {len(mine)} replies" + (" (quick)" if quick else "")
    note += "; baseline: bare botbuilder echo bot"
    return [
        Figure(
            f"teams turn p{q}",
            percentile(mine, q) * 1000,
            "ms",
            baseline=percentile(theirs, q) * 1000,
            target=target,
            note=note,
        )
        for q, target in ((50, ""), (99, "<= 50 ms and <= 2x bare"))
    ]


def _turns(server: Child, connector: Child, seconds: int) -> list[float]:
    endpoint = f"{server.url}/api/messages"
    options = ("--service-url", connector.url + "/", "--text", "hvem eier DIPS?")
    generate("teams", endpoint, RATE, 25, *options)  # warm-up
    delete(f"{connector.url}/_arrivals")
    report = generate("teams", endpoint, RATE, RATE * seconds, *options)
    arrivals = wait_for_arrivals(connector, len(report["sent"]))
    return [arrivals[key] - sent for key, sent in report["sent"].items() if key in arrivals]
