"""Price labels as 1-bit pictures: for thermal label printers (TSPL, ZPL) and A4 label sheets.

Why a picture: label printers' built-in fonts have no Vietnamese, so the whole label — name with
every tone mark, ``125.000 ₫``, OCOP stars, EAN-13, an optional traceability QR, the producer —
is drawn with the bundled DejaVu font (:func:`pos_app.hardware.raster.font`) and sent as a
bitmap. The same drawing, at 300 dpi, fills the cells of an A4 decal sheet (:func:`sheet_pages`)
that :func:`write_pdf` turns into a PDF any office printer takes.

Sizes are in millimetres and turned into dots by the target's resolution (203 dpi — 8 dots/mm —
for most TSC, Xprinter and Zebra desktop printers; 300 dpi for sheets), so one layout serves
both. Images are mode "1" with 0 = black, as Pillow draws them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from pos_app.domain.barcodes import is_valid_gtin
from pos_app.domain.labels import LabelContent, LabelOutputError, LabelSize
from pos_app.hardware.raster import font, line_metrics, qr_image, wrap_px

MM_PER_INCH = 25.4
PRINTER_DPI = 203
SHEET_DPI = 300
A4_MM = (210.0, 297.0)
EAN_MODULE_MM = 0.33  # 100 % magnification; thermal printers round down to whole dots
EAN_QUIET_LEFT, EAN_QUIET_RIGHT = 11, 7  # modules of white either side (GS1)

# -- EAN-13 ------------------------------------------------------------------------------------

_L = ("0001101", "0011001", "0010011", "0111101", "0100011",
      "0110001", "0101111", "0111011", "0110111", "0001011")
_R = tuple("".join("1" if b == "0" else "0" for b in code) for code in _L)
_G = tuple(code[::-1] for code in _R)
_PARITY = ("LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG",
           "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL", "LGGLGL")


def ean13_modules(code: str) -> tuple[str, frozenset[int]]:
    """The 95 modules of an EAN-13 ("1" = bar) and the indexes of its guard bars.

    The code must already be a valid EAN-13: the check digit is :mod:`pos_app.domain.barcodes`'
    business, not redone here."""
    if len(code) != 13 or not is_valid_gtin(code):
        raise ValueError(f"not a valid EAN-13: {code!r}")
    digits = [int(c) for c in code]
    parity = _PARITY[digits[0]]
    left = "".join((_L if p == "L" else _G)[d] for p, d in zip(parity, digits[1:7], strict=True))
    right = "".join(_R[d] for d in digits[7:])
    modules = "101" + left + "01010" + right + "101"
    guards = frozenset([0, 1, 2, 45, 46, 47, 48, 49, 92, 93, 94])
    return modules, guards


def ean13_image(code: str, module: int, bar_height: int, digits: bool = True) -> Image.Image:
    """EAN-13 with its quiet zones and the digits under it, as GS1 draws them: the first
    digit left of the bars, the guard bars reaching down between the two halves' digits."""
    modules, guards = ean13_modules(code)
    width = (EAN_QUIET_LEFT + 95 + EAN_QUIET_RIGHT) * module
    text_px = max(8, round(module * 8.5)) if digits else 0
    guard_extra = round(module * 4.5) if digits else 0
    height = bar_height + (guard_extra + text_px // 3 if digits else 0)
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    x0 = EAN_QUIET_LEFT * module
    for i, bit in enumerate(modules):
        if bit == "1":
            bottom = bar_height + (guard_extra if i in guards else 0) - 1
            draw.rectangle((x0 + i * module, 0, x0 + (i + 1) * module - 1, bottom), fill=0)
    if digits:
        f = font(text_px)
        base = bar_height + guard_extra + text_px // 3 - 1
        draw.text((x0 - module, base), code[0], font=f, fill=0, anchor="rs")
        for half, start in ((code[1:7], 3), (code[7:], 50)):
            middle = x0 + (start + 21) * module
            draw.text((middle, base), half, font=f, fill=0, anchor="ms")
    return image


# -- the label ---------------------------------------------------------------------------------


class Dots:
    """Millimetres to dots at one resolution."""

    def __init__(self, dpi: int) -> None:
        self.dpi = dpi

    def __call__(self, mm: float) -> int:
        return round(mm * self.dpi / MM_PER_INCH)


def _fit(text: str, f: ImageFont.FreeTypeFont, width: int) -> str:
    """One line of at most ``width`` pixels, cut with an ellipsis when it must be."""
    if f.getlength(text) <= width:
        return text
    while text and f.getlength(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _name_lines(name: str, width: int, max_px: int, min_px: int,
                max_lines: int) -> tuple[list[str], int]:
    """The name wrapped in at most ``max_lines`` lines, in the largest font that fits."""
    px = max_px
    while True:
        f = font(px, True)
        lines = wrap_px(name, f, width)
        if len(lines) <= max_lines or px <= min_px:
            if len(lines) > max_lines:
                rest = " ".join(lines[max_lines - 1:])
                lines = [*lines[: max_lines - 1], _fit(rest, f, width)]
            return lines, px
        px -= 1


def _stars(draw: ImageDraw.ImageDraw, right: int, baseline: int, stars: int, px: int,
           with_word: bool) -> int:
    """Draw "OCOP ★★★★" right-aligned at ``right``; returns its width."""
    star_font = font(round(px * 1.25), True)
    text = "★" * stars
    draw.text((right, baseline), text, font=star_font, fill=0, anchor="rs")
    used = int(star_font.getlength(text))
    if with_word:
        word_font = font(px, True)
        gap = max(2, px // 4)
        draw.text((right - used - gap, baseline), "OCOP", font=word_font, fill=0, anchor="rs")
        used += gap + int(word_font.getlength("OCOP"))
    return used


def _stars_width(stars: int, px: int, with_word: bool) -> int:
    width = int(font(round(px * 1.25), True).getlength("★" * stars))
    if with_word:
        width += max(2, px // 4) + int(font(px, True).getlength("OCOP"))
    return width


def render_label(content: LabelContent, size: LabelSize, dpi: int = PRINTER_DPI, *,
                 with_qr: bool = False) -> Image.Image:
    """The label as a mode "1" image of ``size`` at ``dpi``.

    From the top: the name (bold, up to two lines, shrunk to fit), the producer with
    "OCOP ★★★★" beside it, the price (large, bold) and the EAN-13 filling the rest. A label
    under 25 mm high (the 38 × 21 mm cells of an A4 65-label sheet) leaves the producer out and
    puts the stars beside the price, so the bars stay tall enough for a counter scanner. With
    ``with_qr`` the traceability QR stands right of the barcode when there is room for both
    (the barcode is never shrunk for it: it is what sells the item).
    """
    mm = Dots(dpi)
    small = size.height_mm < 25
    width, height = mm(size.width_mm), mm(size.height_mm)
    margin = mm(1.0 if small else 1.5)
    inner = width - 2 * margin
    image = Image.new("1", (width, height), 1)
    draw = ImageDraw.Draw(image)
    y = margin
    right = width - margin

    lines, name_px = _name_lines(content.name, inner, mm(2.3 if small else 3.0), mm(1.8), 2)
    baseline, pitch = line_metrics(name_px, True)
    name_font = font(name_px, True)
    for line in lines:
        draw.text((margin, y + baseline), line, font=name_font, fill=0, anchor="ls")
        y += pitch

    px = mm(1.8 if small else 2.1)  # producer, unit and the OCOP word
    small_base, small_pitch = line_metrics(px)
    small_font = font(px)
    if not small and (content.producer or content.stars):
        used = _stars(draw, right, y + small_base, content.stars, px, True) + mm(1.0) \
            if content.stars else 0
        if content.producer:
            draw.text((margin, y + small_base), _fit(content.producer, small_font, inner - used),
                      font=small_font, fill=0, anchor="ls")
        y += small_pitch

    price_px = mm(3.2 if small else 4.6)
    price_base, price_pitch = line_metrics(price_px, True)
    price_font = font(price_px, True)
    draw.text((margin, y + price_base), content.price_text, font=price_font, fill=0,
              anchor="ls")
    price_w = int(price_font.getlength(content.price_text))
    unit = f"/ {content.unit}" if content.unit else ""
    unit_w = int(small_font.getlength(unit)) + mm(0.5) if unit else 0
    if small and content.stars:
        # "OCOP ★★★★" beside the price; short of room, the word goes, then the unit
        for keep_unit, word in ((True, True), (True, False), (False, True), (False, False)):
            room = inner - price_w - (unit_w if keep_unit else 0) - mm(1.0)
            if _stars_width(content.stars, px, word) <= room:
                _stars(draw, right, y + price_base, content.stars, px, word)
                unit = unit if keep_unit else ""
                break
    if unit:
        draw.text((margin + price_w + mm(0.5), y + price_base), unit, font=small_font, fill=0,
                  anchor="ls")
    y += price_pitch

    module = max(1, min(int(EAN_MODULE_MM * dpi / MM_PER_INCH), inner // (95 + 18)))
    code_w = (95 + 18) * module
    digits_h = round(module * 4.5) + round(module * 8.5) // 3
    bars = max(module * 8, height - margin - y - digits_h)
    code = ean13_image(content.barcode, module, bars)
    qr_block: Image.Image | None = None
    if with_qr and content.qr:
        room_w = inner - code_w + EAN_QUIET_RIGHT * module
        room_h = height - margin - y + 4 * module  # its white border may reach the margin
        n = qr_image(content.qr, 1).width  # modules, quiet zone included
        box = min(room_w // n, room_h // n, 3 * module)
        if box >= max(1, module):  # never smaller than a barcode module: phones must read it
            qr_block = qr_image(content.qr, box).convert("1")
    # centred; beside a QR, from the left edge (the quiet zone is the white at the edge)
    x = 0 if qr_block is not None else max(0, (width - code_w) // 2)
    image.paste(code, (x, min(y, height - code.height)))
    if qr_block is not None:
        image.paste(qr_block, (width - margin - qr_block.width + module * 2,
                               height - margin - qr_block.height + module * 2))
    return image


# -- A4 sheets ---------------------------------------------------------------------------------


class SheetError(LabelOutputError):
    """A sheet layout that cannot be printed: ``code`` is ``sheet_does_not_fit`` or
    ``unknown_sheet``."""


@dataclass(frozen=True)
class SheetLayout:
    """A decal sheet: ``cols`` × ``rows`` labels of ``label`` size, ``gap_*`` between them,
    ``top``/``left`` margins (None: centred on the page)."""

    name: str
    cols: int
    rows: int
    label: LabelSize
    gap_x_mm: float = 0.0
    gap_y_mm: float = 0.0
    top_mm: float | None = None
    left_mm: float | None = None
    page_mm: tuple[float, float] = A4_MM

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    def _span(self) -> tuple[float, float]:
        return (self.cols * self.label.width_mm + (self.cols - 1) * self.gap_x_mm,
                self.rows * self.label.height_mm + (self.rows - 1) * self.gap_y_mm)

    def origin_mm(self) -> tuple[float, float]:
        """(left, top) of the first label; raises SheetError when the labels and margins do not
        fit on the page (checked before anything is drawn)."""
        span_w, span_h = self._span()
        page_w, page_h = self.page_mm
        left = (page_w - span_w) / 2 if self.left_mm is None else self.left_mm
        top = (page_h - span_h) / 2 if self.top_mm is None else self.top_mm
        if (left < 0 or top < 0 or left + span_w > page_w + 1e-6
                or top + span_h > page_h + 1e-6):
            raise SheetError("sheet_does_not_fit",
                             f"{self.name}: {span_w:g} × {span_h:g} mm; "
                             f"{left:.1f} / {top:.1f} mm")
        return left, top

    def cell_mm(self, index: int) -> tuple[float, float]:
        left, top = self.origin_mm()
        col, row = index % self.cols, (index // self.cols) % self.rows
        return (left + col * (self.label.width_mm + self.gap_x_mm),
                top + row * (self.label.height_mm + self.gap_y_mm))


SHEETS: dict[str, SheetLayout] = {
    # 65 labels 38.1 × 21.2 mm (the common "A4 65" decal sheet)
    "5x13": SheetLayout("5x13", 5, 13, LabelSize(38.1, 21.2), gap_x_mm=2.5),
    # 21 labels 63.5 × 38.1 mm
    "3x7": SheetLayout("3x7", 3, 7, LabelSize(63.5, 38.1), gap_x_mm=2.5),
}


def sheet_layout(name: str, *, top_mm: float | None = None,
                 left_mm: float | None = None) -> SheetLayout:
    """A known layout, with the margins given; checked to fit the page."""
    base = SHEETS.get(name)
    if base is None:
        raise SheetError("unknown_sheet", name)
    layout = SheetLayout(base.name, base.cols, base.rows, base.label, base.gap_x_mm,
                         base.gap_y_mm, top_mm, left_mm, base.page_mm)
    layout.origin_mm()
    return layout


def sheet_pages(labels: Sequence[Image.Image], layout: SheetLayout,
                dpi: int = SHEET_DPI) -> list[Image.Image]:
    """Labels (drawn at ``dpi`` for ``layout.label``) placed on as many pages as they need."""
    mm = Dots(dpi)
    layout.origin_mm()
    page_w, page_h = (mm(v) for v in layout.page_mm)
    pages: list[Image.Image] = []
    for index, label in enumerate(labels):
        if index % layout.per_page == 0:
            pages.append(Image.new("1", (page_w, page_h), 1))
        x, y = layout.cell_mm(index)
        pages[-1].paste(label, (mm(x), mm(y)))
    return pages


def write_pdf(pages: Sequence[Image.Image], path: Path, dpi: int = SHEET_DPI) -> None:
    """The pages as one PDF at their true size (Pillow's PDF writer), written to a temporary
    name first so a failure never leaves half a file under ``path``."""
    if not pages:
        raise ValueError("no pages")
    tmp = path.with_name(path.name + ".part")
    try:
        pages[0].save(tmp, "PDF", resolution=float(dpi), save_all=True,
                      append_images=list(pages[1:]), title="Nhãn giá", creator="OCOP POS")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
