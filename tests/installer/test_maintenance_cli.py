"""``ocop-pos-admin self-check`` and ``diagnostics`` as IT runs them after installing."""

from __future__ import annotations

import json
import zipfile

from pos_app.cli import main as admin
from tests.installer.old_database import build_old_database, stamp_unknown_revision


def _english(data):
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.json").write_text('{"language": "en"}', encoding="utf-8")
    return data


def test_self_check_passes_on_a_new_installation(tmp_path, capsys):
    data = _english(tmp_path / "data")
    assert admin(["self-check", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Database opens" in out
    assert "Everything is in order." in out or "Translation files are missing" in out
    assert "FAIL" not in out
    assert (data / "pos.sqlite3").is_file()
    assert (data / "logs" / "ocop-pos.log").is_file()


def test_self_check_fails_on_a_database_from_a_newer_app(tmp_path, capsys):
    data = _english(tmp_path / "data")
    build_old_database(data / "pos.sqlite3")
    stamp_unknown_revision(data / "pos.sqlite3", "0077_newer")
    assert admin(["self-check", "--data-dir", str(data)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "newer version of OCOP POS" in out and "0077_newer" in out
    assert "Problems found: 1" in out


def test_self_check_fails_on_a_damaged_database(tmp_path, capsys):
    data = _english(tmp_path / "data")
    (data / "pos.sqlite3").write_bytes(b"this is not a database, just bytes " * 200)
    assert admin(["self-check", "--data-dir", str(data)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "cannot be opened" in out


def test_diagnostics_writes_the_zip_where_asked(tmp_path, capsys):
    data = _english(tmp_path / "data")
    assert admin(["init", "--data-dir", str(data)]) == 0
    out_zip = tmp_path / "support" / "till-q01.zip"
    assert admin(["diagnostics", "--data-dir", str(data), "--out", str(out_zip)]) == 0
    assert f"Diagnostics saved to {out_zip}" in capsys.readouterr().out
    with zipfile.ZipFile(out_zip) as archive:
        facts = json.loads(archive.read("database.json"))
        log_text = archive.read("logs/ocop-pos.log").decode("utf-8")
    assert facts["integrity_check"] == "ok"
    assert "Running upgrade" in log_text  # init's migration was logged to the data folder
    assert json.loads(zipfile.ZipFile(out_zip).read("printer.json"))["result"] == (
        "not_configured")


def test_diagnostics_still_works_when_the_database_is_too_new(tmp_path, capsys):
    data = _english(tmp_path / "data")
    build_old_database(data / "pos.sqlite3")
    stamp_unknown_revision(data / "pos.sqlite3", "0077_newer")
    out_zip = tmp_path / "d.zip"
    assert admin(["diagnostics", "--data-dir", str(data), "--out", str(out_zip),
                  "--no-printer"]) == 0
    facts = json.loads(zipfile.ZipFile(out_zip).read("database.json"))
    assert facts["revision"] == "0077_newer" and facts["at_head"] is False
