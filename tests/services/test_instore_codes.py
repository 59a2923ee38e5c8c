"""Assigning in-store codes: all or nothing, audited, found by the counter's lookup."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from pos_app.db.models import AuditEntry, Barcode, Product
from pos_app.domain.barcodes import is_valid_gtin
from pos_app.domain.scale import ScalePattern
from pos_app.services.audit import verify
from pos_app.services.catalog.codes import AUDIT_ACTION, CodesError, CodesService
from pos_app.services.catalog.lookup import CatalogService
from tests.services.fixtures import add_catalog, make_services

CRAFTS = [("TH-01", "Tranh thêu tay phong cảnh Hạ Long"), ("SM-01", "Hộp sơn mài khảm trứng"),
          ("MT-01", "Giỏ mây tre đan Phú Vinh")]


def add_crafts(db, producer_id: int) -> list[int]:
    ids = []
    with db.transaction() as session:
        for sku, name in CRAFTS:
            product = Product(sku=sku, name_vi=name, producer_id=producer_id,
                              product_group="handicrafts", stars=4, unit="cái", price=125_000,
                              vat_rate=8, certificate_no=f"OCOP-{sku}")
            session.add(product)
            session.flush()
            ids.append(product.id)
    return ids


@pytest.fixture
def env(tmp_path):
    services, clock = make_services(tmp_path)
    catalog = add_catalog(services.db)
    with services.db.reader() as session:
        producer = session.scalar(select(Product.producer_id).where(Product.id == catalog.tea))
    add_crafts(services.db, producer)
    codes = CodesService(services.db, services.settings, clock, services.audit)
    lookup = CatalogService(services.db, services.settings, clock)
    return services, codes, lookup


def barcodes(db) -> dict[str, list[str]]:
    with db.reader() as session:
        rows = session.execute(select(Product.sku, Barcode.code).join(Barcode)).all()
    out: dict[str, list[str]] = {}
    for sku, code in rows:
        out.setdefault(sku, []).append(code)
    return out


def test_all_missing_get_codes_in_one_audited_transaction(env):
    services, codes, lookup = env
    assert codes.missing() == ["MT-01", "SM-01", "TH-01"]
    done = codes.assign(all_missing=True, user="Hùng")
    assert list(done.codes) == ["MT-01", "SM-01", "TH-01"]
    assert all(is_valid_gtin(c) and c.startswith("21") for c in done.codes.values())
    assert len(set(done.codes.values())) == 3
    assert codes.missing() == []
    for sku, code in done.codes.items():
        scan = lookup.lookup_code(code)
        assert scan.product is not None and scan.product.sku == sku
        assert not scan.is_scale_label
    with services.db.reader() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == AUDIT_ACTION)).one()
    assert entry.user_name == "Hùng" and json.loads(entry.detail)["codes"] == done.codes
    assert verify(services.db).ok
    # the next run continues after the highest code
    extra = codes.add_code("TEA01", codes.scheme().code(50), user="Hùng")
    assert sorted(barcodes(services.db)["TEA01"]) == sorted(["8930000000019", extra.codes["TEA01"]])
    assert lookup.lookup_code(extra.codes["TEA01"]).product.sku == "TEA01"


def test_a_named_product_that_has_a_barcode_changes_nothing(env):
    services, codes, _ = env
    before = barcodes(services.db)
    with pytest.raises(CodesError) as err:
        codes.assign(["TH-01", "TEA01"], user="Hùng")
    assert err.value.code == "has_barcode" and err.value.detail == "TEA01"
    with pytest.raises(CodesError) as err:
        codes.assign(["TH-01", "NOPE"], user="Hùng")
    assert err.value.code == "no_such_product"
    with pytest.raises(CodesError) as err:
        codes.add_code(" ", codes.scheme().code(3), user="Hùng")
    assert err.value.code == "no_such_product"
    assert barcodes(services.db) == before
    with services.db.reader() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


@pytest.mark.parametrize(("code", "problem"), [
    ("2100000000013", "bad_check_digit"),
    ("8930000000019", "bad_code"),  # a GTIN, not an in-store code
    ("21000", "bad_code"),
])
def test_typed_codes_are_checked(env, code, problem):
    services, codes, _ = env
    with pytest.raises(CodesError) as err:
        codes.add_code("TH-01", code, user="Hùng")
    assert err.value.code == problem
    assert "TH-01" not in barcodes(services.db)


def test_a_code_in_use_and_a_scale_label_are_refused(env):
    services, codes, _ = env
    first = codes.assign(["TH-01"], user="Hùng").codes["TH-01"]
    with pytest.raises(CodesError) as err:
        codes.add_code("SM-01", first, user="Hùng")
    assert err.value.code == "code_taken" and "TH-01" in err.value.detail
    services.settings._stored["instore_code_prefix"] = "26"
    with pytest.raises(CodesError) as err:
        codes.assign(["SM-01"], user="Hùng")
    assert err.value.code == "scale_prefix"
    services.settings._stored["instore_code_prefix"] = "21"
    scale = ScalePattern.parse("21IIIIIWWWWWC")
    services.settings._stored["scale_barcode_pattern"] = scale.text
    with pytest.raises(CodesError) as err:
        codes.assign(["SM-01"], user="Hùng")
    assert err.value.code == "scale_prefix"
    assert "SM-01" not in barcodes(services.db)


def test_nothing_to_do(env):
    _, codes, _ = env
    codes.assign(all_missing=True, user="Hùng")
    with pytest.raises(CodesError) as err:
        codes.assign(all_missing=True, user="Hùng")
    assert err.value.code == "nothing_to_do"
