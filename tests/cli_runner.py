"""Running the real `govbot` entry point inside the test process, as a subprocess would see it.

Starting a fresh interpreter costs a second or two of imports per command (more under load), and the
suite runs a few hundred commands: most of its time. `bot.cli.main.main` is the console script's whole
body, so calling it with the test's environment, working directory, stdin, stdout and stderr swapped in
gives the same exit codes and text a user sees. What a process boundary alone can show (caches on disk
between runs, concurrent commands, cold-start imports, signals) stays with `ProcessCli` in conftest.

The process-wide state the CLI touches is put back afterwards: the environment, the working directory,
the root logger (`configure_logging` replaces its handlers), warnings filters and the frozen garbage
(`paused_for_one_shot` freezes what survives a one-shot command).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import io
import logging
import os
import subprocess
import sys
import threading
import traceback
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path


def run_in_process(
    args: Sequence[str], env: dict[str, str], cwd: Path, input: str | None
) -> subprocess.CompletedProcess[str]:
    """`govbot *args` in this process; an uncaught exception is exit 1 with its traceback on stderr,
    as the interpreter would print it."""
    result: list[subprocess.CompletedProcess[str]] = []

    def call() -> None:
        result.append(_call(list(args), env, cwd, input))

    if _loop_running():
        # a command may run its own event loop (asyncio.run), which cannot nest in the test's
        worker = threading.Thread(target=call)
        worker.start()
        worker.join()
    else:
        call()
    return result[0]


def _call(
    args: list[str], env: dict[str, str], cwd: Path, input: str | None
) -> subprocess.CompletedProcess[str]:
    from bot.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with _process_state(env, cwd), _streams(input, out, err):
        try:
            code = main(args)
        except SystemExit as stop:
            code = _exit_code(stop.code, err)
        except BaseException:
            traceback.print_exc(file=err)
            code = 1
    return subprocess.CompletedProcess(["govbot", *args], code, out.getvalue(), err.getvalue())


def _exit_code(code: object, err: io.StringIO) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=err)
    return 1


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@contextlib.contextmanager
def _process_state(env: dict[str, str], cwd: Path) -> Iterator[None]:
    saved_env = dict(os.environ)
    saved_cwd = Path.cwd()
    root = logging.getLogger()
    saved_handlers, saved_level = list(root.handlers), root.level
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    try:
        with warnings.catch_warnings():
            yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)
        gc.unfreeze()


@contextlib.contextmanager
def _streams(input: str | None, out: io.StringIO, err: io.StringIO) -> Iterator[None]:
    saved_stdin = sys.stdin
    sys.stdin = io.StringIO(input or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            yield
    finally:
        sys.stdin = saved_stdin
