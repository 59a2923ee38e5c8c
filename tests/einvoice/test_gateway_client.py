import pytest
import requests

from pos_app.domain import einvoice as e
from pos_app.formats import einvoice_xml as x
from pos_app.sync.einvoice_client import EInvoiceClient, EInvoiceSendError, OutgoingInvoice
from tests.einvoice.test_domain import sample_invoice


def outgoing(n=1, **kw):
    inv = sample_invoice(number=n, mccqt=e.make_mccqt(1, 2026, "A1B2C", 1, n), **kw)
    return OutgoingInvoice(f"inv-{n}", inv.mccqt, x.build_xml(inv))


def test_accepts_each_once_and_lookup_page(gateway):
    client = EInvoiceClient(gateway.url, read_timeout=5)
    assert client.health()
    batch = [outgoing(1), outgoing(2)]
    answers = client.send(batch)
    assert [a.accepted for a in answers] == [True, True]
    assert answers[0].mccqt == batch[0].mccqt and answers[0].ack_id
    again = client.send([batch[0]])  # resend after a lost answer: accepted, not doubled
    assert again[0].accepted and again[0].ack_id == answers[0].ack_id
    page = requests.get(f"{gateway.url}/tra-cuu", params={"ma": batch[0].mccqt}, timeout=5)
    assert page.status_code == 200 and "260.000 ₫" in page.text and "Tra cứu" in page.text
    missing = requests.get(f"{gateway.url}/tra-cuu", params={"ma": "M1-26-A1B2C-99"}, timeout=5)
    assert missing.status_code == 404 and "Không tìm thấy" in missing.text


def test_per_invoice_refusals(gateway):
    client = EInvoiceClient(gateway.url, read_timeout=5)
    good = outgoing(1)
    conflict = OutgoingInvoice("other", good.mccqt,
                               x.build_xml(sample_invoice(number=9, mccqt=good.mccqt)))
    broken = OutgoingInvoice("broken", "M1-26-A1B2C-00000000003", b"<HDon/>")
    wrong_code = sample_invoice(number=4, mccqt=e.make_mccqt(1, 2026, "ZZZZZ", 1, 4))
    wrong = OutgoingInvoice("wrong", wrong_code.mccqt, x.build_xml(wrong_code))
    answers = client.send([good, conflict, broken, wrong])
    assert [(a.accepted, a.reason) for a in answers] == [
        (True, ""), (False, "mccqt_conflict"), (False, "unknown_format"),
        (False, "wrong_authority_code")]


@pytest.mark.parametrize(("mode", "code"), [
    ("fail", "http_5xx"), ("garbage", "bad_response"), ("huge", "too_large"),
    ("slow", "timeout"), ("drop", "offline"),
])
def test_faults_raise_and_nothing_lost(gateway, mode, code):
    gateway.mode(mode, delay=3)
    client = EInvoiceClient(gateway.url, read_timeout=1)
    with pytest.raises(EInvoiceSendError) as info:
        client.send([outgoing(1)])
    assert info.value.code == code
    gateway.mode("ok")
    assert EInvoiceClient(gateway.url).send([outgoing(1)])[0].accepted


def test_offline_and_unconfigured():
    with pytest.raises(EInvoiceSendError) as info:
        EInvoiceClient("http://127.0.0.1:9", connect_timeout=1).send([outgoing(1)])
    assert info.value.code == "offline"
    with pytest.raises(EInvoiceSendError) as info:
        EInvoiceClient("").health()
    assert info.value.code == "not_configured"
