"""LabelService: what a label says, and requests refused before anything is printed."""

from __future__ import annotations

import pytest

from pos_app.hardware.label_printer import LabelOutput
from pos_app.hardware.virtual_label_printer import VirtualLabelPrinter
from pos_app.services.catalog.lookup import CatalogService
from pos_app.services.printing.labels import (
    LabelError,
    LabelRequest,
    LabelService,
    label_barcode,
    label_content,
)
from tests.services.fixtures import add_catalog, make_services


@pytest.fixture
def service(tmp_path):
    services, clock = make_services(tmp_path)
    add_catalog(services.db)
    return LabelService(CatalogService(services.db, services.settings, clock), LabelOutput())


def test_label_says_price_stars_producer_and_trace(service):
    vase = service.catalog.by_sku("GOM01")
    content = label_content(vase, label_barcode(vase))
    assert content.price_text == "1.250.000 ₫" and content.stars == 4
    assert content.barcode == "8930000000040" and content.producer == "HTX Làng nghề"
    revoked = service.catalog.by_sku("MAM01")
    assert label_content(revoked, "8930000000088").stars == 0  # never shown as certified
    expired = service.catalog.by_sku("MIEN01")
    assert label_content(expired, "8930000000071").stars == 0


def test_a_gtin_is_preferred_to_an_in_store_code(service):
    tea = service.catalog.by_sku("TEA01")
    from dataclasses import replace
    both = replace(tea, barcodes=("2100000000012", "8930000000019", "ABC-1"))
    assert label_barcode(both) == "8930000000019"
    assert label_barcode(replace(tea, barcodes=("2100000000012",))) == "2100000000012"
    assert label_barcode(replace(tea, barcodes=("ABC-1",))) is None


@pytest.mark.parametrize(("requests", "kwargs", "code"), [
    ([LabelRequest("NOPE")], {}, "no_such_product"),
    ([LabelRequest("TEA01", 0)], {}, "bad_copies"),
    ([LabelRequest("TEA01", 1000)], {}, "bad_copies"),
    ([], {}, "nothing_to_print"),
    ([LabelRequest("TEA01")], {"template": "huge"}, "unknown_template"),
])
def test_refused_requests_send_nothing(service, tmp_path, requests, kwargs, code):
    with VirtualLabelPrinter(tmp_path / "vlp", idle_timeout=0.3) as printer:
        with pytest.raises(LabelError) as err:
            service.print_labels(printer.uri, [LabelRequest("TEA01"), *requests], **kwargs) \
                if requests else service.print_labels(printer.uri, [], **kwargs)
        assert err.value.code == code
        assert printer.wait_for_jobs(1, timeout=0.5) == []
    with pytest.raises(LabelError) as err:
        service.print_pdf(tmp_path / "x.pdf", requests, **kwargs)
    assert err.value.code == code
    assert not (tmp_path / "x.pdf").exists()


def test_bad_printer_address_and_sheet(service, tmp_path):
    with pytest.raises(LabelError) as err:
        service.print_labels("lpt1", [LabelRequest("TEA01")])
    assert err.value.code == "bad_uri"
    with pytest.raises(LabelError) as err:
        service.print_pdf(tmp_path / "x.pdf", [LabelRequest("TEA01")], sheet="3x7", top_mm=31)
    assert err.value.code == "sheet_does_not_fit"
    done = service.print_pdf(tmp_path / "x.pdf", [LabelRequest("TEA01", 22)], sheet="3x7")
    assert (done.labels, done.products, done.pages) == (22, 1, 2)
    assert (tmp_path / "x.pdf").read_bytes().startswith(b"%PDF")
