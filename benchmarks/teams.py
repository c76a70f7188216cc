"""Teams turn latency: a message activity in, the reply arriving at a loopback Bot Connector stand-in.

govbot (`create_app`, Emulator mode, its own PostgreSQL database) and a bare botbuilder echo bot
(CloudAdapter, Emulator mode) get the same activities from a load generator process; the reply's
arrival at the stand-in (matched by `replyToId`) ends the turn.

The load generator writes as 50 users in turn and the warm-up greets the first 25, so the first message of
each of the other 25 falls in the measured run: a first contact (member lookup, the account and its
conversation stored) instead of a returning user. That is 25 of 150 turns in the quick run but 25 of 3,000
in the full one, so each figure's `extra` gives first contacts and returning users apart.
"""

from __future__ import annotations

from benchmarks.databases import postgres_database
from benchmarks.figures import Figure, percentile
from benchmarks.serving import Child, delete, generate, start, wait_for_arrivals

RATE = 50
USERS = 50
"""benchmarks.loadgen.teams_request sends activity i as user i % 50."""
WARM_UP = 25


def run(quick: bool) -> list[Figure]:
    seconds = 3 if quick else 60
    with postgres_database() as url:
        connector = start("benchmarks.standins", "connector")
        children = [connector]
        try:
            govbot = start(
                "benchmarks.apps", "govbot", env={"GOVBOT_DATABASE_URL": url, "GOVBOT_TEAMS_EMULATOR": "1"}
            )
            children.append(govbot)
            bare = start("benchmarks.apps", "bare-teams")
            children.append(bare)
            mine, split = _turns(govbot, connector, seconds)
            theirs, _ = _turns(bare, connector, seconds)
        finally:
            for child in reversed(children):
                child.stop()
    note = f"{seconds} s at {RATE}/s, {len(mine)} replies" + (" (quick)" if quick else "")
    note += "; baseline: bare botbuilder echo bot"
    apart = (
        f"; returning users p99 {split['returning_p99_ms']} ms, "
        f"{split['first_contact_turns']} first contacts p50 {split['first_contact_p50_ms']} ms"
    )
    return [
        Figure(
            f"teams turn p{q}",
            percentile(mine, q) * 1000,
            "ms",
            baseline=percentile(theirs, q) * 1000,
            target=target,
            note=note + (apart if q == 99 else ""),
            extra=split,
        )
        for q, target in ((50, ""), (99, "<= 50 ms and <= 2x bare"))
    ]


def _turns(server: Child, connector: Child, seconds: int) -> tuple[list[float], dict[str, float | int]]:
    """Every turn's latency, and first contacts (users the warm-up did not greet) apart from the rest."""
    endpoint = f"{server.url}/api/messages"
    options = ("--service-url", connector.url + "/", "--text", "hvem eier DIPS?")
    generate("teams", endpoint, RATE, WARM_UP, *options)
    delete(f"{connector.url}/_arrivals")
    report = generate("teams", endpoint, RATE, RATE * seconds, *options)
    arrivals = wait_for_arrivals(connector, len(report["sent"]))
    first: list[float] = []
    returning: list[float] = []
    for key, sent in report["sent"].items():
        if key in arrivals:
            i = int(key.rsplit("-", 1)[1])
            (first if WARM_UP <= i < USERS else returning).append(arrivals[key] - sent)
    split: dict[str, float | int] = {
        "first_contact_turns": len(first),
        "first_contact_p50_ms": round(percentile(first, 50) * 1000, 2),
        "returning_p50_ms": round(percentile(returning, 50) * 1000, 2),
        "returning_p99_ms": round(percentile(returning, 99) * 1000, 2),
    }
    return first + returning, split
