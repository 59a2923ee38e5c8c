import json
import unicodedata
from importlib import resources

import pytest

from pos_app.hardware.escpos_decode import decode_text
from pos_app.hardware.receipt_layout import Paper
from pos_app.hardware.text_modes import (
    EPSON_PAGES,
    TCVN3_LOWER,
    TCVN3_UPPER,
    TextMode,
    encode_cp1258,
    encode_tcvn3,
    encode_text,
    self_test_page,
    text_job,
    vietnamese_letters,
)
from tests.hardware.samples import sample_receipt


def test_134_letters():
    letters = vietnamese_letters()
    assert len(letters) == len(set(letters)) == 134
    assert "ỗ" in letters and "Ỵ" in letters and letters[-2:] == ["đ", "Đ"]


def test_tcvn3_dj_capital_is_u0110_at_a7_in_the_capitals_page():
    assert encode_tcvn3("Đ") == b"\x1bt\x1f\xa7"
    assert decode_text(b"\xa7", EPSON_PAGES.tcvn3_upper) == "Đ"
    assert "\u00d0" not in TCVN3_UPPER  # the Icelandic Eth that python-escpos has there


def test_python_escpos_table_cannot_encode_dj():
    """The trap we work around: escpos's own TCVN-3 capitals table has Ð, not Đ."""
    caps = resources.files("escpos").joinpath("capabilities.json").read_text(encoding="utf-8")
    table = "".join(json.loads(caps)["encodings"]["TCVN-3-2"]["data"])
    assert "Đ" not in table and "Ð" in table


def test_tcvn3_tables_agree_with_python_escpos_apart_from_dj():
    caps = resources.files("escpos").joinpath("capabilities.json").read_text(encoding="utf-8")
    enc = json.loads(caps)["encodings"]
    for ours, name in ((TCVN3_LOWER, "TCVN-3-1"), (TCVN3_UPPER, "TCVN-3-2")):
        theirs = {ch: 0x80 + i for i, ch in enumerate("".join(enc[name]["data"])) if ch != " "}
        theirs.pop("Ð", None)
        assert {k: v for k, v in ours.items() if k != "Đ"} == theirs


def test_every_letter_round_trips_through_tcvn3_and_cp1258():
    for ch in vietnamese_letters():
        tcvn = encode_text(ch, TextMode.TCVN3)
        page, out = EPSON_PAGES.tcvn3_lower, ""
        i = 0
        while i < len(tcvn):
            if tcvn[i : i + 2] == b"\x1bt":
                page = tcvn[i + 2]
                i += 3
                continue
            out += decode_text(tcvn[i : i + 1], page)
            i += 1
        assert out == ch
        assert decode_text(encode_cp1258(ch), EPSON_PAGES.cp1258) == ch


def test_tcvn3_line_returns_to_lower_page():
    data = encode_text("Lâm ĐƯỜNG", TextMode.TCVN3)
    assert data.endswith(b"\xea" + b"NG\x1bt\x1e")
    assert encode_text("Lâm", TextMode.TCVN3) == b"L\xa9m"  # already in the lower page


def test_cp1258_uses_combining_tone_marks():
    assert encode_cp1258("ậ") == b"\xe2\xf2"  # â + dot below
    assert encode_cp1258("₫") == b"\xfe"
    assert unicodedata.normalize("NFC", "ậ") == decode_text(b"\xe2\xf2", EPSON_PAGES.cp1258)


def test_ascii_folds_but_keeps_case():
    assert encode_text("Đường Lâm ★★ 45.000 ₫", TextMode.ASCII) == b"Duong Lam ** 45.000 d"


@pytest.mark.parametrize("mode", list(TextMode))
def test_text_job_sends_code_page_right_after_init(mode):
    job = text_job(sample_receipt(3), Paper.MM58, mode)
    assert job[:5] == b"\x1b@\x1bt" + bytes([{TextMode.CP1258: 52, TextMode.TCVN3: 30,
                                               TextMode.ASCII: 0}[mode]])
    assert b"\x1dk\x49" in job and b"\x1d(k" in job


def test_self_test_page_has_every_mode():
    page = self_test_page(Paper.MM80)
    for title in (b"== CP1258", b"== TCVN3", b"== ASCII"):
        assert title in page
    assert b"\x1dv0" in page  # the raster reference
