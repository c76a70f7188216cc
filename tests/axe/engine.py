"""axe-core in a real page: installed from npm on first use, injected with WebDriver, run on WCAG 2.1 A/AA.

`npm install` runs into tests/axe/node_modules (gitignored) when it is missing, pinned by package.json
and package-lock.json, as the OpenID provider of the sign-in tests is (tests/oidc/provider.py). Without
node/npm the browser tests skip with the reason, unless GOVBOT_REQUIRE_BROWSER=1 (set by .ci/run), which
makes that a failure: a browser test that cannot check accessibility has not checked it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
"""The rules of WCAG 2.1 level A and AA, which Norwegian public bodies must meet (likestillings- og
diskrimineringsloven, forskrift om universell utforming av IKT)."""

_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: "tag", values: arguments[0] }, resultTypes: ["violations"] })
  .then((result) => done(result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
  }))))
  .catch((error) => done([{ id: "axe-error", impact: "critical", help: String(error), nodes: [] }]));
"""


def _need_npm() -> None:
    if shutil.which("node") and shutil.which("npm"):
        return
    reason = "node and npm are not installed (apt-get install nodejs npm): axe-core comes from npm"
    if os.environ.get("GOVBOT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; GOVBOT_REQUIRE_BROWSER=1 requires it", pytrace=False)
    pytest.skip(reason)


@cache
def script() -> str:
    """axe.min.js's source, installing it once even when several pytest-xdist workers need it at once."""
    if not SCRIPT.exists():
        _need_npm()
        with (HERE / ".npm-install.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
            if not SCRIPT.exists():
                subprocess.run(
                    ["npm", "ci", "--no-audit", "--no-fund", "--omit=dev"],
                    cwd=HERE,
                    check=True,
                    capture_output=True,
                    timeout=600,
                )
    return SCRIPT.read_text(encoding="utf-8")


def violations(driver: Any) -> list[dict[str, Any]]:
    """The page's WCAG 2.1 A/AA violations as axe reports them (rule, impact, help, the first nodes)."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(script())
    driver.set_script_timeout(60)
    return driver.execute_async_script(_RUN, list(WCAG_21_AA))
