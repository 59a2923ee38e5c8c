"""Turn an ESC/POS byte stream back into a picture of the paper, for the virtual printer.

Developers, tests and support staff can then see a receipt without a printer. It is a
reader for the subset of ESC/POS that this project and python-escpos write — text in CP1258,
TCVN-3 or ASCII, bold, alignment, size, ``GS v 0`` raster, ``GS k`` barcodes, ``GS ( k`` QR,
feeds, cut and drawer kick — drawn approximately (our DejaVu font, not the printer's).
Whatever it does not know it skips; a stream cut short ends the picture, never the caller.
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw

from pos_app.hardware.raster import barcode_image, font, line_metrics, qr_image
from pos_app.hardware.text_modes import (
    EPSON_PAGES,
    TCVN3_DECODE_LOWER,
    TCVN3_DECODE_UPPER,
    CodePages,
)

TEXT_PX = 20  # the DejaVu size that fills a line of font A (12 × 24 dots) about as the printer
_TCVN3_STANDARD_CAPS = dict(zip(range(0xA1, 0xA8), "ĂÂÊÔƠƯĐ", strict=True))


MAX_PAPER_DOTS = 20_000
"""The longest receipt one job may draw (about 2.5 m at 203 dpi): a few hundred bytes of feed
commands (``ESC d 255`` …) would otherwise ask for a picture of gigabytes. Past it the picture
stops; the job's bytes are kept whole."""


class _Truncated(Exception):
    """The stream ended inside a command."""


@dataclass
class _State:
    align: int = 0
    bold: bool = False
    width_mul: int = 1
    height_mul: int = 1
    page: int = 0
    barcode_height: int = 162
    barcode_module: int = 3
    hri: int = 0
    qr_module: int = 3
    qr_data: bytes = b""


@dataclass
class _Run:
    data: bytearray
    page: int
    bold: bool
    height_mul: int


