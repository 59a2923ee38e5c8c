"""``ocop-pos-admin enroll / sync --once / sync-status`` against the real registry process."""

from __future__ import annotations

import json
import stat

from pos_app import config
from pos_app.cli import main
from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.services import outbox
from tests.sync.conftest import DEMO


def _prepare(tmp_path):
    data = tmp_path / "till"
    data.mkdir()
    settings = Settings.load(data, env={})
    settings.set(config.TOKEN_STORE, "file")
    settings.set(config.LANGUAGE, "en")
    return data


def test_enroll_checks_the_token_and_keeps_it_out_of_the_settings(registry, tmp_path, capsys):
    data = _prepare(tmp_path)
    assert main(["enroll", "--data-dir", str(data), "--registry", registry.url,
                 "--token", "wrong"]) == 1
    assert "Enrolment failed" in capsys.readouterr().out
    assert Settings.load(data, env={}).get(config.REGISTRY_URL) == ""

    token = registry.tokens["Q02"]
    assert main(["enroll", "--data-dir", str(data), "--registry", registry.url + "/",
                 "--token", token]) == 0
    out = capsys.readouterr().out
    assert "till Q02 of showroom HN01" in out and token not in out
    settings = Settings.load(data, env={})
    assert settings.get(config.REGISTRY_URL) == registry.url
    assert (settings.get(config.SHOWROOM_CODE), settings.get(config.TILL_CODE)) == ("HN01", "Q02")
    stored = (data / "settings.json").read_text("utf-8")
    assert token not in stored and "token" not in json.loads(stored).get("registry_url", "")
    token_file = data / "registry.token"
    assert token_file.read_text("utf-8") == token
    assert stat.S_IMODE(token_file.stat().st_mode) == 0o600
    for log in (data / "logs").glob("*"):
        assert token not in log.read_text("utf-8", errors="replace")


def test_sync_once_and_status(registry, tmp_path, capsys):
    registry.store.load_catalog_files([DEMO / "producers.csv", DEMO / "products.csv"])
    data = _prepare(tmp_path)
    assert main(["sync-status", "--data-dir", str(data)]) == 0
    assert "no registry is set up" in capsys.readouterr().out
    assert main(["enroll", "--data-dir", str(data), "--registry", registry.url,
                 "--token", registry.tokens["Q01"]]) == 0
    settings = Settings.load(data, env={})
    db = Database(settings.paths.database, settings.paths.backups)
    with db.transaction() as session:
        for total in (1, 2, 3):
            outbox.add_event(session, "z_report", {"total": total})
    db.close()
    capsys.readouterr()
    assert main(["sync", "--once", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Sent 3 events (0 already there), 0 refused, 0 still waiting" in out
    assert "Catalog: 335 products and 0 revocations" in out
    assert registry.store.event_counts()["events"] == 3
    assert main(["sync-status", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Events waiting: 0" in out and "Last successful sync: never" not in out
