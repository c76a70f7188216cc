"""Fixtures shared by every test tier.

Every test that asks for `database_url` runs twice: on an SQLite file and on a fresh PostgreSQL database,
because the bot ships with SQLite embedded and runs on PostgreSQL in production, and the two differ in
locking, types and triggers. PostgreSQL comes from GOVBOT_TEST_POSTGRES_URL (default: the local server's
`test` database); each test gets its own database, created and dropped around it. When the server cannot
be reached those variants are skipped, unless GOVBOT_REQUIRE_POSTGRES=1 (as in `.ci/run`), which makes
that a failure.

`cli` runs the real `govbot` entry point with a clean environment, so tests see exactly what a user sees:
exit codes, stdout and stderr, and no dependence on the developer's own data directory; `cli_process`
runs it in a subprocess where only a process boundary shows the behaviour.
"""

from __future__ import annotations

import copy
import functools
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
PRESETS_DIR = REPO_ROOT / "models" / "presets"
POSTGRES_URL_ENV = "GOVBOT_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql://127.0.0.1:5432/test"
REQUIRE_POSTGRES_ENV = "GOVBOT_REQUIRE_POSTGRES"
TEST_USER = "govbot-test"


# --- databases ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PostgresServer:
    """The server the PostgreSQL variants run on, or why they cannot."""

    url: str
    problem: str | None

    def libpq_url(self, database: str | None = None) -> str:
        """psycopg speaks libpq URLs: no `+driver` suffix."""
        from sqlalchemy.engine import make_url

        parsed = make_url(self.url).set(drivername="postgresql")
        if database is not None:
            parsed = parsed.set(database=database)
        return parsed.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    import psycopg

    url = os.environ.get(POSTGRES_URL_ENV, DEFAULT_POSTGRES_URL)
    server = PostgresServer(url=url, problem=None)
    try:
        with psycopg.connect(server.libpq_url(), autocommit=True, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split())
        return PostgresServer(
            url=url, problem=f"PostgreSQL at {POSTGRES_URL_ENV}={url} unreachable: {reason}"
        )
    return server


