"""The APScheduler job that triggers the sweep is registered with the options the design relies on."""

from __future__ import annotations

from apscheduler.triggers.interval import IntervalTrigger

from scheduler.jobs import SWEEP_JOB_ID, build_scheduler


def test_sweep_job_options(context) -> None:
    scheduler = build_scheduler(context)
    job = scheduler.get_job(SWEEP_JOB_ID)
    assert job is not None
    assert isinstance(job.trigger, IntervalTrigger) and job.trigger.interval.total_seconds() == 60
    assert job.coalesce is True and job.max_instances == 1 and job.misfire_grace_time is None
    assert [type(store).__name__ for store in scheduler._jobstores.values()] == ["MemoryJobStore"]
    assert not scheduler.running
