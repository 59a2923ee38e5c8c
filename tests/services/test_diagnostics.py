"""The diagnostics zip: what support needs (versions, settings, database facts, logs, printer
status), and never a secret or a customer's data."""

from __future__ import annotations

import json
import logging
import socket
import sqlite3
import threading
import zipfile

import pytest

from pos_app import __version__
from pos_app.config import BANK_ACCOUNT, PRINTER_URI, SETTINGS, Setting, Settings, _declare
from pos_app.db.database import Database
from pos_app.db.migrate import head_revision
from pos_app.logging_setup import setup_logging
from pos_app.services.maintenance.diagnostics import (
    database_facts,
    export_diagnostics,
    probe_printer,
    self_check,
)
from tests.installer.logging_guard import restore_root_logging

SECRET_TOKEN = "rt_live_8c1f0a9d77e2"
CUSTOMER_NOTE = "Nguyễn Thị Khách 0912345678"


@pytest.fixture(autouse=True)
def _root_logging_restored():
    with restore_root_logging():
        yield


@pytest.fixture
def secret_setting():
    """A secret setting like the registry token the sync area declares."""
    key = "test_registry_token"
    setting = _declare(Setting(key, str, "", "Registry bearer token (test)", secret=True))
    yield setting
    SETTINGS.pop(key, None)


def _zip(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def _settings(tmp_path, **values):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "settings.json").write_text(json.dumps(values), encoding="utf-8")
    settings = Settings.load(data)
    settings.paths.ensure()
    return settings


def test_the_zip_holds_versions_settings_database_logs_and_printer(tmp_path, secret_setting):
    settings = _settings(tmp_path, bank_account="0011004455667", test_registry_token=SECRET_TOKEN)
    setup_logging(settings.paths, settings=settings)
    logging.getLogger("pos_app.sync").warning("enrolled with token %s", SECRET_TOKEN)
    logging.getLogger("pos_app.sync").warning("Authorization: Bearer %s", SECRET_TOKEN)
    db = Database(settings.paths.database, settings.paths.backups)
    try:
        path = export_diagnostics(settings, db, tmp_path / "out" / "diag.zip")
    finally:
        db.close()

    files = _zip(path)
    assert path == tmp_path / "out" / "diag.zip"
    assert {"manifest.json", "versions.json", "settings.json", "database.json",
            "printer.json", "logs/ocop-pos.log"} <= set(files)

    versions = json.loads(files["versions.json"])
    assert versions["app"] == __version__
    assert versions["sqlite"] == sqlite3.sqlite_version
    assert versions["python"].startswith("3.11")
    assert versions["python-escpos"] == "3.1"
    assert versions["PySide6-Essentials"] != "unknown"

    values = json.loads(files["settings.json"])["values"]
    assert values["bank_account"] == "0011004455667"  # not a secret: support may need it
    assert "test_registry_token" not in values

    facts = json.loads(files["database.json"])
    assert facts["revision"] == facts["head_revision"] == head_revision()
    assert facts["integrity_check"] == "ok"
    assert facts["row_counts"]["app_meta"] >= 1
    assert facts["written_by_app_version"] == __version__

    assert json.loads(files["printer.json"])["result"] == "not_configured"
    manifest = json.loads(files["manifest.json"])
    assert set(manifest["files"]) == set(files)

    assert "enrolled with token" in files["logs/ocop-pos.log"]
    everything = "".join(files.values())
    assert SECRET_TOKEN not in everything


def test_the_zip_has_row_counts_but_no_rows(tmp_path):
    settings = _settings(tmp_path)
    db = Database(settings.paths.database, settings.paths.backups)
    db.close()
    raw = sqlite3.connect(settings.paths.database)
    with raw:
        raw.execute("INSERT INTO app_meta (key, value) VALUES ('note', ?)", (CUSTOMER_NOTE,))
    raw.close()

    files = _zip(export_diagnostics(settings, None, tmp_path / "d.zip"))

    assert json.loads(files["database.json"])["row_counts"]["app_meta"] == 2
    assert CUSTOMER_NOTE not in "".join(files.values())
    assert "0912345678" not in "".join(files.values())


def test_a_folder_as_destination_gets_a_dated_zip(tmp_path):
    settings = _settings(tmp_path)
    out = tmp_path / "support"
    out.mkdir()
    path = export_diagnostics(settings, None, out)
    assert path.parent == out
    assert path.name.startswith("ocop-pos-diagnostics-") and path.suffix == ".zip"
    assert not list(out.glob("*.part"))
    assert json.loads(_zip(path)["database.json"])["exists"] is False


def test_a_database_from_a_newer_app_is_described_not_changed(tmp_path):
    from tests.installer.old_database import build_old_database, stamp_unknown_revision

    settings = _settings(tmp_path)
    build_old_database(settings.paths.database)
    stamp_unknown_revision(settings.paths.database, "0099_newer")
    before = settings.paths.database.read_bytes()
    files = _zip(export_diagnostics(settings, None, tmp_path / "d.zip"))
    facts = json.loads(files["database.json"])
    assert facts["revision"] == "0099_newer"
    assert facts["at_head"] is False
    assert facts["row_counts"]["products"] == 2
    assert settings.paths.database.read_bytes() == before