PREPARED_MODEL = "hso-2026"
USES_PREPARED_STORE = frozenset({"store", "context"})


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database of its own for each test, on SQLite or on a fresh PostgreSQL database dropped after it.

    Empty, unless the test also uses `store`/`context`: then it is a copy of a database the session
    migrated and loaded with the hso-2026 preset once, which is exactly what `open_store` would produce
    and saves the migration and model load (seconds on PostgreSQL) per test.
    """
    prepared = not USES_PREPARED_STORE.isdisjoint(request.fixturenames)
    if request.param == "sqlite":
        path = tmp_path / "govbot-test.db"
        if prepared:
            shutil.copyfile(request.getfixturevalue("prepared_sqlite_file"), path)
        yield f"sqlite:///{path}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    if server.problem is not None:
        if os.environ.get(REQUIRE_POSTGRES_ENV) == "1":
            pytest.fail(f"{server.problem} ({REQUIRE_POSTGRES_ENV}=1 requires it)", pytrace=False)
        pytest.skip(f"{server.problem}; set {REQUIRE_POSTGRES_ENV}=1 to make this a failure")
    name = f"govbot_test_{secrets.token_hex(6)}"
    if prepared:
        template = request.getfixturevalue("prepared_postgres_template")
        _admin(server, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    else:
        _admin(server, f'CREATE DATABASE "{name}"')
    try:
        yield server.libpq_url(name)
    finally:
        _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def prepared_sqlite_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from models.store import open_store

    path = tmp_path_factory.mktemp("prepared") / "govbot-prepared.db"
    open_store(f"sqlite:///{path}", PREPARED_MODEL).close()
    return path


@pytest.fixture(scope="session")
def prepared_postgres_template(postgres_server: PostgresServer) -> Iterator[str]:
    """Migrated and loaded once per session; the engine is disposed so it can serve as a template."""
    from models.store import open_store

    name = f"govbot_template_{secrets.token_hex(6)}"
    _admin(postgres_server, f'CREATE DATABASE "{name}"')
    try:
        open_store(postgres_server.libpq_url(name), PREPARED_MODEL).close()
        yield name
    finally:
        _admin(postgres_server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _admin(server: PostgresServer, statement: str) -> None:
    """CREATE/DROP DATABASE cannot run in a transaction, hence autocommit on the admin database."""
    import psycopg

    with psycopg.connect(server.libpq_url(), autocommit=True, connect_timeout=5) as conn:
        conn.execute(statement)  # names are generated in this file, never user input


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`postgres_only` tests (triggers, row locks) have no SQLite variant: deselect it, don't skip it."""
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_sqlite = callspec is not None and callspec.params.get("database_url") == "sqlite"
        (drop if on_sqlite and item.get_closest_marker("postgres_only") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture
def store(database_url: str) -> Iterator[Any]:
    """The hso-2026 preset loaded into the test database, as `govbot` would on first use."""
    from models.store import open_store

    opened = open_store(database_url, "hso-2026")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def context(store: Any) -> Any:
    from handlers.context import HandlerContext

    return HandlerContext(store=store)


# --- governance model files -----------------------------------------------------------------------------


def minimal_model() -> dict[str, Any]:
    """The smallest valid model: two domains on two boards, no demo catalogue, invented people."""
    text = "Testtekst for en liten modell."
    return {
        "schema_version": 1,
        "key": "test-region",
        "name": "Teststyring",
        "region": "Helse Test",
        "sources": ["tests/conftest.py"],
        "health_trusts": [{"key": "test-hf", "name": "Test helseforetak HF", "short_name": "THF"}],
        "people": [
            {"key": "eier", "name": "Eva Eier (plassholder)", "title": "Områdeeier", "organisation": "THF"},
            {
                "key": "leder",
                "name": "Lars Leder (plassholder)",
                "title": "Domeneleder",
                "organisation": "THF",
            },
        ],
        "secretariat": {"organisation": "Testsekretariatet", "description": text, "description_en": "Test."},
        "bodies": [
            {
                "key": "portefoljestyret",
                "name": "Porteføljestyret",
                "kind": "portfolio_board",
                "mandate": text,
                "source": "test",
                "members": [{"person": "eier", "role": "chair"}],
            },
            {
                "key": "styre-pasient",
                "name": "Områdestyre pasientbehandling",
                "kind": "domain_board",
                "escalates_to": "portefoljestyret",
                "mandate": text,
                "source": "test",
                "members": [
                    {"person": "eier", "role": "owner"},
                    {"person": "leder", "role": "domain_leader"},
                ],
            },
            {
                "key": "styre-samhandling",
                "name": "Områdestyre helsesamhandling",
                "kind": "domain_board",
                "escalates_to": "portefoljestyret",
                "mandate": text,
                "source": "test",
                "members": [{"person": "eier", "role": "owner"}],
            },
        ],
        "domains": [
            {
                "key": "pasientbehandling",
                "name": "Pasientbehandling",
                "name_en": "Patient care",
                "description": text,
                "description_en": "Test.",
                "board": "styre-pasient",
                "source": "test",
            },
            {
                "key": "helsesamhandling",
                "name": "Helsesamhandling",
                "name_en": "Health collaboration",
                "description": text,
                "description_en": "Test.",
                "board": "styre-samhandling",
                "source": "test",
            },
        ],
        "rules": {
            "paper_lead_days": 10,
            "paper_lead_source": "test",
            "delegation_limit_mnok": 50,
            "delegation_source": "test",
            "escalation_body": "portefoljestyret",
            "escalation_source": "test",
        },
    }


@pytest.fixture
def model_data() -> dict[str, Any]:
    """A valid model to break in tests: the hso-2026 preset when it exists, else the minimal model. Written
    elsewhere, it has no demo catalogue and no governance documents (their files stay beside the preset);
    a test that wants documents writes its own."""
    preset = PRESETS_DIR / "hso-2026.model.yaml"
    if preset.is_file():
        data = yaml.safe_load(preset.read_text(encoding="utf-8"))
        data.pop("demo_catalogue", None)
        data.pop("documents", None)
        return data
    return minimal_model()


@pytest.fixture
def test_model_file(tmp_path: Path) -> Path:
    """The minimal model as a file, for tests that need known domains and an empty catalogue."""
    return write_model(tmp_path / "test-region.model.yaml", minimal_model())


@pytest.fixture
def model_writer() -> Callable[[Path, dict[str, Any]], Path]:
    """Writes a model dict as YAML; tests break a field first."""
    return write_model


def write_model(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(
        yaml.safe_dump(copy.deepcopy(data), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return path


# --- the command line -----------------------------------------------------------------------------------


@dataclass
class Cli:
    """Runs the `govbot` entry point with a clean, test-owned environment, inside this process
    (tests/cli_runner.py says why that is what a user sees)."""

    env: dict[str, str]
    cwd: Path

    def __call__(
        self,
        *args: str,
        database_url: str | None = None,
        input: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        from tests.cli_runner import run_in_process

        return run_in_process(args, self._env(database_url, env), self.cwd, input)

    def _env(self, database_url: str | None, env: dict[str, str] | None) -> dict[str, str]:
        run_env = {**self.env, **(env or {})}
        if database_url is not None:
            run_env["GOVBOT_DATABASE_URL"] = database_url
        return run_env


@dataclass
class ProcessCli(Cli):
    """Runs `python -m bot.cli.main` in a subprocess: for what only a process boundary shows (caches on
    disk between runs, commands running at the same time)."""

    def __call__(
        self,
        *args: str,
        database_url: str | None = None,
        input: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli.main", *args],
            cwd=self.cwd,
            env=self._env(database_url, env),
            input=input,
            stdin=subprocess.DEVNULL if input is None else None,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


@functools.cache
def _trained_classifiers() -> tuple[Path, ...]:
    """The intent classifiers trained once per test process on fresh stores of both presets, as a first
    `govbot` run on the default database leaves them cached; the process keeps them for in-process
    tests on the same model and catalogue too (`intent_model` memoises by the same key)."""
    from handlers.context import HandlerContext
    from handlers.understanding.understand import intent_model, model_key
    from models.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="govbot-classifier-"))
    trained = []
    for preset in ("hso-2026", "helse-nord-2026"):
        store = open_store(f"sqlite:///{folder / f'{preset}.db'}", preset)
        try:
            ctx = HandlerContext(store=store, classifier_cache_dir=folder)
            with store.read() as session:
                intent_model(ctx, session)
                trained.append(folder / f"intents-{model_key(ctx, session)}.npz")
        finally:
            store.close()
    return tuple(trained)


@pytest.fixture(scope="session", autouse=True)
def trained_classifier_cache() -> Iterator[Path]:
    """Each test process trains the classifiers first, so no test's first message pays seconds for it
    (Slack and Teams tests wait for answers with timeouts), and every context built from `Settings` in
    this process or a child (answer workers, the CLI) finds them in GOVBOT_CACHE_DIR."""
    folder = _trained_classifiers()[0].parent
    previous = os.environ.get("GOVBOT_CACHE_DIR")
    os.environ["GOVBOT_CACHE_DIR"] = str(folder)
    try:
        yield folder
    finally:
        if previous is None:
            os.environ.pop("GOVBOT_CACHE_DIR", None)
        else:
            os.environ["GOVBOT_CACHE_DIR"] = previous


def clean_env(tmp_path: Path) -> dict[str, str]:
    """Only what the bot needs: nothing from the developer's GOVBOT_* or data directory leaks in.

    The cache holds the trained intent classifier, so each `govbot` subprocess starts as a second run
    does rather than importing scikit-learn to train again (tests/understanding checks the first run).
    """
    home = tmp_path / "home"
    for sub in ("data", "config", "cache/govbot"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    for classifier in _trained_classifiers():
        shutil.copyfile(classifier, home / "cache" / "govbot" / classifier.name)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "USER": TEST_USER,
        "LOGNAME": TEST_USER,
        "LANG": "en_US.UTF-8",  # an English terminal: CLI messages in English unless a test says otherwise
        "PYTHONUTF8": "1",
        "PYTHONPATH": str(REPO_ROOT),
        "GOVBOT_DATABASE_URL": f"sqlite:///{tmp_path / 'cli-default.db'}",
    }


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    work = tmp_path / "cwd"
    work.mkdir(exist_ok=True)
    return Cli(env=clean_env(tmp_path), cwd=work)


@pytest.fixture
def cli_process(tmp_path: Path) -> ProcessCli:
    work = tmp_path / "cwd"
    work.mkdir(exist_ok=True)
    return ProcessCli(env=clean_env(tmp_path), cwd=work)
