import zxingcpp

from pos_app.hardware.escpos_decode import decode_escpos
from pos_app.hardware.raster import receipt_job, render_receipt
from pos_app.hardware.receipt_layout import Paper
from pos_app.hardware.text_modes import TextMode, qr_commands, text_job
from tests.hardware.samples import VIETQR, sample_receipt


def _codes(image):
    return {r.text for r in zxingcpp.read_barcodes(image.convert("L"))}


def test_raster_round_trip_is_pixel_exact():
    receipt = sample_receipt(5)
    image = render_receipt(receipt, Paper.MM80)
    decoded = decode_escpos(receipt_job(receipt, Paper.MM80))
    assert decoded.crop((0, 0, image.width, image.height)).tobytes() == image.tobytes()


def test_text_mode_job_decodes_with_readable_codes():
    receipt = sample_receipt(3, bill=True)
    image = decode_escpos(text_job(receipt, Paper.MM58, TextMode.TCVN3), 384)
    assert {receipt.number, VIETQR} <= _codes(image)


def test_truncated_and_garbage_streams_never_crash():
    job = text_job(sample_receipt(3), Paper.MM80, TextMode.CP1258)
    for cut in range(0, len(job), 37):
        decode_escpos(job[:cut])
    decode_escpos(bytes(range(256)) * 4)
    decode_escpos(b"\x1d(k\xff\xff" + qr_commands("x")[:5])
    decode_escpos(b"\x1dv0\x00\xff\xff\xff\xff")


def test_cut_and_drawer_are_drawn():
    plain = decode_escpos(b"hello\n")
    marked = decode_escpos(b"hello\n\x1bp\x00\x19\xfa\x1dV\x01")
    assert marked.height > plain.height
