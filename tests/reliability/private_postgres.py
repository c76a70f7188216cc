"""A PostgreSQL server of the test's own, to restart under load without touching anyone else's databases.

Every other test (and, on a developer's machine, every other test run) uses the shared server at
127.0.0.1:5432; stopping it would fail them. So the restart test starts a throw-away cluster from the same
PostgreSQL binaries (`initdb` into a temporary directory, a free port, TCP on 127.0.0.1 only) and stops,
starts and restarts that one. As root the server runs as the `postgres` user, since PostgreSQL refuses
to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

START_WITHIN_S = 60


def find_bindir() -> Path | None:
    """The newest installed server's binaries (Debian keeps them off PATH), else whatever PATH has."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3].split(".")[0])
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass(frozen=True)
class PrivateCluster:
    bindir: Path
    root: Path
    port: int
    run_as: tuple[str, ...]
    """`runuser -u postgres --` as root, nothing otherwise."""

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, timeout: float = START_WITHIN_S) -> None:
        done = subprocess.run(
            [*self.run_as, *args], capture_output=True, text=True, timeout=timeout, cwd=self.root
        )
        if done.returncode != 0:  # say why, with the server's own log: a bare exit status helps nobody
            raise AssertionError(f"{Path(args[0]).name} failed: {done.stderr.strip()}\n{self.log()[-2000:]}")

    def initdb(self) -> None:
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip

    def _ctl(self, action: str, *extra: str) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' "
            "-c fsync=off -c max_connections=40 -c shared_buffers=16MB"
        )
        self._run(
            str(self.bindir / "pg_ctl"), action, "-D", str(self.data), "-w", "-t", str(START_WITHIN_S),
            "-o", options, "-l", str(self.root / "server.log"), *extra,
        )  # fmt: skip

    def start(self) -> None:
        self._ctl("start")

    def stop(self, mode: str = "fast") -> None:
        """`fast`: what a service manager's restart does; open transactions are rolled back."""
        self._ctl("stop", "-m", mode)

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast")

    def log(self) -> str:
        path = self.root / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""


@contextmanager
def private_cluster(port: int) -> Iterator[PrivateCluster]:
    """A started cluster; always stopped (immediately) and removed after, whatever the test did."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server binaries (initdb) installed")
    run_as: tuple[str, ...] = ()
    root = Path(tempfile.mkdtemp(prefix="govbot-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        run_as = ("runuser", "-u", "postgres", "--")
    root.chmod(0o700)
    cluster = PrivateCluster(bindir, root, port, run_as)
    try:
        cluster.initdb()
        cluster.start()
        yield cluster
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "stop", "-D", str(cluster.data), "-m", "immediate"],
            capture_output=True,
            timeout=START_WITHIN_S,
            cwd=root,
        )
        shutil.rmtree(root, ignore_errors=True)
