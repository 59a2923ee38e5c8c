"""The reference registry as a REAL process on 127.0.0.1, and tills with their own databases.

``registry`` runs ``python -m pos_app.registry serve --port 0`` on a SQLite file in tmp, and, when
``OCOP_TEST_PG_URL`` names a PostgreSQL database (see ``.ci/postgres.sh``), once more on that:
the tests run against each. The showroom HN01 with tills Q01 and Q02 is created beforehand
through :class:`RegistryStore` on the same database (what ``ocop-registry create-showroom`` /
``enroll-till`` do).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from pos_app import config  # noqa: E402
from pos_app.config import Settings  # noqa: E402
from pos_app.db.database import Database  # noqa: E402
from pos_app.registry.models import RegistryBase  # noqa: E402
from pos_app.registry.store import RegistryStore  # noqa: E402
from pos_app.services.ports import SystemClock  # noqa: E402
from pos_app.services.sync.service import SyncService  # noqa: E402
from pos_app.sync.client import RegistryClient  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"
PG_URL = os.environ.get("OCOP_TEST_PG_URL", "")


@dataclass
class RunningRegistry:
    url: str
    db_url: str
    store: RegistryStore
    tokens: dict[str, str]
    process: subprocess.Popen[str]
    log: list[str] = field(default_factory=list)

    @property
    def host_port(self) -> tuple[str, int]:
        host, _, port = self.url.removeprefix("http://").rpartition(":")
        return host, int(port)


def start_registry_process(db_url: str, cwd: Path, *extra: str,
                           ) -> tuple[subprocess.Popen[str], str, list[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "pos_app.registry", "serve", "--db", db_url, "--host",
         "127.0.0.1", "--port", "0", *extra],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        # This checkout's pos_app, not whichever one the venv has installed (cwd is tmp).
        env={**os.environ, "PYTHONUNBUFFERED": "1",
             "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT),
                                                         os.environ.get("PYTHONPATH"))))},
    )
    assert process.stdout is not None
    first: list[str] = []
    reader = threading.Thread(target=lambda: first.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(60)
    line = first[0] if first else ""
    if not line.startswith("listening on "):
        process.kill()
        rest = process.stdout.read() if process.stdout else ""
        raise RuntimeError(f"registry did not start: {line!r} {rest[-2000:]}")
    log: list[str] = []
    drain = threading.Thread(target=lambda: log.extend(process.stdout), daemon=True)  # type: ignore[arg-type]
    drain.start()
    return process, line.split()[-1].strip(), log


def _backends() -> list[object]:
    params: list[object] = ["sqlite"]
    params.append(pytest.param("postgres", marks=pytest.mark.skipif(
        not PG_URL, reason="OCOP_TEST_PG_URL not set (.ci/postgres.sh prints one)")))
    return params


@pytest.fixture(params=_backends())
def registry(request, tmp_path) -> Iterator[RunningRegistry]:
    if request.param == "postgres":
        db_url = PG_URL
        wipe = RegistryStore(db_url)
        RegistryBase.metadata.drop_all(wipe.engine)
        wipe.close()
    else:
        db_url = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    store = RegistryStore(db_url)
    store.create_showroom("HN01", "Điểm bán OCOP Hà Nội")
    store.create_showroom("HN02", "Điểm bán OCOP Hoàn Kiếm")
    tokens = {till: store.enroll_till("HN01", till) for till in ("Q01", "Q02")}
    tokens["other"] = store.enroll_till("HN02", "Q01")
    process, url, log = start_registry_process(db_url, tmp_path)
    try:
        yield RunningRegistry(url, db_url, store, tokens, process, log)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        store.close()


@dataclass
class Till:
    settings: Settings
    db: Database
    client: RegistryClient
    sync: SyncService


def make_till(folder: Path, code: str, url: str, token: str, **sync_options: object) -> Till:
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings.load(folder, env={})
    settings.set(config.TILL_CODE, code)
    settings.set(config.SHOWROOM_CODE, "HN01")
    settings.set(config.TOKEN_STORE, "file")
    settings.set(config.SYNC_INTERVAL_S, 1)
    settings.paths.ensure()
    db = Database(settings.paths.database, settings.paths.backups)
    timeouts = sync_options.pop("timeouts", (2.0, 10.0))
    client = RegistryClient(url, token, connect_timeout=timeouts[0],  # type: ignore[index]
                            read_timeout=timeouts[1])  # type: ignore[index]
    service = SyncService(db, settings, SystemClock(), client, **sync_options)  # type: ignore[arg-type]
    return Till(settings, db, client, service)


@pytest.fixture
def till_factory(tmp_path) -> Iterator[object]:
    made: list[Till] = []

    def factory(code: str, url: str, token: str, **options: object) -> Till:
        till = make_till(tmp_path / f"till-{code}-{len(made)}", code, url, token, **options)
        made.append(till)
        return till

    yield factory
    for till in made:
        till.client.close()
        till.db.close()
