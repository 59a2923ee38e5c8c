"""Issue 13, the registry seam: hostile and corrupt payloads against the real registry process on
127.0.0.1, and a hostile "registry" (a small HTTP server) against the till's client."""

from __future__ import annotations

import datetime as dt
import http.server
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import requests
from sqlalchemy import select

from pos_app.db.database import get_meta
from pos_app.db.models import Product
from pos_app.domain.ids import new_id
from pos_app.formats import protocol as p
from pos_app.services.sync import outbox
from pos_app.services.sync.service import STOCK_CURSOR_KEY
from pos_app.sync.client import RegistryClient, SyncError
from tests.sync.conftest import DEMO, ROOT, start_registry_process
from tests.sync.helpers import outbox_by_status, record_sale

EVENTS = f"{p.API_PREFIX}/events"
AT = "2026-11-23T03:00:00+00:00"


def _load_demo(registry) -> None:
    registry.store.load_catalog_files([DEMO / "producers.csv", DEMO / "products.csv"])


def _post(registry, body: bytes | Iterator[bytes], token: str | None = None,
          **headers: str) -> requests.Response:
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(registry.url + EVENTS, data=body, timeout=30,
                         headers={"Content-Type": "application/json", **headers})


def _event(kind: str = "stock_movement", payload: dict | None = None,
           created_at: str = AT) -> dict:
    return {"id": new_id(), "kind": kind, "created_at": created_at, "payload": payload or {}}


def _push(registry, *events: dict, token: str = "") -> requests.Response:
    body = json.dumps({"events": list(events)}).encode()
    return _post(registry, body, token or registry.tokens["Q01"])


# --- the registry: limits before parsing, auth before parsing ---------------------------------


