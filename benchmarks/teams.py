"""Teams turn latency: a message activity in, the reply arriving at a loopback Bot Connector stand-in.

Three servers get the same activities from a load generator process, one after the other, each in its
own process: govbot (`create_app`, Emulator mode, its own PostgreSQL database); the FAIR FLOOR, an echo
bot on govbot's own Teams adapter (`bot.teams.routes.build_adapter`: Connector clients kept across turns,
replies over one pooled aiohttp session); and stock botbuilder's echo bot (CloudAdapter as shipped, which
builds two clients per activity, about 7 ms of CPU each, and sends through `requests` in threads). Stock
botbuilder saturates at 50/s on this machine, so a ratio against it cannot fail; govbot's target is
against the fair floor, and stock botbuilder is printed beside it. The reply's arrival at the stand-in
(matched by `replyToId`) ends the turn, timed from the activity's scheduled send time.

The load generator writes as 50 users in turn and the warm-up greets the first 25, so the first message of
each of the other 25 falls in the measured run: a first contact (member lookup, the account and its
conversation stored) instead of a returning user. That is 25 of 150 turns in the quick run but 25 of 3,000
in the full one, so govbot's `extra` gives first contacts and returning users apart.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from benchmarks.databases import postgres_database
from benchmarks.figures import Figure, latency_figures, percentile, spread_ms
from benchmarks.serving import Child, delete, generate, start, stop_all, wait_for_arrivals

RATE = 50
USERS = 50
"""benchmarks.loadgen.teams_request sends activity i as user i % 50."""
WARM_UP = 25


@dataclass
class Turns:
    latencies: list[float]
    """Due time → reply at the stand-in, seconds, for every activity that got a reply."""
    sent: int
    failed: str
    """The generator's failed requests (HTTP errors, timeouts), the replies that never came, the load."""
    split: dict[str, float | int]


def run(quick: bool) -> list[Figure]:
    seconds = 3 if quick else 60
    with postgres_database() as url:
        connector = start("benchmarks.standins", "connector")
        children = [connector]
        try:
            measured = {}
            for name, env in (
                ("govbot", {"GOVBOT_DATABASE_URL": url, "GOVBOT_TEAMS_EMULATOR": "1"}),
                ("fair-teams", None),
                ("bare-teams", None),
            ):
                server = start("benchmarks.apps", name, env=env)
                children.append(server)
                measured[name] = _turns(server, connector, seconds)
                server.stop()  # alone on the machine, one after the other
                children.remove(server)
        finally:
            stop_all(children)
    mine, fair, stock = measured["govbot"], measured["fair-teams"], measured["bare-teams"]
    note = (
        f"{seconds} s at {RATE}/s"
        + (" (quick)" if quick else "")
        + f"; failed: govbot {mine.failed}, fair echo {fair.failed}, stock {stock.failed}"
        + "; baseline: echo bot on govbot's Teams adapter (clients kept); "
        + f"stock botbuilder echo: {spread_ms(stock.latencies)}"
    )
    apart = (
        f"; returning users p99 {mine.split['returning_p99_ms']} ms, "
        f"{mine.split['first_contact_turns']} first contacts p50 {mine.split['first_contact_p50_ms']} ms"
    )
    figures = latency_figures(
        "teams turn",
        mine.latencies,
        fair.latencies,
        targets={"p99": "<= 1.5x the fair echo floor"},
        note=note + apart,
        extra={**mine.split, "stock_echo_p99_ms": round(percentile(stock.latencies, 99) * 1000, 2)},
    )
    figures += latency_figures(
        "teams stock botbuilder echo turn",
        stock.latencies,
        fair.latencies,
        note=f"the stock CloudAdapter against the fair floor (baseline), same load; failed {stock.failed}",
    )
    return figures


def _turns(server: Child, connector: Child, seconds: int) -> Turns:
    """Every turn's latency, and first contacts (users the warm-up did not greet) apart from the rest."""
    endpoint = f"{server.url}/api/messages"
    options = ("--service-url", connector.url + "/", "--text", "hvem eier DIPS?")
    generate("teams", endpoint, RATE, WARM_UP, *options)
    delete(f"{connector.url}/_arrivals")
    load_before = os.getloadavg()[0]
    report = generate("teams", endpoint, RATE, RATE * seconds, *options)
    arrivals = wait_for_arrivals(connector, len(report["scheduled"]))
    first: list[float] = []
    returning: list[float] = []
    for key, due in report["scheduled"].items():
        if key in arrivals:
            i = int(key.rsplit("-", 1)[1])
            (first if WARM_UP <= i < USERS else returning).append(arrivals[key] - due)
    split: dict[str, float | int] = {
        "first_contact_turns": len(first),
        "first_contact_p50_ms": round(percentile(first, 50) * 1000, 2),
        "returning_p50_ms": round(percentile(returning, 50) * 1000, 2),
        "returning_p99_ms": round(percentile(returning, 99) * 1000, 2),
    }
    sent = RATE * seconds
    missing = len(report["scheduled"]) - len(first) - len(returning)
    kinds = dict(report["errors"]) | ({"timeout": report["timeouts"]} if report["timeouts"] else {})
    reasons = [f"{count} {kind}" for kind, count in kinds.items()]
    reasons += [f"{missing} replies missing"] if missing else []
    failed = f"{report['failed'] + missing} of {sent:,}" + (f" ({', '.join(reasons)})" if reasons else "")
    failed += f" at load average {load_before:.1f}→{os.getloadavg()[0]:.1f}"
    return Turns(first + returning, sent, failed, split)
