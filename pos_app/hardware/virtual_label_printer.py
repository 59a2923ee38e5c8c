"""A pretend network label printer: TSPL and ZPL jobs saved as one PNG per printed label.

It is the virtual receipt printer (:mod:`pos_app.hardware.virtual_printer`: raw port 9100, a job
is one connection) with another decoder: :func:`decode_tspl` and :func:`decode_zpl` read the
commands this program sends (``SIZE``/``CLS``/``BITMAP``/``PRINT``; ``^XA``/``^PW``/``^LL``/
``^FO``/``^GFA``/``^PQ``/``^XZ``) and draw the labels as a printer would, each copy its own PNG
(``<n>-<stamp>-<label>.png``) beside the job's exact bytes (``.bin``). Anything it does not
understand is skipped, as a printer would; a job with no label in it leaves only the ``.bin``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from pos_app.hardware.label_printer import DOTS_PER_MM
from pos_app.hardware.virtual_printer import Job, VirtualPrinter

log = logging.getLogger(__name__)

_NUMBER = r"\s*(-?\d+(?:\.\d+)?)\s*"
_SIZE = re.compile(rf"SIZE{_NUMBER}(mm)?\s*,{_NUMBER}(mm)?", re.IGNORECASE)
_BITMAP = re.compile(rb"BITMAP\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,")
_PRINT = re.compile(r"PRINT\s*(\d+)(?:\s*,\s*(\d+))?", re.IGNORECASE)


def _blit(canvas: Image.Image, x: int, y: int, width_bytes: int, height: int, data: bytes,
          black_bit: int) -> None:
    tile = Image.frombytes("1", (width_bytes * 8, height), data)  # 1 bit = white
    if black_bit == 1:
        tile = ImageOps.invert(tile.convert("L")).convert("1")
    canvas.paste(tile, (x, y))


def decode_tspl(data: bytes) -> list[Image.Image]:
    """The labels a TSPL job prints, copies included, as mode "1" pictures."""
    labels: list[Image.Image] = []
    size = (400, 240)
    canvas = Image.new("1", size, 1)
    at = 0
    while at < len(data):
        end = data.find(b"\n", at)
        line_end = len(data) if end < 0 else end
        head = data[at:line_end]
        bitmap = _BITMAP.match(data, at)
        if bitmap is not None:
            x, y, wb, h, _mode = (int(g) for g in bitmap.groups())
            start = bitmap.end()
            raw = data[start : start + wb * h]
            if len(raw) == wb * h:
                _blit(canvas, x, y, wb, h, raw, black_bit=0)
            at = start + wb * h
            continue
        text = head.decode("ascii", "replace").strip()
        size_match = _SIZE.match(text)
        print_match = _PRINT.match(text)
        if size_match is not None:
            w_mm, h_mm = float(size_match.group(1)), float(size_match.group(3))
            size = (round(w_mm * DOTS_PER_MM), round(h_mm * DOTS_PER_MM))
            canvas = Image.new("1", size, 1)
        elif text.upper() == "CLS":
            canvas = Image.new("1", size, 1)
        elif print_match is not None:
            sets = int(print_match.group(1))
            copies = int(print_match.group(2) or 1)
            labels.extend(canvas.copy() for _ in range(sets * copies))
        at = line_end + 1
    return labels


_ZPL_COMMAND = re.compile(r"[\^~]([A-Z@][A-Z0-9@]?)", re.IGNORECASE)


def decode_zpl(data: bytes) -> list[Image.Image]:
    """The labels a ZPL job prints (``^GFA`` with uncompressed hex data), copies included."""
    text = data.decode("latin-1")
    labels: list[Image.Image] = []
    for block in re.findall(r"\^XA(.*?)\^XZ", text, re.DOTALL | re.IGNORECASE):
        width, length, origin, copies = 400, 240, (0, 0), 1
        graphics: list[tuple[tuple[int, int], int, int, bytes]] = []
        for part in re.split(r"(?=\^)", block):
            if len(part) < 3 or part[0] != "^":
                continue
            command, args = part[1:3].upper(), part[3:]
            numbers = [a.strip() for a in args.split(",")]
            try:
                if command == "PW":
                    width = int(numbers[0])
                elif command == "LL":
                    length = int(numbers[0])
                elif command == "FO":
                    origin = (int(numbers[0]), int(numbers[1] or 0))
                elif command == "PQ":
                    copies = max(1, int(numbers[0]))
                elif command == "GF" and numbers[0].upper().startswith("A"):
                    fields = args.split(",", 4)
                    total, row = int(fields[1]), int(fields[3])
                    raw = bytes.fromhex("".join(fields[4].split()))[:total]
                    if row and len(raw) == total:
                        graphics.append((origin, row, total // row, raw))
            except (ValueError, IndexError):
                log.debug("skipping ZPL command %r", part[:20])
        canvas = Image.new("1", (width, length), 1)
        for (x, y), row, height, raw in graphics:
            _blit(canvas, x, y, row, height, raw, black_bit=1)
        labels.extend(canvas.copy() for _ in range(copies))
    return labels


def decode_labels(data: bytes) -> list[Image.Image]:
    """ZPL when the job holds ``^XA``, TSPL otherwise."""
    return decode_zpl(data) if b"^XA" in data.upper() else decode_tspl(data)


@dataclass(frozen=True)
class LabelJob(Job):
    labels: tuple[Path, ...] = ()


class VirtualLabelPrinter(VirtualPrinter):
    """The server; ``jobs`` holds :class:`LabelJob` s, each with the PNG of every label."""

    def __init__(self, out_dir: Path | str, host: str = "127.0.0.1", port: int = 0, *,
                 idle_timeout: float = 2.0) -> None:
        super().__init__(out_dir, host, port, idle_timeout=idle_timeout, render=False)

    def _render_job(self, number: int, base: Path, data: bytes, complete: bool) -> Job:
        bin_path = base.with_suffix(".bin")
        paths: list[Path] = []
        try:
            for index, label in enumerate(decode_labels(data), start=1):
                path = self.out_dir / f"{base.name}-{index:03d}.png"
                label.save(path)
                paths.append(path)
        except Exception:  # a picture is a convenience; the .bin is the record
            log.exception("could not render label job %s", bin_path.name)
        log.info("virtual label printer job %s: %d bytes, %d labels", bin_path.name, len(data),
                 len(paths))
        return LabelJob(number, bin_path, paths[0] if paths else None, len(data), complete,
                        tuple(paths))
