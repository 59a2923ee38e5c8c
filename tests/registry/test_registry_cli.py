"""``ocop-registry`` as an administrator runs it (a real process per command)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "demo"


def _run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pos_app.registry", *args, "--db", db],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def test_admin_commands(tmp_path):
    db_file = tmp_path / "registry.sqlite3"
    db = f"sqlite:///{db_file}"
    assert _run(db, "create-showroom", "HN01", "Điểm bán OCOP").returncode == 0
    duplicate = _run(db, "create-showroom", "HN01", "Again")
    assert duplicate.returncode == 2 and "showroom_exists" in duplicate.stderr
    enrolled = _run(db, "enroll-till", "HN01", "Q01")
    token = enrolled.stdout.strip()
    assert enrolled.returncode == 0 and len(token) >= 40
    assert token.encode() not in db_file.read_bytes()  # only its hash is kept
    loaded = _run(db, "load-catalog", str(DEMO / "producers.csv"), str(DEMO / "products.csv"))
    assert loaded.returncode == 0, loaded.stderr
    assert "products changed: 335" in loaded.stdout
    revoked = _run(db, "revoke", "OCOP-HN-2024-01902", "--reason", "test")
    assert revoked.returncode == 0 and "BT-001" in revoked.stdout
    assert _run(db, "restore", "BT-001").returncode == 0
    assert _run(db, "revoke", "NO-SUCH").returncode == 2


def test_a_bad_catalog_file_loads_nothing_and_names_the_row(tmp_path):
    db = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    bad = tmp_path / "products.csv"
    rows = (DEMO / "products.csv").read_text("utf-8-sig").splitlines()
    header, first = rows[0], rows[1].replace(",4,", ",7,", 1)  # 7 stars: not an OCOP rating
    bad.write_text("\n".join([header, first]) + "\n", encoding="utf-8")
    result = _run(db, "load-catalog", str(DEMO / "producers.csv"), str(bad))
    assert result.returncode == 2
    assert "bad_catalog" in result.stderr and "row 2" in result.stderr
    from pos_app.registry.store import RegistryStore

    store = RegistryStore(db)
    assert store.catalog_page(None, 10).producers == []
    store.close()


def test_the_openapi_document_in_the_repo_is_current():
    import json

    from pos_app.registry.server import openapi_document

    kept = json.loads((ROOT / "resources" / "openapi" / "registry-v1.json").read_text("utf-8"))
    assert kept == json.loads(json.dumps(openapi_document())), \
        "run `python -m pos_app.registry openapi --write` and commit the file"


def test_a_price_or_story_a_till_would_refuse_is_refused_at_load_with_row_and_column(tmp_path):
    import csv

    db = f"sqlite:///{tmp_path / 'registry.sqlite3'}"
    with (DEMO / "products.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["Giá bán"] = "1" + "0" * 20  # 10^20 đồng
    rows[1]["Câu chuyện sản phẩm"] = "x" * 5000
    bad = tmp_path / "products.csv"
    with bad.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows[:3])
    result = _run(db, "load-catalog", str(DEMO / "producers.csv"), str(bad))
    assert result.returncode == 2, result.stdout
    assert "row 2 [Giá bán]: bad_price" in result.stderr
    assert "row 3 [Câu chuyện sản phẩm]: too_long" in result.stderr
    assert "Traceback" not in result.stderr
