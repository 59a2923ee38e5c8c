"""Sync benchmarks against a real reference registry process on loopback.

``bench_sync``: push N pending outbox events (issue 7: 100,000 in ≤ 60 s, client ≤ 300 MB).
``bench_catalog_pull``: pull and apply a registry catalog of N products (≤ 10 s for 20,000).
Both start ``python -m pos_app.registry serve`` on SQLite in a temporary folder, so the figures
are the till's side plus a real HTTP round trip.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pos_app.config import Settings
from pos_app.db.database import Database
from pos_app.domain.barcodes import make_ean13
from pos_app.domain.ids import new_id
from pos_app.services.ports import SystemClock
from pos_app.services.sync import outbox
from pos_app.services.sync.service import SyncService

SHOWROOM, TILL = "HN01", "Q01"


def _registry(db_url: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pos_app.registry", *args, "--db", db_url],
                          capture_output=True, text=True, check=True, timeout=600)
    return done.stdout.strip()


@contextmanager
def registry_process(root: Path, *catalog_files: Path) -> Iterator[tuple[str, str]]:
    """A reference registry serving ``root/registry.sqlite3`` with one showroom and one enrolled
    till (and ``catalog_files`` loaded); yields ``(base_url, till_token)``."""
    db_url = f"sqlite:///{root / 'registry.sqlite3'}"
    _registry(db_url, "create-showroom", SHOWROOM, "Bench")
    token = _registry(db_url, "enroll-till", SHOWROOM, TILL)
    if catalog_files:
        _registry(db_url, "load-catalog", *map(str, catalog_files))
    server = subprocess.Popen(
        [sys.executable, "-m", "pos_app.registry", "serve", "--db", db_url, "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert server.stdout is not None
        yield server.stdout.readline().split()[-1], token
    finally:
        server.terminate()
        server.wait(30)


@contextmanager
def _till(root: Path, url: str, token: str, *, batch_size: int | None = None,
          page_size: int = 200) -> Iterator[SyncService]:
    from pos_app.sync.client import RegistryClient

    settings = Settings.load(root / "till", env={})
    settings.paths.ensure()
    db = Database(settings.paths.database, settings.paths.backups)
    client = RegistryClient(url, token, read_timeout=120)
    try:
        yield SyncService(db, settings, SystemClock(), client, batch_size=batch_size,
                          page_size=page_size)
    finally:
        client.close()
        db.close()


def fill_outbox(db: Database, count: int) -> None:
    """Add ``count`` pending three-line sale events (500 per transaction)."""
    line = {"sku": "BT-001", "qty": 1, "unit_price": 120_000, "line_total": 120_000,
            "vat_rate": 8}
    done = 0
    while done < count:
        with db.transaction() as session:
            for _ in range(min(500, count - done)):
                outbox.add_event(session, "sale", {
                    "sale_id": new_id(), "showroom": SHOWROOM, "till": TILL, "total": 360_000,
                    "lines": [{**line, "line_id": new_id(), "line_no": n} for n in (1, 2, 3)],
                })
                done += 1


def bench_sync(n_events: int, *, batch_size: int | None = None) -> dict[str, float]:
    """Push ``n_events`` pending sale events. Returns seconds, events per second, and the
    client's peak Python memory (tracemalloc) pushing one further batch-sized set of events
    (tracemalloc slows the run, so it is measured apart from the timing)."""
    with tempfile.TemporaryDirectory(prefix="ocop-bench-sync-") as folder:
        root = Path(folder)
        with registry_process(root) as (url, token), \
                _till(root, url, token, batch_size=batch_size) as service:
            size = service.batch_size
            fill_outbox(service.db, n_events)
            started = time.perf_counter()
            timed = service.push_once()
            seconds = time.perf_counter() - started
            fill_outbox(service.db, min(n_events, size))
            tracemalloc.start()
            measured = service.push_once()
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
    if timed.error or timed.sent != n_events or measured.error:
        raise RuntimeError(f"bench push failed: {timed} {measured}")
    return {
        "events": float(n_events),
        "batch_size": float(size),
        "seconds": round(seconds, 3),
        "events_per_s": round(n_events / seconds, 1) if seconds else 0.0,
        "ms_per_batch": round(1000 * seconds / max(1, -(-n_events // size)), 2),
        "client_peak_mib": round(peak / 2**20, 2),
    }


def _write_catalog(folder: Path, n_products: int) -> tuple[Path, Path]:
    """A registry catalog in the importer's English-header CSV form: ``n_products`` valid
    products (EAN-13, prefix 893) from one producer per 40 products."""
    producers = folder / "producers.csv"
    products = folder / "products.csv"
    n_producers = max(1, n_products // 40)
    with producers.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["code", "name", "kind", "commune", "district"])
        for n in range(n_producers):
            out.writerow([f"RP{n:05d}", f"Hợp tác xã Làng nghề {n}", "cooperative",
                          "Bát Tràng", "Gia Lâm"])
    with products.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["sku", "barcodes", "name_vi", "name_en", "producer_code", "group", "stars",
                      "certificate_no", "cert_issued", "cert_expires", "cert_status", "unit",
                      "price", "vat_rate"])
        for n in range(n_products):
            out.writerow([f"R-{n:06d}", make_ean13(f"893777{n:06d}"), f"Sản phẩm OCOP số {n}",
                          f"OCOP product {n}", f"RP{n % n_producers:05d}", "handicrafts",
                          3 + n % 3, f"OCOP-HN-{n:06d}", "2025-01-01", "2028-01-01", "active",
                          "cái", 10_000 + 500 * (n % 400), 8])
    return producers, products


def bench_catalog_pull(n_products: int) -> dict[str, float]:
    """Pull a registry catalog of ``n_products`` into an empty till, page by page, each page
    applied atomically. Returns seconds, pages and products per second."""
    with tempfile.TemporaryDirectory(prefix="ocop-bench-pull-") as folder:
        root = Path(folder)
        files = _write_catalog(root, n_products)
        with registry_process(root, *files) as (url, token), _till(root, url, token) as service:
            started = time.perf_counter()
            result = service.pull_catalog()
            seconds = time.perf_counter() - started
    if result.error or result.products != n_products:
        raise RuntimeError(f"bench pull failed: {result}")
    return {
        "products": float(n_products),
        "pages": float(result.pages),
        "seconds": round(seconds, 3),
        "products_per_s": round(n_products / seconds, 1) if seconds else 0.0,
    }
