"""The load generator's clock: latency counts from each request's scheduled send time, and every request
ends as a latency, an error or a timeout. Driven on a fake clock, so nothing here is timed."""

from __future__ import annotations

import asyncio

from benchmarks.figures import latency_figures, percentile
from benchmarks.loadgen import Failed, drive


class FakeClock:
    """Time moves only when the generator sleeps or a request says it took so long."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)  # the requests due meanwhile run now


async def test_requests_held_up_by_a_stalled_generator_count_the_wait_as_latency() -> None:
    clock = FakeClock()

    async def send(i: int) -> str:
        if i == 0:
            clock.now += 0.5  # the generator's loop is blocked for 0.5 s inside the first request
        return f"r{i}"

    report = await drive(100, 100.0, send, grace=1.0, now=clock, sleep=clock.sleep)

    assert report.failed == 0 and len(report.latencies) == 100
    # Request 1 was due 10 ms after the start; the stall ended at 0.51 s and the generator next let its
    # tasks run at 0.52 s. It answered at once, yet waited 0.51 s: timed from when its task ran, 0 ms.
    assert abs(report.latencies[1] - 0.51) < 1e-9
    assert abs(report.late_start_max - 0.51) < 1e-9
    assert abs(report.scheduled["r1"] - 1000.01) < 1e-9  # the stand-in's arrival times subtract this
    assert report.latencies[-1] == 0.0  # due after the stall: on time
    assert percentile(report.latencies, 99) > 0.4


async def test_failures_and_timeouts_are_counted_not_dropped() -> None:
    clock = FakeClock()
    never = asyncio.Event()

    async def send(i: int) -> str:
        if i == 1:
            raise Failed("503")
        if i == 2:
            raise ConnectionResetError  # not one the sender labels itself: counted by its type
        if i == 3:
            await never.wait()  # no answer within the grace period
        return f"r{i}"

    report = await drive(5, 1.0, send, grace=0.0, now=clock, sleep=clock.sleep)

    assert report.errors == {"503": 1, "ConnectionResetError": 1}
    assert report.timeouts == 1
    assert report.failed == 3
    assert sorted(report.scheduled) == ["r0", "r4"]
    assert report.offsets == [0.0, 4.0]


def test_every_latency_figure_has_p50_p99_p999_and_max_beside_its_baseline() -> None:
    mine = [0.001] * 999 + [0.4]  # one pause in a thousand: under the p99, never under the max
    theirs = [0.002] * 1000

    figures = {f.name: f for f in latency_figures("ack", mine, theirs, note="n", targets={"max": "<= 50 ms"})}

    assert list(figures) == ["ack p50", "ack p99", "ack p99.9", "ack max"]
    assert figures["ack p99"].value == 1.0
    assert figures["ack max"].value == 400.0 and figures["ack max"].baseline == 2.0
    assert figures["ack max"].target == "<= 50 ms" and "[target <= 50 ms]" in figures["ack max"].line()
    assert all(f.extra["run"] == "n" for f in figures.values())
