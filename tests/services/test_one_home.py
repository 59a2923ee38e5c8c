"""One home per rule: a second place that writes stock movements or splits VAT by rate fails
here, before it can drift from the first.

The source of ``pos_app`` is read with :mod:`ast` (calls) and as text (raw SQL). Seeders that
fill a scratch or demo database in bulk (``pos_app/bench``, ``services/catalog/demo.py``) and
the migrations are exempt by path.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pos_app

ROOT = Path(pos_app.__file__).resolve().parent
SEEDERS = ("bench/", "services/catalog/demo.py", "db/migrations/")

LEDGER = "services/stock/ledger.py"
VAT_HOME = ("domain/vat.py", "domain/money.py")
SALE_VAT_WRITERS = ("services/sales/records.py", "db/migrations/versions/0005_sale_vat.py")


def _sources() -> Iterator[tuple[str, str, ast.Module]]:
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        yield rel, text, ast.parse(text, filename=rel)


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _calls(tree: ast.Module) -> Iterator[ast.Call]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def _writes_model(tree: ast.Module, model: str) -> list[int]:
    """Lines that build a ``model`` row or ``insert(model)`` it."""
    def writes(call: ast.Call) -> bool:
        name = _name(call.func)
        return name == model or (name == "insert" and bool(call.args)
                                 and _name(call.args[0]) == model)

    return [call.lineno for call in _calls(tree) if writes(call)]


def _raw_insert(text: str, table: str) -> bool:
    return re.search(rf"insert\s+(or\s+\w+\s+)?into\s+{table}\b", text, re.IGNORECASE) is not None


def test_stock_movements_are_written_only_by_the_ledger():
    offenders = []
    for rel, text, tree in _sources():
        if rel == LEDGER or rel.startswith(SEEDERS):
            continue
        offenders += [f"{rel}:{line}" for line in _writes_model(tree, "StockMovement")]
        if _raw_insert(text, "stock_movements"):
            offenders.append(f"{rel}: raw INSERT INTO stock_movements")
    assert offenders == [], "write stock movements through services/stock/ledger.record"


def test_the_ledger_is_used_by_checkout_returns_the_stock_desk_and_sync():
    users = {rel for rel, _, tree in _sources()
             for call in _calls(tree)
             if isinstance(call.func, ast.Attribute) and call.func.attr == "record"
             and _name(call.func.value) == "ledger"}
    # sales and returns write through records._insert_rows; voids in returns.py
    assert {"services/sales/records.py", "services/sales/returns.py", "services/stock/desk.py",
            "services/sync/pull.py"} <= users


def test_vat_is_taken_from_an_amount_only_in_the_domain_vat_module():
    """``vat_part`` (VAT in a VAT-inclusive amount) is called only by domain/vat.py: everyone
    else asks :func:`pos_app.domain.vat.vat_by_rate` or reads the stored parts."""
    offenders = [
        f"{rel}:{call.lineno}"
        for rel, _, tree in _sources() if rel not in VAT_HOME
        for call in _calls(tree) if _name(call.func) in ("vat_part", "signed_vat_part")
    ]
    assert offenders == []


def test_no_second_function_splits_vat_by_rate():
    """No function outside domain/vat.py sums amounts per VAT rate on its own."""
    suspicious = re.compile(r"def \w*vat\w*\(", re.IGNORECASE)
    allowed = {"services/reports/service.py": {"vat_by_rate", "_vat_by_rate"},
               "services/printing/queue.py": {"stored_vat"},
               "formats/catalog_rows.py": {"parse_vat_rate"},
               "services/einvoice/service.py": {"stored_vat_parts"},
               "domain/einvoice.py": {"total_vat"}}  # sums the stored parts, splits nothing
    offenders = []
    for rel, text, tree in _sources():
        if rel in VAT_HOME or not suspicious.search(text):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and re.search(r"(^|_)vat", node.name.lower()) \
                    and node.name not in allowed.get(rel, set()):
                offenders.append(f"{rel}:{node.lineno} {node.name}")
    assert offenders == []


def test_stored_vat_parts_are_written_only_at_checkout_and_by_the_backfill():
    offenders = []
    for rel, text, tree in _sources():
        if rel in SALE_VAT_WRITERS:
            continue
        offenders += [f"{rel}:{line}" for line in _writes_model(tree, "SaleVat")]
        if _raw_insert(text, "sale_vat"):
            offenders.append(f"{rel}: raw INSERT INTO sale_vat")
    assert offenders == []


def test_the_guards_see_a_direct_write():
    """The scanners themselves work: a module that inserts directly is caught."""
    tree = ast.parse("session.execute(insert(StockMovement), rows)\nStockMovement(id='x')\n")
    assert sorted(_writes_model(tree, "StockMovement")) == [1, 2]
    assert _raw_insert("INSERT INTO stock_movements (id) VALUES (1)", "stock_movements")
    assert not _raw_insert("SELECT * FROM stock_movements", "stock_movements")


# --- UTC conversion and refusals ----------------------------------------------------------------

UTC_HOME = "domain/utc.py"
ERRORS_HOME = "domain/errors.py"
CODED_LAYERS = ("domain/", "formats/", "hardware/", "services/")


def _strips_a_zone(node: ast.Call) -> bool:
    """``x.replace(tzinfo=None)``: turning a time naive by hand."""
    return _name(node.func) == "replace" and any(
        k.arg == "tzinfo" and isinstance(k.value, ast.Constant) and k.value.value is None
        for k in node.keywords)


def test_times_are_made_naive_utc_only_in_domain_utc():
    by_hand = {}
    for rel, _, tree in _sources():
        if rel == UTC_HOME or rel.startswith(SEEDERS):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and re.fullmatch(r"_?(naive|aware)\w*|_?to_utc",
                                                                  node.name):
                by_hand.setdefault(rel, []).append(f"def {node.name}")
            if isinstance(node, ast.Call) and _strips_a_zone(node) \
                    and _name(getattr(node.func, "value", node.func)) in ("astimezone", "utc"):
                by_hand.setdefault(rel, []).append(f"line {node.lineno}")
    assert by_hand == {}


def _sets(init: ast.FunctionDef) -> set[str]:
    return {t.attr for n in ast.walk(init) if isinstance(n, ast.Assign) for t in n.targets
            if isinstance(t, ast.Attribute) and _name(t.value) == "self"}


def test_refusals_share_the_one_coded_error():
    """Below the UI no exception repeats the ``code`` + ``info``/``detail`` constructor: each
    derives from :class:`pos_app.domain.errors.CodedError` instead."""
    repeated = []
    for rel, _, tree in _sources():
        if rel == ERRORS_HOME or not rel.startswith(CODED_LAYERS):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef) or not node.name.endswith("Error"):
                continue
            for init in node.body:
                if isinstance(init, ast.FunctionDef) and init.name == "__init__" \
                        and "code" in _sets(init) and _sets(init) & {"info", "detail"}:
                    repeated.append(f"{rel}:{node.lineno} {node.name}")
    assert repeated == []


def test_the_guards_see_a_time_made_naive_by_hand():
    tree = ast.parse("at.astimezone(dt.UTC).replace(tzinfo=None)")
    assert [c for c in _calls(tree) if _strips_a_zone(c)]


def test_print_modes_have_one_home():
    from pos_app import config
    from pos_app.cli import printing as cli_printing
    from pos_app.domain.receipt import PRINT_MODES
    from pos_app.hardware import receipt_printer
    from pos_app.services.printing import queue

    assert config.PRINTER_TEXT_MODE.choices is PRINT_MODES
    assert receipt_printer.MODES is queue.MODES is cli_printing.MODES is PRINT_MODES
