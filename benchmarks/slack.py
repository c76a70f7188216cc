"""Slack over HTTP: ack latency against a bare Bolt app, the full turn, and the server's memory.

govbot (`create_app` in its own process, on its own PostgreSQL database) and a bare Bolt AsyncApp get the
same signed `app_mention` events from a load generator process; both talk to one Web API stand-in.
The full turn is request → `chat.postMessage` arriving at the stand-in. RSS is read from /proc after
10,000 events in all.
"""

from __future__ import annotations

from benchmarks.databases import postgres_database
from benchmarks.figures import Figure, percentile
from benchmarks.serving import Child, delete, descendants, generate, pss_mb, rss_mb, start, wait_for_arrivals

SECRET = "bench-signing-secret-0123456789abcdef"
QUESTION = "hvem eier DIPS?"


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
            govbot = start("benchmarks.apps", "govbot", env=env)
            children.append(govbot)
            return _measure(govbot, bare, standin, seconds, quick)
        finally:
            for child in reversed(children):
                child.stop()


def _measure(govbot: Child, bare: Child, standin: Child, seconds: int, quick: bool) -> list[Figure]:
    """The bare app goes first, so govbot's backlog of answers cannot slow the baseline down."""
    endpoint = f"{govbot.url}/slack/events"
    generate("slack", f"{bare.url}/slack/events", 50, 50, "--secret", SECRET)  # warm-up
    theirs = generate("slack", f"{bare.url}/slack/events", 200, 200 * seconds, "--secret", SECRET)
    generate("slack", endpoint, 50, 50, "--secret", SECRET)  # warm-up: imports, auth.test, pools
    mine = generate("slack", endpoint, 200, 200 * seconds, "--secret", SECRET)
    events = 50 + 200 * seconds
    wait_for_arrivals(standin, events)
    note = f"{seconds} s at 200/s" + (" (quick)" if quick else "")
    figures = [
        _latency("slack ack p50", mine, theirs, 50, "", note),
        _latency("slack ack p99", mine, theirs, 99, "<= 10 ms and <= 3x bare", note),
    ]
    delete(f"{standin.url}/_arrivals")
    turn = generate("slack", endpoint, 50, 50 * seconds, "--secret", SECRET)
    events += 50 * seconds
    arrivals = wait_for_arrivals(standin, len(turn["sent"]))
    turns = [arrivals[key] - sent for key, sent in turn["sent"].items() if key in arrivals]
    lost = len(turn["sent"]) - len(turns)
    turn_note = f"{seconds} s at 50/s, {len(turns)} replies" + (f", {lost} missing" if lost else "")
    for q, target in ((50, ""), (99, "<= 50 ms")):
        figures.append(
            Figure(f"slack full turn p{q}", percentile(turns, q) * 1000, "ms", target=target, note=turn_note)
        )
    total = 2_000 if quick else 10_000
    rest = max(0, total - events)
    if rest:
        generate("slack", endpoint, 400, rest, "--secret", SECRET)
    answered = len(wait_for_arrivals(standin, len(turn["sent"]) + rest, timeout=10 if quick else 180))
    tree = descendants(govbot.pid)
    sizes = f"{answered:,} of the last {len(turn['sent']) + rest:,} answered" + (
        " (quick: 2,000 events; full run: 10,000)" if quick else ""
    )
    figures.append(
        Figure(
            f"server RSS after {total:,} events",
            rss_mb(govbot.pid),
            "MB",
            target="<= 200 MB after 10,000",
            note=f"VmRSS of the process that serves and acks; {sizes}",
        )
    )
    figures.append(
        Figure(
            f"server and answer workers, PSS after {total:,} events",
            pss_mb(tree),
            "MB",
            note=f"{len(tree)} processes (server, forkserver, workers); shared pages counted once",
        )
    )
    return figures


def _latency(name: str, mine: dict, theirs: dict, q: int, target: str, note: str) -> Figure:  # type: ignore[type-arg]
    errors = {**mine["errors"]}
    extra = f", errors {errors}" if errors else ""
    return Figure(
        name,
        percentile(mine["latencies"], q) * 1000,
        "ms",
        baseline=percentile(theirs["latencies"], q) * 1000,
        target=target,
        note=f"{note}{extra}; baseline: bare slack-bolt AsyncApp",
    )
