"""Native-text receipts (CP1258, TCVN-3, ASCII) and the self-test page that chooses between them.

Raster is the default (see ``raster.py``). Native text is faster and smaller, so IT may pick it
for a printer whose self-test page shows that its font really has the Vietnamese letters:

* **CP1258** (Epson page 52): base letters plus *combining* tone marks. Many printers print the
  mark beside the letter instead of over it, hence the self-test page.
* **TCVN-3** (Epson pages 30 lower case / 31 capitals): every letter precomposed, but capitals
  live in a second page, so the encoder switches pages mid-line with ``ESC t``. python-escpos
  3.1's table for page 31 holds U+00D0 (Icelandic Eth) where Đ (U+0110) belongs, so it cannot
  encode Đ at all; the tables here are our own.
* **ASCII**: tone marks folded away ("Banh dau xanh"), for printers with nothing better.

python-escpos 3.1 does not re-send the code page after ``ESC @``; every job here sends
``ESC t n`` right after its init, and again whenever the page changes.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum

from pos_app.domain.receipt import Receipt
from pos_app.domain.text import fold
from pos_app.hardware.raster import FEED_AND_CUT, raster_commands, render_layout
from pos_app.hardware.receipt_layout import (
    Align,
    Barcode,
    Block,
    Paper,
    QrRow,
    ReceiptLayout,
    Rule,
    Size,
    Spacer,
    TextRow,
    layout_receipt,
)


class TextMode(Enum):
    CP1258 = "cp1258"
    TCVN3 = "tcvn3"
    ASCII = "ascii"


@dataclass(frozen=True)
class CodePages:
    """``ESC t`` numbers; Epson's by default, overridable for printers that number differently."""

    cp1258: int = 52
    tcvn3_lower: int = 30
    tcvn3_upper: int = 31
    ascii: int = 0


EPSON_PAGES = CodePages()
# Bytes 0x80–0xFF of the two TCVN-3 pages, 16 per row, space = no letter.
_TCVN3_LOWER = (
    " " * 32
    + "        ăâêôơưđ "
    + "     àảãáạ ằẳẵắ "
    + "      ặầẩẫấậè ẻẽ"
    + "éẹềểễếệìỉ   ĩíịò"
    + " ỏõóọồổỗốộờởỡớợù"
    + " ủũúụừửữứựỳỷỹýỵ "
)
_TCVN3_UPPER = (
    " " * 32
    + " ĂÂ    Đ  ÊÔƠƯ  "  # 0xA7 is Đ (U+0110); python-escpos has Ð (U+00D0) there
    + "     ÀẢÃÁẠ ẰẲẴẮ "
    + "      ẶẦẨẪẤẬÈ ẺẼ"
    + "ÉẸỀỂỄẾỆÌỈ   ĨÍỊÒ"
    + " ỎÕÓỌỒỔỖỐỘỜỞỠỚỢÙ"
    + " ỦŨÚỤỪỬỮỨỰỲỶỸÝỴ "
)
TCVN3_LOWER: dict[str, int] = {ch: 0x80 + i for i, ch in enumerate(_TCVN3_LOWER) if ch != " "}
TCVN3_UPPER: dict[str, int] = {ch: 0x80 + i for i, ch in enumerate(_TCVN3_UPPER) if ch != " "}
TCVN3_DECODE_LOWER: dict[int, str] = {b: ch for ch, b in TCVN3_LOWER.items()}
TCVN3_DECODE_UPPER: dict[int, str] = {b: ch for ch, b in TCVN3_UPPER.items()}

# Characters of our receipts that no code page has, and what prints instead.
_SUBSTITUTES = {
    "★": "*", "×": "x", "₫": "đ", "“": '"', "”": '"', "‘": "'", "’": "'",
    "—": "-", "–": "-", "\u00a0": " ", "…": "...",
}

_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # ngang huyền hỏi ngã sắc nặng


def vietnamese_letters() -> list[str]:
    """All 134 letters with marks: 66 lower-case vowels, their 66 capitals, then đ and Đ."""
    lower = [
        unicodedata.normalize("NFC", vowel + tone)
        for vowel in _VOWELS
        for tone in _TONES
        if vowel + tone not in "aeiouy"
    ]
    return lower + [ch.upper() for ch in lower] + ["đ", "Đ"]


