"""``ocop-pos-admin enroll / sync --once / sync-status`` against the real registry process.

Expected lines come from ``sync_messages`` itself, so the tests hold in whatever language the
process's Qt translator is (another test may have installed Vietnamese first)."""

from __future__ import annotations

import json
import stat

from pos_app import config
from pos_app.cli import main
from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.services.sync import outbox
from pos_app.ui.messages import sync as say
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
    assert say.enroll_failed_line("unauthorized") in capsys.readouterr().out
    assert Settings.load(data, env={}).get(config.REGISTRY_URL) == ""

    token = registry.tokens["Q02"]
    assert main(["enroll", "--data-dir", str(data), "--registry", registry.url + "/",
                 "--token", token]) == 0
    out = capsys.readouterr().out
    assert "Q02" in out and "HN01" in out and token not in out
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
    assert say.error_text("not_configured") in capsys.readouterr().out
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
    assert say.push_line(3, 0, 0, 0) in out
    assert say.catalog_line(2, 335, 0) in out
    assert registry.store.event_counts()["events"] == 3
    assert main(["sync-status", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    lines = say.status_lines(True, 0, 0, "", "")
    assert lines[1] in out and lines[3] not in out  # 0 waiting; a last sync time, not "never"
    # issue 18: a fresh process tells the last contact truthfully, never "not tried yet"
    assert lines[0] in out and say.status_lines(None, 0, 0, "", "")[0] not in out
    contact = say.status_lines(True, 0, 0, "", "", contact="@")[-1].replace("@", "")
    assert contact in out


def test_enrolment_to_a_remote_plain_http_registry_is_refused_with_a_clear_message(
        tmp_path, capsys):
    data = _prepare(tmp_path)
    assert main(["enroll", "--data-dir", str(data), "--registry", "http://192.0.2.10:8600",
                 "--token", "t"]) == 1
    out = capsys.readouterr().out
    assert say.enroll_failed_line("insecure_url") in out and "https://" in out
    assert Settings.load(data, env={}).get(config.REGISTRY_URL) == ""