def test_an_oversize_body_is_refused_413_before_it_is_read(registry):
    started = time.monotonic()
    big = b"[" + b"0," * (9 * 1024 * 1024 // 2) + b"0]"  # over the 8 MiB default
    answer = _post(registry, big)  # no token at all
    assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"
    answer = _post(registry, big, registry.tokens["Q01"])
    assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"
    assert time.monotonic() - started < 20


def test_a_chunked_body_without_length_is_cut_off_at_the_limit(registry):
    def chunks() -> Iterator[bytes]:
        for _ in range(10 * 16):  # 10 MiB in 64 KiB pieces
            yield b" " * 65536

    answer = _post(registry, chunks(), registry.tokens["Q01"])
    assert answer.status_code == 413 and answer.json()["code"] == "body_too_large"


def test_a_body_without_a_valid_token_is_never_parsed(registry):
    garbage = b"{" * 100_000  # would be a 400 if it were parsed first
    assert _post(registry, garbage).status_code == 401
    assert _post(registry, garbage, "wrong-token").status_code == 401


def test_another_protocol_version_is_refused(registry):
    answer = _post(registry, b'{"events": []}', registry.tokens["Q01"],
                   **{p.PROTOCOL_HEADER: "v2"})
    assert answer.status_code == 400 and answer.json()["code"] == "bad_protocol"
    ok = _post(registry, b'{"events": []}', registry.tokens["Q01"])
    assert ok.status_code == 200 and ok.headers[p.PROTOCOL_HEADER] == p.PROTOCOL_VERSION


@pytest.mark.parametrize("event", [
    _event(created_at="0001-01-01T00:00:00+00:00"),
    _event(created_at="9999-12-31T00:00:00+00:00"),
    _event(payload={"total": 10**30}),
    _event(payload={"x": "a" * (p.MAX_EVENT_BYTES + 10)}),
    _event(payload={"deep": [[[[[[[[[[1]]]]]]]]]]}),
    {"id": "not-a-uuid", "kind": "sale", "created_at": AT, "payload": {}},
], ids=["year-1", "year-9999", "huge-number", "huge-payload", "too-deep", "bad-id"])
def test_numbers_dates_and_sizes_out_of_bounds_are_400_with_a_code(registry, event):
    answer = _push(registry, event)
    assert answer.status_code == 400, answer.text
    assert answer.json()["code"] == "bad_request"
    assert event["id"] not in registry.store.event_ids()


def test_nan_and_infinity_are_refused(registry):
    for literal in (b"NaN", b"Infinity", b"-Infinity"):
        body = (b'{"events": [{"id": "%s", "kind": "sale", "created_at": "%s", '
                b'"payload": {"total": %s}}]}' % (new_id().encode(), AT.encode(), literal))
        answer = _post(registry, body, registry.tokens["Q01"])
        assert answer.status_code == 400, (literal, answer.text)


def test_a_cursor_out_of_range_is_bad_cursor_not_500(registry):
    import base64

    cursor = base64.urlsafe_b64encode(
        json.dumps({"v": 1, "k": "stock", "n": 10**30}).encode()).decode().rstrip("=")
    answer = requests.get(f"{registry.url}{p.API_PREFIX}/stock-movements",
                          params={"cursor": cursor}, timeout=10,
                          headers={"Authorization": f"Bearer {registry.tokens['Q01']}"})
    assert answer.status_code == 400 and answer.json()["code"] == "bad_cursor"


def test_a_till_speaks_only_for_itself(registry):
    _load_demo(registry)
    other_till = _event(payload={"movements": [
        {"id": new_id(), "sku": "BT-001", "qty": 5, "kind": "receipt", "till": "Q02"}]})
    other_time = _event(payload={"movements": [
        {"id": new_id(), "sku": "BT-001", "qty": 5, "kind": "receipt",
         "created_at": "2026-01-01T00:00:00+00:00"}]})
    huge_qty = _event(payload={"movements": [
        {"id": new_id(), "sku": "BT-001", "qty": 10**12, "kind": "receipt"}]})
    mine = _event(payload={"movements": [
        {"id": new_id(), "sku": "BT-001", "qty": 5, "kind": "receipt", "till": "Q01",
         "created_at": AT}]})
    answer = _push(registry, other_till, other_time, huge_qty, mine)
    assert answer.status_code == 200
    results = {r["id"]: (r["status"], r["reason"]) for r in answer.json()["results"]}
    assert results[other_till["id"]] == ("rejected", "bad_event")
    assert results[other_time["id"]] == ("rejected", "bad_event")
    assert results[huge_qty["id"]] == ("rejected", "bad_event")
    assert results[mine["id"]][0] == "accepted"
    page = RegistryClient(registry.url, registry.tokens["Q02"]).stock_movements(None)
    assert [(m.till, m.qty) for m in page.movements] == [("Q01", 5)]


def test_a_rewritten_audit_chain_is_flagged_and_listed(registry):
    token = registry.tokens["Q01"]
    client = RegistryClient(registry.url, token)
    first = client.push_events(p.PushRequest(events=[], audit_head="5:" + "a" * 64))
    assert 5 in first.audit_check and first.audit_warning == ""
    # Later the till's chain says something else at seq 5 (edited, hashes recomputed).
    answer = client.push_events(p.PushRequest(events=[], audit_head="9:" + "c" * 64,
                                              audit_history=["5:" + "b" * 64]))
    assert answer.audit_warning == "rewritten:5"
    assert client.till_status().audit_warning == "rewritten:5"
    listed = subprocess.run(
        [sys.executable, "-m", "pos_app.registry", "tills", "--json", "--db", registry.db_url],
        capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert listed.returncode == 0, listed.stderr
    rows = {(r["showroom"], r["till"]): r for r in json.loads(listed.stdout)}
    assert rows[("HN01", "Q01")]["audit_warning"] == "rewritten:5"
    assert rows[("HN01", "Q02")]["audit_warning"] == ""


def test_the_openapi_document_declares_the_bearer_scheme(registry):
    doc = requests.get(f"{registry.url}{p.API_PREFIX}/openapi.json", timeout=10).json()
    schemes = doc["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
    assert doc["paths"][EVENTS]["post"]["security"]


# --- the till: batches over the body limit, bad records in a pull -------------------------------


def test_a_push_over_the_body_limit_halves_its_batch_until_it_fits(tmp_path, till_factory):
    from pos_app.registry.store import RegistryStore

    db_url = f"sqlite:///{tmp_path / 'small.sqlite3'}"
    store = RegistryStore(db_url)
    store.create_showroom("HN01", "Điểm bán")
    token = store.enroll_till("HN01", "Q01")
    store.load_catalog_files([DEMO / "producers.csv", DEMO / "products.csv"])
    process, url, _log = start_registry_process(db_url, tmp_path, "--max-body", "20000")
    try:
        till = till_factory("Q01", url, token)
        from pos_app.services.catalog.importer import apply_import, plan_import

        apply_import(till.db, plan_import(till.db, [DEMO / "producers.csv",
                                                    DEMO / "products.csv"]))
        ids = {record_sale(till.db, "Q01", [("BT-001", 1)]) for _ in range(60)}
        with till.db.transaction() as session:  # one event alone over the limit
            huge = outbox.add_event(session, "shift_close", {"note": "x" * 30000})
        result = till.sync.push_once()
        assert result.error == "", result
        by_status = outbox_by_status(till.db)
        assert ids <= by_status["sent"]
        assert by_status["rejected"] == {huge}
        assert (huge, "shift_close", "too_large") in till.sync.rejected_events()
    finally:
        process.terminate()
        process.wait(10)
        store.close()


def test_a_movement_for_an_unknown_sku_is_parked_and_the_cursor_moves(registry, till_factory):
    _load_demo(registry)
    mine = till_factory("Q01", registry.url, registry.tokens["Q01"])
    other = till_factory("Q02", registry.url, registry.tokens["Q02"])
    assert mine.sync.pull_catalog().error == ""
    # Q02 receives goods of a product imported only there, then sells a known one.
    unknown, known = new_id(), new_id()
    with other.db.transaction() as session:
        outbox.add_event(session, "stock_movement", {"movements": [
            {"id": unknown, "sku": "LOCAL-ONLY", "qty": 4, "kind": "receipt"},
            {"id": known, "sku": "BT-001", "qty": 7, "kind": "receipt"}]})
    assert other.sync.push_once().sent == 1
    result = mine.sync.pull_stock()
    assert result.error == "" and result.movements == 1 and result.parked == 1
    with mine.db.reader() as session:
        cursor = get_meta(session, STOCK_CURSOR_KEY)
    assert cursor
    assert (f"stock:{unknown}", "movement", "pulled_unknown_sku") in mine.sync.rejected_events()
    # The product arrives (here: added locally); the next pull applies the parked movement.
    with mine.db.transaction() as session:
        template = session.scalars(select(Product).where(Product.sku == "BT-001")).one()
        session.add(Product(**{
            c.name: getattr(template, c.name) for c in Product.__table__.columns
            if c.name not in ("id", "sku", "search_text")}, sku="LOCAL-ONLY", search_text=""))
    again = mine.sync.pull_stock()
    assert again.error == "" and again.movements == 1
    assert mine.sync.status().parked == 0


# --- the till's client against a hostile "registry" --------------------------------------------


Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


@pytest.fixture
def hostile() -> Iterator[Callable[[Handler], str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(handle: Handler) -> str:
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                handle(self)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def _answer(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes,
            **headers: str) -> None:
    handler.send_response(status)
    headers.setdefault("Content-Type", "application/json")
    headers.setdefault("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def _health(protocol: str = "v1") -> bytes:
    return json.dumps({"status": "ok", "protocol": protocol,
                       "server_time": dt.datetime.now(dt.UTC).isoformat()}).encode()


def test_redirects_are_not_followed(hostile):
    target_hit: list[str] = []
    target = hostile(lambda h: (target_hit.append(h.path), _answer(h, 200, _health())))
    url = hostile(lambda h: _answer(h, 302, b"", Location=target + h.path))
    with pytest.raises(SyncError) as caught:
        RegistryClient(url, "t").health()
    assert caught.value.code == "redirect" and target_hit == []


def test_an_oversize_answer_is_refused(hostile):
    url = hostile(lambda h: _answer(h, 200, b" " * (p.MAX_ANSWER + 10)))
    with pytest.raises(SyncError) as caught:
        RegistryClient(url, "t").health()
    assert caught.value.code == "too_large"

    def endless(h: http.server.BaseHTTPRequestHandler) -> None:  # no Content-Length
        h.send_response(200)
        h.send_header("Content-Type", "application/json")
        h.send_header("Transfer-Encoding", "chunked")
        h.end_headers()
        chunk = b" " * 65536
        try:
            for _ in range(400):
                h.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            h.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass

    with pytest.raises(SyncError) as caught:
        RegistryClient(hostile(endless), "t", max_answer=1024 * 1024).health()
    assert caught.value.code == "too_large"


def test_another_protocol_version_is_refused_by_the_client(hostile):
    with pytest.raises(SyncError) as caught:
        RegistryClient(hostile(lambda h: _answer(h, 200, _health("v2"))), "t").health()
    assert caught.value.code == "bad_protocol"
    url = hostile(lambda h: _answer(h, 200, _health(), **{p.PROTOCOL_HEADER: "v9"}))
    with pytest.raises(SyncError) as caught:
        RegistryClient(url, "t").health()
    assert caught.value.code == "bad_protocol"


def test_plain_http_only_for_loopback_unless_allowed():
    with socket.socket() as sock:  # nothing listens there: an allowed call is merely offline
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SyncError) as caught:
        RegistryClient("http://192.0.2.10:8600", "t", connect_timeout=0.5).health()
    assert caught.value.code == "insecure_url"
    with pytest.raises(SyncError) as caught:
        RegistryClient(f"http://127.0.0.1:{port}", "t", connect_timeout=0.5).health()
    assert caught.value.code == "offline"
    with pytest.raises(SyncError) as caught:
        RegistryClient("http://192.0.2.10:8600", "t", connect_timeout=0.2,
                       allow_insecure=True).health()
    assert caught.value.code in ("offline", "timeout")


def test_a_bad_record_in_the_middle_of_a_good_page_is_skipped(hostile, till_factory):
    good = [{"id": new_id(), "sku": "BT-001", "qty": 2, "kind": "receipt", "till": "Q02",
             "created_at": AT} for _ in range(2)]
    bad = {"id": new_id(), "sku": "BT-001", "qty": 10**30, "kind": "receipt", "till": "Q02",
           "created_at": "0001-01-01T00:00:00"}
    page = json.dumps({"movements": [good[0], bad, good[1]], "next_cursor": "c1",
                       "has_more": False}).encode()
    url = hostile(lambda h: _answer(h, 200, page))
    till = till_factory("Q01", url, "t")
    from pos_app.services.catalog.importer import apply_import, plan_import

    apply_import(till.db, plan_import(till.db, [DEMO / "producers.csv", DEMO / "products.csv"]))
    result = till.sync.pull_stock()
    assert result.error == "" and result.movements == 2 and result.parked == 1
    with till.db.reader() as session:
        assert get_meta(session, STOCK_CURSOR_KEY) == "c1"
    parked = [r for r in till.sync.rejected_events() if r[0].startswith("stock:")]
    assert parked == [(f"stock:movements:{bad['id']}", "movements", "pulled_bad_record")]


def test_a_cursor_that_does_not_move_stops_the_round(hostile, till_factory):
    page = json.dumps({"movements": [], "next_cursor": "", "has_more": True}).encode()
    till = till_factory("Q01", hostile(lambda h: _answer(h, 200, page)), "t")
    assert till.sync.pull_stock().error == "cursor_stuck"


def test_a_till_whose_audit_chain_was_rewritten_is_flagged_even_with_hashes_recomputed(
        registry, till_factory):
    from sqlalchemy import delete

    from pos_app.db.models import AuditEntry
    from pos_app.services.audit import AuditLog

    till = till_factory("Q01", registry.url, registry.tokens["Q01"])
    audit = AuditLog()

    def entries(*targets: str) -> None:
        with till.db.transaction() as session:
            for target in targets:
                audit.append(session, action="price_change", user="admin", target=target)

    entries("a", "b", "c")
    with till.db.transaction() as session:
        outbox.add_event(session, "shift_close", {"n": 1})
    assert till.sync.push_once().sent == 1  # the registry anchors 3:<hash>
    with till.db.transaction() as session:
        outbox.add_event(session, "shift_close", {"n": 2})
    assert till.sync.push_once().sent == 1  # it agrees
    assert till.sync.status().audit_warning == ""
    # Someone deletes the chain and writes a longer one, every hash recomputed.
    with till.db.transaction() as session:
        session.execute(delete(AuditEntry))
    entries("a", "B", "c", "d")
    with till.db.transaction() as session:
        outbox.add_event(session, "shift_close", {"n": 3})
    assert till.sync.push_once().sent == 1
    assert till.sync.status().audit_warning.startswith("rewritten:")
    assert registry.store.till_info("HN01", "Q01")["audit_warning"].startswith("rewritten:")


def test_a_sale_with_a_negative_total_is_flagged_a_return_is_not(registry):
    sale = _event("sale", {"sale_id": new_id(), "lines": [], "total": -5000})
    refund = _event("return", {"sale_id": new_id(), "lines": [], "total": -5000})
    answer = _push(registry, sale, refund)
    results = {r["id"]: (r["status"], r["reason"]) for r in answer.json()["results"]}
    assert results[sale["id"]] == ("accepted", "negative_total")
    assert results[refund["id"]] == ("accepted", "")
