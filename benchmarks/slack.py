"""Slack over HTTP: acks from a freshly started server that answers every event, against bare Bolt; the
answers it sustains meanwhile and what they cost in CPU; the full turn; the server's memory.

govbot (`create_app` in its own process, with its answer workers, on its own PostgreSQL database) and a
bare Bolt AsyncApp get the same signed `app_mention` events from a load generator process; both talk to
one Web API stand-in, which notes when each `chat.postMessage` arrives. Each server is started fresh and
gets only UP_CHECK mentions (answered, for govbot) to learn that it is up: no warm-up hides the first
seconds, where a fresh process collects garbage and fills its caches. Latency counts from each request's
scheduled send time (see benchmarks.loadgen), and every figure comes as p50, p99, p99.9 and max with the
failures of both servers beside it.

Then govbot's answers: every acked mention must be answered. Answers/s is measured at the stand-in, from
the first mention's due time to the last answer (during the load and after it, while the workers catch
up); CPU per answer is the answer workers' CPU time over those answers (from /proc/<pid>/stat of the
server's descendants), with the PostgreSQL backends' CPU for this database beside it. The full turn
(mention → answer at the stand-in) is measured at 50/s once the backlog is gone, and memory (the acking
process's RSS, the whole tree's PSS) only once every answer has arrived.
"""

from __future__ import annotations

import os
from typing import Any

from benchmarks.databases import postgres_database
from benchmarks.figures import Figure, latency_figures, spread_ms
from benchmarks.serving import (
    Child,
    CpuSampler,
    delete,
    descendants,
    generate,
    postgres_backends,
    pss_mb,
    rss_mb,
    start,
    stop_all,
    wait_for_arrivals,
)

Load = dict[str, Any]
"""A load generator's report as JSON (benchmarks.loadgen.Report, plus `failed`)."""
SECRET = "bench-signing-secret-0123456789abcdef"
QUESTION = "hvem eier DIPS?"
RATE = 200
TURN_RATE = 50
UP_CHECK = 5
"""Mentions (at 10/s) each fresh server gets before the load, to learn it is up; govbot must answer them."""


def run(quick: bool) -> list[Figure]:
    seconds = 3 if quick else 60
    with postgres_database() as url:
        standin = start("benchmarks.standins", "slack")
        env = {
            "GOVBOT_DATABASE_URL": url,
            "SLACK_BOT_TOKEN": "xoxb-bench",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": f"{standin.url}/api/",
        }
        children = [standin]
        try:
            bare = start("benchmarks.apps", "bare-slack", env=env)
            children.append(bare)
            _up_check(bare, standin, answered=False)
            theirs = _load(bare, RATE, RATE * seconds)
            bare.stop()  # the baseline went first, alone, so govbot's answers could not slow it down
            children.remove(bare)
            govbot = start("benchmarks.apps", "govbot", env=env)
            children.append(govbot)
            return _measure(govbot, standin, theirs, url, seconds, quick)
        finally:
            stop_all(children)  # the server and its answer workers are gone before the database is dropped


def _load(server: Child, rate: float, count: int) -> Load:
    return generate(
        "slack", f"{server.url}/slack/events", rate, count, "--secret", SECRET, "--text", QUESTION
    )


def _up_check(server: Child, standin: Child, answered: bool) -> None:
    report = _load(server, 10, UP_CHECK)
    if report["failed"]:
        raise RuntimeError(f"{server.process.args} failed its up check: {report['errors']}")
    if answered:
        arrivals = wait_for_arrivals(standin, UP_CHECK, timeout=60)
        if len(arrivals) < UP_CHECK:
            raise RuntimeError(f"govbot answered {len(arrivals)} of {UP_CHECK} up-check mentions")
    delete(f"{standin.url}/_arrivals")


