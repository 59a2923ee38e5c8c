"""Render a receipt layout to a 1-bit image and to ESC/POS ``GS v 0`` raster commands.

Why raster by default: cheap thermal printers print Vietnamese text badly or not at all
(missing code pages, combining tone marks that do not stack). An image drawn with the bundled
DejaVu font shows every tone mark on every printer that can print a picture.

Why the byte budget matters: a 576-dot wide image costs 72 bytes per dot row, and a USB printer
at full speed or a busy shop Wi-Fi should not wait on 150 kB per receipt. So blank rows are
sent as paper feeds (``ESC J``), every command is cut to its inked bytes (left-aligned up to its
rightmost black byte, or without its blank margins and placed by ``ESC a`` centre/right), and
big bands are split into commands of at most 255 rows / 24 kB that any printer's buffer accepts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M

from pos_app.config import resources_dir
from pos_app.domain.receipt import Receipt
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

FONT_PX = {Size.SMALL: 17, Size.NORMAL: 20, Size.LARGE: 26}
MARGIN = 4  # dots kept clear left and right; thermal heads fade at the very edge
QR_BOX = 4  # dots per QR module: ~2 mm modules at 203 dpi scan well from a phone
BARCODE_HEIGHT = 48  # 6 mm

# -- fonts -------------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def font(size: Size | int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The bundled DejaVu Sans: it carries every precomposed Vietnamese letter and ★."""
    px = FONT_PX[size] if isinstance(size, Size) else size
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(resources_dir() / "fonts" / name), px)


@lru_cache(maxsize=16)
def line_metrics(size: Size | int, bold: bool = False) -> tuple[int, int]:
    """(baseline offset, line pitch): room above the ascent for stacked marks such as Ấ, Ỗ."""
    f = font(size, bold)
    ascent, descent = f.getmetrics()
    top = max(0, -int(f.getbbox("ẤỖỄ", anchor="la")[1]))
    return top + ascent, top + ascent + descent + 2


# -- Code 128 ----------------------------------------------------------------------------------

_C128_WIDTHS = (
    "212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 "
    "122132 122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 "
    "321221 312212 322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 "
    "211313 231113 231311 112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 "
    "213311 213131 311123 311321 331121 312113 312311 332111 314111 221411 431111 111224 111422 "
    "121124 121421 141122 141221 112214 112412 122114 122411 142112 142211 241211 221114 413111 "
    "241112 134111 111242 121142 121241 114212 124112 124211 411212 421112 421211 212141 214121 "
    "412121 111143 111341 131141 114113 114311 411113 411311 113141 114131 311141 411131 211412 "
    "211214 211232 2331112"
)
_C128 = _C128_WIDTHS.split()
_START_B, _START_C, _TO_B, _TO_C, _STOP = 104, 105, 100, 99, 106


def code128_values(data: str) -> list[int]:
    """Symbol values for ``data`` (printable ASCII), with start, checksum and stop.

    Digit runs go into code set C (two digits per symbol) so a receipt number such as
    ``HN01-20250115-0042`` stays short enough for 58 mm paper at a scannable module width.
    """
    if not data or any(not 32 <= ord(ch) <= 126 for ch in data):
        raise ValueError("code128_printable_ascii_only")
    values: list[int] = []
    code_c: bool | None = None
    i = 0
    while i < len(data):
        run = 0
        while i + run < len(data) and data[i + run].isdigit():
            run += 1
        at_edge = i == 0 or i + run == len(data)
        if run >= (4 if at_edge else 6):
            if run % 2:  # odd digit goes in set B first
                if code_c is not False:
                    values.append(_START_B if code_c is None else _TO_B)
                    code_c = False
                values.append(ord(data[i]) - 32)
                i += 1
                run -= 1
            if code_c is None:
                values.append(_START_C)
            elif not code_c:
                values.append(_TO_C)
            code_c = True
            for k in range(i, i + run, 2):
                values.append(int(data[k : k + 2]))
            i += run
            continue
        if code_c is not False:
            values.append(_START_B if code_c is None else _TO_B)
            code_c = False
        values.append(ord(data[i]) - 32)
        i += 1
    checksum = (values[0] + sum(pos * v for pos, v in enumerate(values[1:], 1))) % 103
    return [*values, checksum, _STOP]