@dataclass
class _Paper:
    width: int
    pages: CodePages
    pieces: list[tuple[Image.Image, int]] = field(default_factory=list)  # (image, align)

    height: int = 0

    def add(self, image: Image.Image, align: int = 0) -> None:
        if self.height + image.height > MAX_PAPER_DOTS:
            raise _Truncated  # drawn so far is what the picture shows
        self.height += image.height
        self.pieces.append((image, align))

    def blank(self, height: int) -> None:
        if height > 0:
            self.add(Image.new("L", (1, min(height, MAX_PAPER_DOTS + 1)), 255))

    def compose(self) -> Image.Image:
        height = max(1, sum(im.height for im, _ in self.pieces))
        canvas = Image.new("L", (self.width, height), 255)
        y = 0
        for im, align in self.pieces:
            x = {0: 0, 1: (self.width - im.width) // 2, 2: self.width - im.width}.get(align, 0)
            canvas.paste(im, (max(0, x), y))
            y += im.height
        return canvas.convert("1", dither=Image.Dither.NONE)


def decode_text(data: bytes, page: int, pages: CodePages = EPSON_PAGES) -> str:
    """Printable bytes in code page ``page`` as Unicode (NFC, so CP1258 tone marks combine)."""
    if page == pages.cp1258:
        return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    if page in (pages.tcvn3_lower, pages.tcvn3_upper):
        table = TCVN3_DECODE_UPPER if page == pages.tcvn3_upper else TCVN3_DECODE_LOWER
        extra = _TCVN3_STANDARD_CAPS if page == pages.tcvn3_lower else {}
        return "".join(
            chr(b) if b < 0x80 else table.get(b, extra.get(b, "?")) for b in data
        )
    return data.decode("cp437", errors="replace")


class _Decoder:
    def __init__(self, data: bytes, width: int, pages: CodePages) -> None:
        self.cols = 32 if width <= 384 else 48  # font A, 12 dots a column
        self.data = data
        self.pos = 0
        self.paper = _Paper(width, pages)
        self.state = _State()
        self.line: list[_Run] = []

    # -- reading helpers
    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise _Truncated
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    # -- text
    def put_text(self, b: int) -> None:
        s = self.state
        if not self.line or (self.line[-1].page, self.line[-1].bold, self.line[-1].height_mul) != (
            s.page, s.bold, s.height_mul
        ):
            self.line.append(_Run(bytearray(), s.page, s.bold, s.height_mul))
        self.line[-1].data.append(b)

    def flush(self, empty_line: bool = True) -> None:
        """Print the pending line (a bare LF prints an empty line)."""
        runs = [(decode_text(bytes(r.data), r.page, self.paper.pages), r) for r in self.line]
        self.line = []
        if not runs:
            if empty_line:
                self.paper.blank(line_metrics(TEXT_PX)[1])
            return
        height_mul = max(r.height_mul for _, r in runs)
        _, pitch = line_metrics(TEXT_PX * height_mul, True)
        cell = self.paper.width // self.cols
        img = Image.new("L", (self.paper.width, pitch), 255)
        x = 0
        for text, run in runs:
            for ch in text:
                if unicodedata.combining(ch):
                    continue  # a mark NFC could not join: the printer overprints or drops it
                w = cell * self.state.width_mul
                if x + w > self.paper.width:  # the printer wraps by character
                    self.paper.add(img.crop((0, 0, max(1, x), pitch)), self.state.align)
                    img = Image.new("L", (self.paper.width, pitch), 255)
                    x = 0
                glyph = _glyph(ch, TEXT_PX * run.height_mul, run.bold, w, pitch)
                img.paste(glyph, (x, pitch - glyph.height))
                x += w
        self.paper.add(img.crop((0, 0, max(1, x), pitch)), self.state.align)

    # -- commands
    def esc(self) -> None:
        cmd = self.byte()
        s = self.state
        if cmd == 0x40:  # ESC @
            self.flush(empty_line=False)
            self.state = _State()
        elif cmd == 0x61:  # ESC a n
            self.flush(empty_line=False)
            s.align = self.byte() % 48 % 3
        elif cmd in (0x45, 0x47):  # ESC E / ESC G: bold, double strike
            s.bold = bool(self.byte() & 1)
        elif cmd == 0x21:  # ESC ! n
            n = self.byte()
            s.bold, s.height_mul = bool(n & 0x08), 2 if n & 0x10 else 1
            s.width_mul = 2 if n & 0x20 else 1
        elif cmd == 0x74:  # ESC t n
            s.page = self.byte()
        elif cmd == 0x4A:  # ESC J n: print and feed n dots
            n = self.byte()
            self.flush(empty_line=False)
            self.paper.blank(n)
        elif cmd == 0x64:  # ESC d n: print and feed n lines
            n = self.byte()
            self.flush(empty_line=False)
            self.paper.blank(n * line_metrics(TEXT_PX)[1])
        elif cmd == 0x70:  # ESC p m t1 t2: drawer kick
            self.take(3)
            self.flush(empty_line=False)
            self.paper.add(_marker("[ drawer kick ]"), 2)
        elif cmd in (0x24, 0x5C):  # ESC $ / ESC \ : positions
            self.take(2)
        elif cmd == 0x2A:  # ESC * m nL nH d...: bit image, skipped
            m, lo, hi = self.take(3)
            self.take((lo + hi * 256) * (1 if m in (0, 1) else 3))
        elif cmd in (0x32, 0x3C):  # ESC 2, ESC <
            pass
        else:  # ESC - M SP 3 R V { c ... and unknown: one parameter byte
            self.take(1)

    def gs(self) -> None:
        cmd = self.byte()
        s = self.state
        if cmd == 0x21:  # GS ! n
            n = self.byte()
            s.width_mul, s.height_mul = (n >> 4) + 1, (n & 0x07) + 1
        elif cmd == 0x76:  # GS v 0 m xL xH yL yH d...
            self.take(1)
            m, xl, xh, yl, yh = self.take(5)
            w, h = xl + xh * 256, yl + yh * 256
            raw = self.take(w * h)
            self.flush(empty_line=False)
            if w and h:
                im = Image.frombytes("1", (w * 8, h), raw, "raw", "1;I").convert("L")
                sx, sy = (2 if m in (1, 3, 49, 51) else 1), (2 if m in (2, 3, 50, 51) else 1)
                if (sx, sy) != (1, 1):
                    im = im.resize((im.width * sx, im.height * sy), Image.Resampling.NEAREST)
                self.paper.add(im, s.align)
        elif cmd == 0x6B:  # GS k
            self.barcode()
        elif cmd == 0x28:  # GS ( x pL pH ...
            fn_group = self.byte()
            lo, hi = self.take(2)
            params = self.take(lo + hi * 256)
            if fn_group == 0x6B:
                self.qr(params)
        elif cmd == 0x56:  # GS V m [n]: cut
            m = self.byte()
            if m in (65, 66, 97, 98, 103, 104):
                self.take(1)
            self.flush(empty_line=False)
            self.paper.add(_cut_line(self.paper.width))
        elif cmd == 0x68:
            s.barcode_height = self.byte()
        elif cmd == 0x77:
            s.barcode_module = self.byte()
        elif cmd == 0x48:
            s.hri = self.byte() % 48
        elif cmd in (0x4C, 0x57, 0x50, 0x24):  # GS L, GS W, GS P, GS $: two bytes
            self.take(2)
        else:  # GS B b f H I a r ... and unknown: one parameter byte
            self.take(1)

    def barcode(self) -> None:
        m = self.byte()
        if m <= 6:
            end = self.data.find(b"\x00", self.pos)
            if end < 0:
                raise _Truncated
            payload = self.take(end - self.pos)
            self.take(1)
        else:
            payload = self.take(self.byte())
        self.flush(empty_line=False)
        text = _code128_text(payload) if m == 73 else payload.decode("ascii", "replace")
        s = self.state
        try:
            if m != 73:
                raise ValueError("not_code128")
            im = barcode_image(text, self.paper.width, max(8, s.barcode_height))
        except ValueError:
            im = _marker(f"[barcode {m}: {text}]")
        self.paper.add(im, s.align)
        if s.hri in (2, 3):
            self.paper.add(_caption(text), s.align)

    def qr(self, params: bytes) -> None:
        if len(params) < 2 or params[0] != 0x31:
            return
        fn = params[1]
        if fn == 0x43 and len(params) >= 3:
            self.state.qr_module = max(1, min(16, params[2]))
        elif fn == 0x50:
            self.state.qr_data = params[3:]
        elif fn == 0x51 and self.state.qr_data:
            self.flush(empty_line=False)
            data = self.state.qr_data.decode("utf-8", "replace")
            self.paper.add(qr_image(data, self.state.qr_module), self.state.align)

    def run(self) -> Image.Image:
        try:
            while self.pos < len(self.data):
                b = self.byte()
                if b == 0x1B:
                    self.esc()
                elif b == 0x1D:
                    self.gs()
                elif b == 0x10:  # DLE EOT n / DLE ENQ n: real-time status; DLE DC4: 3 more
                    cmd = self.byte()
                    self.take(3 if cmd == 0x14 else 1)
                elif b == 0x1C:  # FS: Kanji on/off and friends
                    cmd = self.byte()
                    if cmd in (0x21, 0x2D, 0x43, 0x53, 0x57):
                        self.take(2 if cmd == 0x53 else 1)
                elif b == 0x0A:
                    self.flush()
                elif b == 0x09:
                    self.put_text(0x20)
                elif b >= 0x20:
                    self.put_text(b)
        except _Truncated:
            pass
        with contextlib.suppress(_Truncated):  # past MAX_PAPER_DOTS the picture stops
            self.flush(empty_line=False)
        return self.paper.compose()


def _code128_text(payload: bytes) -> str:
    """Human-readable text of ``GS k 73`` data, whose ``{A`` ``{B`` ``{C`` select code sets."""
    out: list[str] = []
    code_c = False
    i = 0
    while i < len(payload):
        b = payload[i]
        if b == 0x7B and i + 1 < len(payload):
            sel = payload[i + 1]
            if sel in (0x41, 0x42, 0x43):
                code_c = sel == 0x43
                i += 2
                continue
            if sel == 0x7B:
                out.append("{")
                i += 2
                continue
            i += 2  # {1 {2 {3 {4 {S: function codes
            continue
        out.append(f"{b:02d}" if code_c else chr(b))
        i += 1
    return "".join(out)


@lru_cache(maxsize=2048)
def _glyph(ch: str, size: int, bold: bool, cell: int, pitch: int) -> Image.Image:
    """One character in a fixed printer-font cell, squeezed if DejaVu draws it wider."""
    f = font(size, bold)
    baseline, own_pitch = line_metrics(size, True)
    w = max(1, int(f.getlength(ch) + 0.5))
    im = Image.new("L", (w, own_pitch), 255)
    ImageDraw.Draw(im).text((0, baseline), ch, font=f, fill=0, anchor="ls")
    if w > cell:
        im = im.resize((cell, own_pitch), Image.Resampling.BILINEAR)
    out = Image.new("L", (cell, pitch), 255)
    out.paste(im, ((cell - im.width) // 2, pitch - own_pitch))
    return out


def _caption(text: str) -> Image.Image:
    f = font(16)
    baseline, pitch = line_metrics(16)
    im = Image.new("L", (max(1, int(f.getlength(text)) + 2), pitch), 255)
    ImageDraw.Draw(im).text((1, baseline), text, font=f, fill=0, anchor="ls")
    return im


def _marker(text: str) -> Image.Image:
    im = _caption(text)
    framed = Image.new("L", (im.width + 8, im.height + 6), 0)
    framed.paste(im.point(lambda v: 255 - v), (4, 3))
    return framed


def _cut_line(width: int) -> Image.Image:
    im = Image.new("L", (width, 14), 255)
    draw = ImageDraw.Draw(im)
    for x in range(0, width, 12):
        draw.line((x, 7, x + 6, 7), fill=0, width=2)
    return im


def decode_escpos(data: bytes, width: int = 576, pages: CodePages = EPSON_PAGES) -> Image.Image:
    """A mode "1" picture of what ``data`` would print on paper ``width`` dots wide."""
    return _Decoder(data, width, pages).run()