def _measure(
    govbot: Child, standin: Child, theirs: Load, url: str, seconds: int, quick: bool
) -> list[Figure]:
    _up_check(govbot, standin, answered=True)
    database = url.rsplit("/", 1)[1]
    workers = CpuSampler(lambda: [pid for pid in descendants(govbot.pid) if pid != govbot.pid])
    server = CpuSampler(lambda: [govbot.pid])
    backends = CpuSampler(lambda: postgres_backends(database))
    count = RATE * seconds
    load_before = os.getloadavg()[0]
    with workers, server, backends:
        mine = _load(govbot, RATE, count)
        arrivals = wait_for_arrivals(standin, len(mine["scheduled"]), timeout=90 if quick else 600, quiet=30)
    load_after = os.getloadavg()[0]
    worker_cpu, server_cpu, database_cpu = workers.seconds, server.seconds, backends.seconds

    quick_note = " (quick)" if quick else ""
    load = (
        f"fresh server (only {UP_CHECK} mentions before, to learn it is up), {seconds} s at {RATE}/s "
        f"answering every event{quick_note}; "
        f"load average {load_before:.1f} before, {load_after:.1f} after"
    )
    failures = f"failed: govbot {_failures(mine)}, bare {_failures(theirs)}"
    figures = latency_figures(
        "slack ack",
        mine["latencies"],
        theirs["latencies"],
        targets={"p99": "<= 2x bare", "max": "<= 50 ms"},
        note=f"{load}; {failures}; baseline: bare slack-bolt AsyncApp (acks only, fresh too)",
        extra=_where_slowest(mine, "govbot") | _where_slowest(theirs, "bare"),
    )

    scheduled = mine["scheduled"]
    answered = [arrivals[key] for key in scheduled if key in arrivals]
    first_due, load_end = min(scheduled.values()), min(scheduled.values()) + count / RATE
    last = max(answered, default=load_end)
    during = sum(1 for t in answered if t <= load_end)
    after_seconds = max(0.0, last - load_end)
    missing = len(scheduled) - len(answered)
    figures.append(
        Figure(
            "slack answers/s sustained",
            len(answered) / max(last - first_due, 1e-9),
            "answers/s",
            target=f">= {RATE}/s",
            note=(
                f"{len(answered):,} of {len(scheduled):,} acked mentions answered"
                + (f" ({missing:,} MISSING at the bound)" if missing else "")
                + f" from the first due time to the last answer; {during / (count / RATE):.0f}/s during the "
                f"{seconds} s load, {(len(answered) - during) / max(after_seconds, 1e-9):.0f}/s after it"
                f"{quick_note}"
            ),
            extra={
                "answered": len(answered),
                "acked": len(scheduled),
                "answered_during_load": during,
                "catch_up_s": round(after_seconds, 2),
            },
        )
    )
    figures.append(
        Figure(
            "slack catch-up after the load",
            after_seconds,
            "s",
            note=f"last answer after the last of {count:,} mentions was due{quick_note}",
        )
    )
    per_answer = len(answered) or 1
    figures.append(
        Figure(
            "slack CPU per answer (answer workers)",
            worker_cpu / per_answer * 1000,
            "ms",
            target="<= 4 ms",
            note=(
                f"{worker_cpu:.1f} s CPU in the server's {workers.processes} descendant processes (answer "
                f"workers, forkserver) over {len(answered):,} answers; beside it, at least "
                f"{database_cpu / per_answer * 1000:.2f} ms per answer in {backends.processes} PostgreSQL "
                "backends (sampled: short-lived pool overflow connections escape) and the acking server "
                f"{server_cpu / max(len(scheduled), 1) * 1000:.2f} ms per event"
            ),
            extra={
                "database_ms_per_answer": round(database_cpu / per_answer * 1000, 3),
                "server_ms_per_event": round(server_cpu / max(len(scheduled), 1) * 1000, 3),
            },
        )
    )

    delete(f"{standin.url}/_arrivals")
    load_before = os.getloadavg()[0]
    turn = _load(govbot, TURN_RATE, TURN_RATE * seconds)
    arrivals = wait_for_arrivals(standin, len(turn["scheduled"]), timeout=60 if quick else 180)
    turns = [arrivals[key] - due for key, due in turn["scheduled"].items() if key in arrivals]
    lost = len(turn["scheduled"]) - len(turns)
    figures += latency_figures(
        "slack full turn",
        turns,
        targets={"p99": "<= 50 ms"},
        note=(
            f"{seconds} s at {TURN_RATE}/s after the backlog, mention due → chat.postMessage at the "
            f"stand-in; {len(turns):,} answers"
            + (f", {lost} MISSING" if lost else "")
            + f"; ack {_failures(turn)} failed; load average {load_before:.1f} before, "
            f"{os.getloadavg()[0]:.1f} after{quick_note}"
        ),
    )

    events = UP_CHECK + count + TURN_RATE * seconds
    unanswered = missing + lost
    tree = descendants(govbot.pid)
    read = (
        f"read after every answer had arrived ({events:,} events)"
        if not unanswered
        else (f"read with {unanswered:,} of {events:,} events still UNANSWERED at the wait's bound")
    )
    figures.append(
        Figure(
            f"server RSS after {events:,} events",
            rss_mb(govbot.pid),
            "MB",
            note=f"VmRSS of the process that serves and acks; {read}{quick_note}",
        )
    )
    figures.append(
        Figure(
            f"server and answer workers, PSS after {events:,} events",
            pss_mb(tree),
            "MB",
            target="<= 200 MB after 10,000",
            note=f"{len(tree)} processes (server, forkserver, workers); shared pages counted once; {read}",
        )
    )
    return figures


def _failures(report: Load) -> str:
    sent = len(report["latencies"]) + report["failed"]
    if not report["failed"]:
        return f"0 of {sent:,}"
    kinds = dict(report["errors"]) | ({"timeout": report["timeouts"]} if report["timeouts"] else {})
    return f"{report['failed']:,} of {sent:,} ({', '.join(f'{n} {kind}' for kind, n in kinds.items())})"


def _where_slowest(report: Load, who: str) -> dict[str, float | int | str]:
    """When in the run the slowest ack was due, and how far the generator itself ever lagged."""
    latencies, offsets = report["latencies"], report["offsets"]
    slowest = max(range(len(latencies)), key=latencies.__getitem__, default=None)
    return {
        f"{who}_slowest_due_at_s": round(offsets[slowest], 3) if slowest is not None else -1.0,
        f"{who}_generator_lag_max_ms": round(report["late_start_max"] * 1000, 2),
        f"{who}_spread": spread_ms(latencies),
    }