def code128_modules(data: str) -> list[bool]:
    """The bar pattern, one bool per module (True = black), without quiet zones."""
    out: list[bool] = []
    for value in code128_values(data):
        black = True
        for width in _C128[value]:
            out.extend([black] * int(width))
            black = not black
    return out


def barcode_image(data: str, max_width: int, height: int = BARCODE_HEIGHT) -> Image.Image:
    """Code 128 as an "L" image (0 = black), modules as wide as fit (2–3 dots, 1 if must)."""
    modules = code128_modules(data)
    quiet = 10
    module = max(1, min(3, max_width // (len(modules) + 2 * quiet)))
    row = bytes(0 if m else 255 for m in modules for _ in range(module))
    strip = Image.frombytes("L", (len(row), 1), row)
    return strip.resize((len(row), height), Image.Resampling.NEAREST)


def qr_image(data: str, box: int = QR_BOX) -> Image.Image:
    """A QR code as an "L" image (0 = black) with a 2-module quiet zone.

    Cached: a product's origin link prints on receipt after receipt, and the pure-Python
    mask search of ``qrcode`` costs about as much as drawing all the text of a receipt."""
    return _qr_image(data, box).copy()


@lru_cache(maxsize=256)
def _qr_image(data: str, box: int) -> Image.Image:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=2, box_size=1)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    raw = bytes(0 if cell else 255 for row in matrix for cell in row)
    small = Image.frombytes("L", (n, n), raw)
    return small.resize((n * box, n * box), Image.Resampling.NEAREST)


# -- text wrapping -----------------------------------------------------------------------------


def wrap_px(text: str, f: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Word-wrap to a pixel width; a word longer than the line is split by characters."""
    lines: list[str] = []
    current = ""
    for word in (w for w in text.split(" ") if w):  # only plain spaces break; NBSP binds
        candidate = f"{current} {word}" if current else word
        if f.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for ch in word:
            if f.getlength(current + ch) > width and current:
                lines.append(current)
                current = ""
            current += ch
    if current or not lines:
        lines.append(current)
    return lines


# -- layout to draw operations -----------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    x: int
    y: int  # baseline
    text: str
    size: Size
    bold: bool


@dataclass(frozen=True)
class _Paste:
    x: int
    y: int
    image: Image.Image


@dataclass(frozen=True)
class _Line:
    y: int
    dashed: bool
    thickness: int


_Op = _Text | _Paste | _Line


class _Placer:
    """Turns blocks into positioned drawing operations and tracks the height used."""

    def __init__(self, paper: Paper) -> None:
        self.width = paper.dots
        self.char_px = paper.dots // paper.cols
        self.y = 0
        self.ops: list[_Op] = []

    def _middle_row(self, row: TextRow, f: ImageFont.FreeTypeFont, baseline: int,
                    pitch: int) -> None:
        """Name | qty × price | amount: the two number columns line up on every item row."""
        gap = self.char_px
        amount_col = max(int(f.getlength("9.999.999")), int(f.getlength(row.right)))
        mid_w = int(f.getlength(row.middle))
        mid_col = max(int(f.getlength("99 × 999.999")), mid_w)
        mid_right = self.width - MARGIN - amount_col - gap
        name_w = mid_right - mid_col - gap - MARGIN
        lines = wrap_px(row.left, f, name_w)
        numbers_below = len(lines) > 1  # a long name takes the full width, numbers go below
        if numbers_below:
            lines = wrap_px(row.left, f, self.width - 2 * MARGIN)
        y0 = self.y + baseline
        for line in lines:
            self.ops.append(_Text(MARGIN, self.y + baseline, line, row.size, row.bold))
            self.y += pitch
        if numbers_below:
            y0 = self.y + baseline
            self.y += pitch
        self.ops.append(_Text(mid_right - mid_w, y0, row.middle, row.size, row.bold))
        right_x = self.width - MARGIN - int(f.getlength(row.right))
        self.ops.append(_Text(right_x, y0, row.right, row.size, row.bold))

    def text_row(self, row: TextRow) -> None:
        f = font(row.size, row.bold)
        baseline, pitch = line_metrics(row.size, row.bold)
        if row.middle:
            self._middle_row(row, f, baseline, pitch)
            return
        left_x = MARGIN + row.indent * self.char_px
        avail = self.width - MARGIN - left_x
        right_w = int(f.getlength(row.right)) if row.right else 0
        gap = self.char_px if row.right else 0
        wrap_w = avail - right_w - gap
        if wrap_w < avail // 2:  # amount too wide to share lines: it gets its own line
            lines = wrap_px(row.left, f, avail)
            if row.right and f.getlength(lines[-1]) > wrap_w:
                lines.append("")
        else:
            lines = wrap_px(row.left, f, wrap_w)
        for n, line in enumerate(lines):
            lw = f.getlength(line)
            if row.align is Align.CENTER:
                x = int((self.width - lw) / 2)
            elif row.align is Align.RIGHT:
                x = int(self.width - MARGIN - lw)
            else:
                x = left_x
            if line:
                self.ops.append(_Text(x, self.y + baseline, line, row.size, row.bold))
            if row.right and n == len(lines) - 1:
                x_right = self.width - MARGIN - right_w
                self.ops.append(_Text(x_right, self.y + baseline, row.right, row.size, row.bold))
            self.y += pitch

    def qr_row(self, row: QrRow) -> None:
        images = [qr_image(code.data) for code in row.codes]
        per_row = len(images)
        while per_row > 1 and sum(im.width for im in images[:per_row]) + 16 > self.width:
            per_row -= 1
        for start in range(0, len(images), per_row):
            group = list(zip(row.codes[start : start + per_row], images[start : start + per_row],
                             strict=True))
            cell = self.width // len(group)
            top = self.y
            bottom = top
            for k, (code, im) in enumerate(group):
                x0 = k * cell
                self.ops.append(_Paste(x0 + (cell - im.width) // 2, top, im))
                y = top + im.height + 2
                for n, caption in enumerate(code.caption):
                    size = Size.SMALL
                    f = font(size, n == 0)
                    baseline, pitch = line_metrics(size, n == 0)
                    for line in wrap_px(caption, f, cell - 8):
                        lx = x0 + int((cell - f.getlength(line)) / 2)
                        self.ops.append(_Text(lx, y + baseline, line, size, n == 0))
                        y += pitch
                bottom = max(bottom, y)
            self.y = bottom + 8

    def place(self, block: Block) -> None:
        if isinstance(block, TextRow):
            self.text_row(block)
        elif isinstance(block, Spacer):
            self.y += block.dots
        elif isinstance(block, Rule):
            if block.double:
                self.ops += [_Line(self.y, False, 2), _Line(self.y + 4, False, 2)]
                self.y += 6
            else:
                self.ops.append(_Line(self.y, True, 2))
                self.y += 2
        elif isinstance(block, Barcode):
            im = barcode_image(block.data, self.width - 2 * MARGIN)
            self.ops.append(_Paste((self.width - im.width) // 2, self.y, im))
            self.y += im.height + 4
            self.text_row(TextRow(block.caption, align=Align.CENTER, size=Size.SMALL))
        elif isinstance(block, QrRow):
            self.qr_row(block)


def render_layout(layout: ReceiptLayout) -> Image.Image:
    """The whole receipt as a mode "1" image exactly ``paper.dots`` wide, black on white."""
    placer = _Placer(layout.paper)
    for block in layout.blocks:
        placer.place(block)
    height = max(1, placer.y + 4)
    canvas = Image.new("L", (layout.paper.dots, height), 255)
    draw = ImageDraw.Draw(canvas)
    draw.fontmode = "1"  # FreeType's hinted monochrome glyphs: crisp strokes, no grey to lose
    for op in placer.ops:
        if isinstance(op, _Text):
            draw.text((op.x, op.y), op.text, font=font(op.size, op.bold), fill=0, anchor="ls")
        elif isinstance(op, _Paste):
            canvas.paste(op.image, (op.x, op.y))
        elif op.dashed:
            for x in range(MARGIN, layout.paper.dots - MARGIN, 8):
                draw.rectangle((x, op.y, x + 4, op.y + op.thickness - 1), fill=0)
        else:
            draw.rectangle((MARGIN, op.y, layout.paper.dots - MARGIN - 1,
                            op.y + op.thickness - 1), fill=0)
    return canvas.convert("1", dither=Image.Dither.NONE)


def render_receipt(receipt: Receipt, paper: Paper) -> Image.Image:
    return render_layout(layout_receipt(receipt, paper))


# -- ESC/POS encoding --------------------------------------------------------------------------

ESC_INIT = b"\x1b@"
ALIGN_LEFT = b"\x1ba\x00"
ALIGN_CENTER = b"\x1ba\x01"
FEED_AND_CUT = b"\x1bd\x04\x1dV\x01"  # feed 4 lines past the cutter, then partial cut
DRAWER_KICK = b"\x1bp\x00\x19\xfa"  # pin 2, 50 ms on, 500 ms off


def _feed(dots: int) -> Iterator[bytes]:
    while dots > 0:
        step = min(dots, 255)
        yield b"\x1bJ" + bytes([step])
        dots -= step


def _bands(rows: list[bytes], merge_gap: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of runs of inked rows; blank gaps up to ``merge_gap`` rows stay inside."""
    start: int | None = None
    blank_run = 0
    blank = bytes(len(rows[0])) if rows else b""
    for i, row in enumerate(rows):
        inked = row != blank
        if inked:
            if start is None:
                start = i
            blank_run = 0
        elif start is not None:
            blank_run += 1
            if blank_run > merge_gap:
                yield start, i - blank_run + 1
                start, blank_run = None, 0
    if start is not None:
        yield start, len(rows) - blank_run


_LEFT, _CENTRE, _RIGHT = 0, 1, 2
_ALIGN = {_LEFT: ALIGN_LEFT, _CENTRE: ALIGN_CENTER, _RIGHT: b"\x1ba\x02"}


def _segments(rows: list[bytes], max_rows: int, max_bytes: int, aligned: bool = True,
              ) -> list[tuple[int, int, int, int]]:
    """Split a band into (start, stop, align, skip) commands of least total size.

    A command is sent as narrow as its ink allows: from the left margin to its rightmost
    inked byte (``align`` left), or, with ``aligned``, without equal blank margins on both
    sides and centred by the printer (a QR pair, a centred title), or without its blank left
    part and right-aligned by the printer (a row of amounts under a long name). ``skip`` is
    how many bytes are left off at the left. Cost of a command: 8 header bytes plus rows ×
    width, plus 3 for an ``ESC a`` switch. Dynamic programming over runs of rows that share
    their inked byte span (a QR module row is 4 dots tall, a text row's span changes a few
    times), so a long band costs little: the print worker holds the GIL the GUI needs.
    """
    bw = len(rows[0])
    chunk = max(1, min(max_rows, max_bytes // bw))  # any run this tall fits one command
    runs: list[tuple[int, int, int, int]] = []  # (start, stop, rightmost, leading blank)
    for i, row in enumerate(rows):
        r = len(row.rstrip(b"\x00"))
        lead = bw - len(row.lstrip(b"\x00")) if r else bw
        if runs and runs[-1][2:] == (r, lead) and i - runs[-1][0] < chunk:
            runs[-1] = (runs[-1][0], i + 1, r, lead)
        else:
            runs.append((i, i + 1, r, lead))
    n = len(runs)
    best = [0] + [1 << 30] * n
    cut: list[tuple[int, int, int]] = [(0, _LEFT, 0)] * (n + 1)
    for stop in range(1, n + 1):
        r_max, l_min, m_min = 0, bw, bw
        bottom = runs[stop - 1][1]
        for start in range(stop - 1, -1, -1):
            top, _, r, lead = runs[start]
            rows_n = bottom - top
            if rows_n > max_rows:
                break
            if r > r_max:
                r_max = r
            if lead < l_min:
                l_min = lead
            if lead < m_min:
                m_min = lead
            if bw - r < m_min:
                m_min = bw - r
            width, align, skip = max(1, r_max), _LEFT, 0
            if aligned and l_min < bw:
                if bw - l_min < width:
                    width, align, skip = bw - l_min, _RIGHT, l_min
                if m_min > 0 and 2 * m_min < bw and bw - 2 * m_min < width:
                    width, align, skip = bw - 2 * m_min, _CENTRE, m_min
            if width * rows_n > max_bytes:
                break  # a taller command is never narrower
            cost = best[start] + 8 + width * rows_n + (3 if align != _LEFT else 0)
            if cost < best[stop]:
                best[stop], cut[stop] = cost, (start, align, skip)
    out: list[tuple[int, int, int, int]] = []
    stop = n
    while stop > 0:
        start, align, skip = cut[stop]
        out.append((runs[start][0], runs[stop - 1][1], align, skip))
        stop = start
    return out[::-1]


def _gs_v0(rows: list[bytes], skip: int, width: int) -> bytes:
    header = b"\x1dv0\x00" + width.to_bytes(2, "little") + len(rows).to_bytes(2, "little")
    return header + b"".join(row[skip : skip + width].ljust(width, b"\x00") for row in rows)


def raster_commands(image: Image.Image, max_rows: int = 255, max_bytes: int = 24 * 1024,
                    merge_gap: int = 2, centre: bool = True) -> bytes:
    """``GS v 0`` commands for a mode "1" image (black = ink), blank rows sent as ``ESC J``.

    Each command is only as wide as its rightmost inked byte; as a raster prints from the left
    margin that is lossless, and it saves a third of a receipt whose item names are short.
    With ``centre``, rows with blank margins on both sides (QR codes, the barcode, centred
    titles) are sent without them and centred by ``ESC a 1``, and rows whose ink sits on the
    right (the "2 × 45.000   90.000" row under a long name) without their blank left part and
    right-aligned by ``ESC a 2``, whenever that is smaller; the picture is the same pixel for
    pixel. A printer that ignored ``ESC a`` for pictures would print those left-aligned.
    """
    bw = (image.width + 7) // 8
    packed = image.tobytes("raw", "1;I")  # bit set = black, MSB first, rows padded to bytes
    rows = [packed[i * bw : (i + 1) * bw] for i in range(image.height)]
    out: list[bytes] = [ALIGN_LEFT]
    current = _LEFT
    cursor = 0
    for start, stop in _bands(rows, merge_gap):
        out.extend(_feed(start - cursor))
        band = rows[start:stop]
        for top, bottom, align, skip in _segments(band, max_rows, max_bytes, centre):
            if align != current:
                out.append(_ALIGN[align])
                current = align
            if align == _LEFT:
                width = max(1, max(len(row.rstrip(b"\x00")) for row in band[top:bottom]))
            elif align == _RIGHT:
                width = bw - skip
            else:
                width = bw - 2 * skip
            out.append(_gs_v0(band[top:bottom], skip, width))
        cursor = stop
    if current != _LEFT:
        out.append(ALIGN_LEFT)
    out.extend(_feed(image.height - cursor))
    return b"".join(out)


def receipt_job(receipt: Receipt, paper: Paper, *, kick_drawer: bool = False) -> bytes:
    """A complete print job: init, the raster receipt, feed and partial cut, drawer if asked."""
    body = raster_commands(render_receipt(receipt, paper))
    drawer = DRAWER_KICK if kick_drawer else b""
    return ESC_INIT + body + FEED_AND_CUT + drawer
