"""The Linux udev rule that lets the till user open USB receipt printers (no udevadm here, so
the rule is read the way udev reads it: comma-separated KEY op "value" pairs per line)."""

from __future__ import annotations

import re
from pathlib import Path

from pos_app.hardware.printers import KNOWN_PRINTER_VENDORS

RULE = Path(__file__).resolve().parents[2] / "installer/linux/60-ocop-pos-printers.rules"
_PAIR = re.compile(r'^([A-Z_]+(?:\{[A-Za-z_]+\})?)(==|!=|\+=|=)"([^"]*)"$')


def _rules() -> list[list[tuple[str, str, str]]]:
    out = []
    for line in RULE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pairs = []
        for part in line.split(", "):
            match = _PAIR.match(part.strip())
            assert match, f"not a udev key/value: {part!r} in {line!r}"
            pairs.append((match[1], match[2], match[3]))
        out.append(pairs)
    return out


def test_every_known_receipt_printer_vendor_and_the_printer_class_are_granted():
    rules = _rules()
    vendors = {value for rule in rules for key, op, value in rule
               if key == "ATTR{idVendor}" and op == "=="}
    assert vendors == {f"{vid:04x}" for vid in KNOWN_PRINTER_VENDORS}
    granting = [rule for rule in rules if ("TAG", "+=", "uaccess") in rule]
    assert len(granting) == len(KNOWN_PRINTER_VENDORS) + 1
    for rule in granting:
        assert ("GROUP", "=", "lp") in rule and ("MODE", "=", "0660") in rule
    assert any(("ENV{ID_USB_INTERFACES}", "==", "*:07????:*") in rule for rule in rules)


def test_every_goto_has_its_label_and_removal_is_skipped():
    rules = _rules()
    labels = {value for rule in rules for key, _, value in rule if key == "LABEL"}
    gotos = {value for rule in rules for key, _, value in rule if key == "GOTO"}
    assert gotos == labels == {"ocop_pos_printers_end"}
    assert rules[0] == [("ACTION", "==", "remove"), ("GOTO", "=", "ocop_pos_printers_end")]
