"""Issue 13: a crafted settings.json cannot make the till do what no settings screen allows,
nor cost it memory or a traceback: too large, too deep, NaN, out-of-range numbers, over-long
texts, wrong forms are all refused at load with the setting's name."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app.config import MAX_SETTINGS_BYTES, Paths, Settings, SettingsError

ROOT = Path(__file__).resolve().parents[2]


def planted(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "data"
    file = Paths.resolve(data).settings_file
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return data


@pytest.mark.parametrize(("text", "says"), [
    (json.dumps({"void_window_minutes": 10**30}), "void_window_minutes"),
    (json.dumps({"discount_approval_percent": 1000}), "discount_approval_percent"),
    (json.dumps({"sync_interval_s": 0}), "sync_interval_s"),
    (json.dumps({"printer_uri": "http://192.0.2.1/steal"}), "printer_uri"),
    (json.dumps({"till_code": "../../etc"}), "till_code"),
    (json.dumps({"showroom_address": "x" * 10_000}), "showroom_address"),
    (json.dumps({"scanner_prefix": "\x1b" * 100}), "scanner_prefix"),
    ('{"void_window_minutes": NaN}', "NaN"),
    ("[" * 100_000 + "]" * 100_000, "unreadable"),
    ('{"a": "' + "x" * (MAX_SETTINGS_BYTES + 10) + '"}', "larger than"),
    ("\xff\xfe not json", "unreadable"),
    ('["a list"]', "JSON object"),
])
def test_a_planted_settings_file_is_refused_with_the_reason(tmp_path, text, says):
    data = planted(tmp_path, text)
    with pytest.raises(SettingsError) as refused:
        Settings.load(data, env={})
    assert says in str(refused.value)


def test_a_sane_file_still_loads_and_unknown_keys_are_ignored(tmp_path):
    data = planted(tmp_path, json.dumps({"void_window_minutes": 30, "till_code": "Q02",
                                         "no_such_setting": {"deep": [1, 2]}}))
    settings = Settings.load(data, env={})
    from pos_app.config import TILL_CODE, VOID_WINDOW_MINUTES

    assert settings.get(VOID_WINDOW_MINUTES) == 30 and settings.get(TILL_CODE) == "Q02"


def test_the_admin_cli_says_so_without_a_traceback(tmp_path):
    data = planted(tmp_path, json.dumps({"void_window_minutes": -5}))
    done = subprocess.run([sys.executable, "-m", "pos_app.cli", "--data-dir", str(data),
                           "sales"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                               "HOME": str(tmp_path)})
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr
    assert "void_window_minutes" in done.stdout + done.stderr
