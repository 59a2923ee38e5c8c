"""Issue 13: the virtual printer bounds what one job may allocate.

A few hundred bytes of feed commands used to ask the decoder for a picture of gigabytes
(``ESC d 255`` three hundred times is ~2 million dots of paper: 576 × 2,295,000 pixels)."""

from __future__ import annotations

import resource

from pos_app.hardware.escpos_decode import MAX_PAPER_DOTS, decode_escpos


def test_a_few_hundred_feed_bytes_draw_a_bounded_picture():
    job = b"\x1b@" + b"HOA DON\n" + b"\x1bd\xff" * 300 + b"\x1bJ\xff" * 300 + b"END\n"
    assert len(job) < 2000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    picture = decode_escpos(job, 576)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert picture.height <= MAX_PAPER_DOTS
    assert picture.width == 576
    assert grown_mb < 200  # the unbounded picture needed well over a gigabyte


def test_an_ordinary_receipt_is_drawn_whole():
    job = b"\x1b@" + b"".join(f"Dong {i}\n".encode() for i in range(40)) + b"\x1bd\x03"
    picture = decode_escpos(job, 576)
    assert 40 * 20 < picture.height < MAX_PAPER_DOTS
