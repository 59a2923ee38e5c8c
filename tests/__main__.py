"""``python -m tests``: the whole check, as CI runs it — lint, types, layer contracts, tests.

Every step runs even when an earlier one fails, so one run shows everything; the exit code is
non-zero if any step failed (including a test process that crashed after its tests passed).
Extra arguments go to pytest (``python -m tests -k checkout -x``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else name


def main(argv: list[str]) -> int:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONFAULTHANDLER="1")
    steps: list[tuple[str, list[str]]] = [
        ("lint (ruff)", [_tool("ruff"), "check", "pos_app", "tests"]),
        ("layer contracts (import-linter)", [_tool("lint-imports")]),
        ("types (mypy)", [sys.executable, "-m", "mypy"]),
        ("tests (pytest)", [sys.executable, "-m", "pytest", *argv]),
    ]
    failed: list[str] = []
    for title, command in steps:
        print(f"\n=== {title}: {' '.join(command)}", flush=True)
        started = time.monotonic()
        code = subprocess.call(command, cwd=ROOT, env=env)
        print(f"=== {title}: exit {code} in {time.monotonic() - started:.1f} s", flush=True)
        if code != 0:
            failed.append(f"{title} (exit {code})")
    if failed:
        print("\nFAILED: " + "; ".join(failed), flush=True)
        return 1
    print("\nAll checks passed.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