def _ascii(text: str) -> str:
    """Fold tone marks but keep case: "Đường Lâm" → "Duong Lam"."""
    out = []
    for ch in text:
        sub = _SUBSTITUTES.get(ch, ch)
        if sub.isascii():
            out.append(sub)
            continue
        folded = fold(sub)
        folded = folded.upper() if ch.isupper() else folded
        out.append(folded if folded and folded.isascii() else "?")
    return "".join(out)


def encode_cp1258(text: str) -> bytes:
    """Windows-1258: a precomposed byte where the page has one, else base letter + tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")  # has ₫ and ×, so try before substituting
            continue
        except UnicodeEncodeError:
            ch = _SUBSTITUTES.get(ch, ch)
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES[1:])
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES[1:]))
        try:
            out += (base + tones).encode("cp1258")
        except UnicodeEncodeError:
            out += _ascii(ch).encode("ascii")
    return bytes(out)


def _tcvn3(text: str, pages: CodePages, page: int | None) -> tuple[bytes, int | None]:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        ch = _SUBSTITUTES.get(ch, ch)
        if ord(ch) < 128:
            out.append(ord(ch))
            continue
        if ch in TCVN3_LOWER:
            want, code = pages.tcvn3_lower, TCVN3_LOWER[ch]
        elif ch in TCVN3_UPPER:
            want, code = pages.tcvn3_upper, TCVN3_UPPER[ch]
        else:
            out += _ascii(ch).encode("ascii")
            continue
        if want != page:
            out += b"\x1bt" + bytes([want])
            page = want
        out.append(code)
    return bytes(out), page


def encode_tcvn3(text: str, pages: CodePages = EPSON_PAGES, page: int | None = None) -> bytes:
    """TCVN-3 bytes with ``ESC t`` whenever a letter needs the other page.

    ``page`` is the page the printer is in now (None: unknown, so the first switch is sent).
    ASCII prints the same in both pages and never causes a switch.
    """
    return _tcvn3(text, pages, page)[0]


def encode_text(text: str, mode: TextMode, pages: CodePages = EPSON_PAGES) -> bytes:
    """Bytes for ``text`` in ``mode``; the printer must already be in the mode's (first) page.

    TCVN-3 text that switched to capitals switches back, so every line starts in a known page.
    """
    if mode is TextMode.CP1258:
        return encode_cp1258(text)
    if mode is TextMode.TCVN3:
        encoded, page = _tcvn3(text, pages, pages.tcvn3_lower)
        if page != pages.tcvn3_lower:
            encoded += b"\x1bt" + bytes([pages.tcvn3_lower])
        return encoded
    return _ascii(text).encode("ascii")


def select_page(mode: TextMode, pages: CodePages = EPSON_PAGES) -> bytes:
    page = {TextMode.CP1258: pages.cp1258, TextMode.TCVN3: pages.tcvn3_lower,
            TextMode.ASCII: pages.ascii}[mode]
    return b"\x1bt" + bytes([page])


def display_len(text: str) -> int:
    """Printed columns: one per letter, whatever its tone marks."""
    return sum(1 for ch in unicodedata.normalize("NFC", text) if not unicodedata.combining(ch))


def wrap_cols(text: str, width: int) -> list[str]:
    """Word-wrap to printer columns; words longer than a line are cut."""
    lines: list[str] = []
    current = ""
    for word in (w for w in text.split(" ") if w):
        while display_len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{current} {word}" if current else word
        if display_len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def _pad(left: str, right: str, width: int) -> str:
    return left + " " * max(1, width - display_len(left) - display_len(right)) + right


class _TextWriter:
    def __init__(self, paper: Paper, mode: TextMode, pages: CodePages) -> None:
        self.cols = paper.cols
        self.mode = mode
        self.pages = pages
        self.out = bytearray()

    def line(self, text: str) -> None:
        self.out += encode_text(text, self.mode, self.pages) + b"\n"

    def text_row(self, row: TextRow) -> None:
        indent = " " * row.indent
        width = self.cols - row.indent
        self.out += b"\x1bE" + bytes([row.bold]) + b"\x1d!" + bytes(
            [0x01 if row.size is Size.LARGE else 0])
        if row.align is not Align.LEFT:
            self.out += b"\x1ba" + bytes([1 if row.align is Align.CENTER else 2])
        amount_w, mid_w = 10, 14
        if row.middle:
            name_w = width - amount_w - mid_w - 2
            numbers = row.middle.rjust(mid_w) + " " + row.right.rjust(amount_w + 1)
            if display_len(row.left) <= name_w:
                self.line(indent + row.left.ljust(name_w) + numbers)
            else:
                for text in wrap_cols(row.left, width):
                    self.line(indent + text)
                self.line(indent + " " * name_w + numbers)
        else:
            room = width - display_len(row.right) - 1 if row.right else width
            lines = wrap_cols(row.left, room if room >= width // 2 else width)
            if row.right and display_len(lines[-1]) > room:
                lines.append("")
            for n, text in enumerate(lines):
                last = n == len(lines) - 1
                self.line(indent + (_pad(text, row.right, width) if row.right and last else text))
        if row.align is not Align.LEFT:
            self.out += b"\x1ba\x00"
        self.out += b"\x1bE\x00\x1d!\x00"

    def block(self, block: Block) -> None:
        if isinstance(block, TextRow):
            self.text_row(block)
        elif isinstance(block, Rule):
            self.line(("=" if block.double else "-") * self.cols)
        elif isinstance(block, Spacer):
            self.out += b"\x1bJ" + bytes([min(255, block.dots)])
        elif isinstance(block, Barcode):
            data = b"{B" + block.data.encode("ascii", "replace")
            self.out += b"\x1ba\x01\x1dh\x3c\x1dw\x02\x1dH\x02\x1dk\x49" + bytes([len(data)])
            self.out += data + b"\n\x1ba\x00"
        elif isinstance(block, QrRow):
            for code in block.codes:
                self.out += b"\x1ba\x01" + qr_commands(code.data)
                for caption in code.caption:
                    self.line(caption)
                self.out += b"\x1ba\x00"


def qr_commands(data: str, module: int = 4) -> bytes:
    """Native ``GS ( k`` QR: model 2, module size, error correction M, store, print."""
    payload = data.encode("utf-8")
    store_len = len(payload) + 3
    return (
        b"\x1d(k\x04\x001A2\x00"
        + b"\x1d(k\x03\x001C" + bytes([module])
        + b"\x1d(k\x03\x001E1"
        + b"\x1d(k" + store_len.to_bytes(2, "little") + b"1P0" + payload
        + b"\x1d(k\x03\x001Q0"
    )


def text_commands(layout: ReceiptLayout, mode: TextMode, pages: CodePages = EPSON_PAGES) -> bytes:
    writer = _TextWriter(layout.paper, mode, pages)
    for block in layout.blocks:
        writer.block(block)
    return bytes(writer.out)


def text_job(receipt: Receipt, paper: Paper, mode: TextMode,
             pages: CodePages = EPSON_PAGES, *, kick_drawer: bool = False) -> bytes:
    """A whole receipt in native text; the code page is selected right after ``ESC @``."""
    body = text_commands(layout_receipt(receipt, paper), mode, pages)
    drawer = b"\x1bp\x00\x19\xfa" if kick_drawer else b""
    return b"\x1b@" + select_page(mode, pages) + body + FEED_AND_CUT + drawer


SELF_TEST_WORDS = (
    "Bánh đậu xanh Hải Dương",
    "Ấm chén men rạn Bát Tràng",
    "Khăn lụa Vạn Phúc",
    "ĐƯỜNG LÂM - ỗ ữ ỹ ậ ặ Đ",
)


def self_test_page(paper: Paper, pages: CodePages = EPSON_PAGES) -> bytes:
    """Every Vietnamese letter in each mode, then as raster for reference, on one strip.

    IT compares each block with the raster one at the bottom and picks the first mode whose
    letters all carry their marks; the receipt-printing setting stores that choice.
    """
    letters = vietnamese_letters()
    per_line = 12 if paper is Paper.MM80 else 6
    groups = [" ".join(letters[i : i + per_line]) for i in range(0, len(letters), per_line)]
    out = bytearray(b"\x1b@")
    for mode in TextMode:
        page = select_page(mode, pages)
        out += page
        writer = _TextWriter(paper, mode, pages)
        title = f"== {mode.name} (ESC t {page[2]}) =="
        writer.out += b"\x1bE\x01" + title.encode("ascii") + b"\n\x1bE\x00"
        for text in groups + list(SELF_TEST_WORDS):
            writer.line(text)
        writer.line("-" * paper.cols)
        out += writer.out
    rows: list[Block] = [TextRow("== RASTER ==", bold=True)]
    rows += [TextRow(text) for text in groups + list(SELF_TEST_WORDS)]
    out += raster_commands(render_layout(ReceiptLayout(paper, tuple(rows))))
    return bytes(out + FEED_AND_CUT)