def test_only_the_newest_logs_up_to_the_limit(tmp_path, monkeypatch):
    import pos_app.services.maintenance.diagnostics as diagnostics

    settings = _settings(tmp_path)
    logs = settings.paths.logs
    (logs / "ocop-pos.log").write_text("newest\n", encoding="utf-8")
    (logs / "ocop-pos.log.1").write_text("older " * 100, encoding="utf-8")
    (logs / "ocop-pos.log.2").write_text("oldest\n", encoding="utf-8")
    (logs / "unrelated.txt").write_text("not a log", encoding="utf-8")
    monkeypatch.setattr(diagnostics, "LOG_BYTES_LIMIT", 300)
    files = _zip(export_diagnostics(settings, None, tmp_path / "d.zip"))
    assert files["logs/ocop-pos.log"] == "newest\n"
    assert len(files["logs/ocop-pos.log.1"]) <= 300 - len("newest\n")
    assert "logs/ocop-pos.log.2" not in files
    assert "logs/unrelated.txt" not in files


# -- printer probe ----------------------------------------------------------------------------


def test_the_printer_probe_records_the_port_answer(tmp_path):
    settings = _settings(tmp_path, printer_uri="tcp://127.0.0.1:9")
    asked: list[str] = []

    def status(uri: str) -> str:
        asked.append(uri)
        return "paper_out"

    files = _zip(export_diagnostics(settings, None, tmp_path / "d.zip", printer_status=status))
    probe = json.loads(files["printer.json"])
    assert asked == ["tcp://127.0.0.1:9"]
    assert probe["uri"] == "tcp://127.0.0.1:9"
    assert probe["kind"] == "tcp"
    assert probe["result"] == "paper_out"


def test_a_probe_that_hangs_is_recorded_as_timeout():
    release = threading.Event()

    def status(uri: str) -> str:
        release.wait(10)
        return "ok"

    try:
        probe = probe_printer("usb://04b8:0e15", status, timeout=0.05)
    finally:
        release.set()
    assert (probe.kind, probe.result) == ("usb", "timeout")


def test_a_probe_that_raises_is_recorded_with_its_code():
    class Offline(Exception):
        code = "offline"

    def status(uri: str) -> str:
        raise Offline()

    assert probe_printer("tcp://127.0.0.1:9100", status).result == "offline"
    assert probe_printer("", status).result == "not_configured"
    assert probe_printer("tcp://127.0.0.1:9100", None).result == "not_probed"


def test_the_real_printer_port_against_a_closed_tcp_port(tmp_path):
    from pos_app.hardware.receipt_printer import EscposReceiptPrinter

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    uri = f"tcp://127.0.0.1:{port}?timeout=2"
    settings = _settings(tmp_path, printer_uri=uri)
    assert settings.get(PRINTER_URI) == uri
    files = _zip(export_diagnostics(settings, None, tmp_path / "d.zip",
                                    printer_status=EscposReceiptPrinter().status))
    assert json.loads(files["printer.json"])["result"] == "offline"


# -- database facts and self-check ------------------------------------------------------------


def test_database_facts_of_a_missing_file(tmp_path):
    facts = database_facts(tmp_path / "none.sqlite3")
    assert facts["exists"] is False
    assert facts["head_revision"] == head_revision()


def test_self_check_on_a_fresh_installation(tmp_path):
    settings = _settings(tmp_path)
    results = {r.name: r for r in self_check(settings)}
    assert [name for name, r in results.items() if r.fatal and not r.ok] == []
    assert {"database_open", "integrity", "migrations", "resources", "printer_capabilities",
            "logs_writable"} <= set(results)
    assert settings.paths.database.is_file()


def test_self_check_reports_a_newer_database(tmp_path):
    from tests.installer.old_database import build_old_database, stamp_unknown_revision

    settings = _settings(tmp_path)
    build_old_database(settings.paths.database)
    stamp_unknown_revision(settings.paths.database, "0099_newer")
    results = {r.name: r for r in self_check(settings)}
    assert results["database_open"].code == "database_too_new"
    assert results["database_open"].detail == "0099_newer"
    assert results["database_open"].fatal


def test_self_check_reports_missing_resources(tmp_path, monkeypatch):
    import pos_app.services.maintenance.diagnostics as diagnostics

    empty = tmp_path / "resources"
    empty.mkdir()
    monkeypatch.setattr(diagnostics, "resources_dir", lambda: empty)
    results = {r.name: r for r in self_check(_settings(tmp_path))}
    assert results["resources"].code == "missing_resources"
    assert "receipts/vi.json" in results["resources"].detail
    assert results["translations"].code == "missing_translations"
    assert not results["translations"].fatal


def test_bank_account_is_public_by_declaration():
    assert BANK_ACCOUNT.secret is False
