"""Problems with a setting's value (``config.Problem``) → one sentence in the user's language.

The rules live on the ``Setting`` (:func:`pos_app.config.problems`); this module only words them,
for the setup wizard and the settings screen alike. A problem particular to one setting (a tax
code's shape) is looked up by ``(key, code)`` first, then the general wording by ``code``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_app.config import Problem


def _particular() -> dict[tuple[str, str], str]:
    codes = QCoreApplication.translate(
        "Settings", "Use 1 to 8 capital letters or digits, e.g. {example}.")
    return {
        ("showroom_name", "required"): QCoreApplication.translate(
            "Settings", "Enter the showroom name."),
        ("showroom_tax_code", "pattern"): QCoreApplication.translate(
            "Settings", "A tax code has 10 digits, or 10 digits, a dash and 3 digits."),
        ("showroom_code", "pattern"): codes.format(example="HN01"),
        ("showroom_code", "required"): codes.format(example="HN01"),
        ("till_code", "pattern"): codes.format(example="Q01"),
        ("till_code", "required"): codes.format(example="Q01"),
        ("printer_uri", "scheme"): QCoreApplication.translate(
            "Settings", "Start with tcp://, usb://, serial://, win32:// or file://."),
        ("bank_bin", "pattern"): QCoreApplication.translate(
            "Settings", "A bank BIN is exactly 6 digits."),
        ("bank_account", "pattern"): QCoreApplication.translate(
            "Settings", "Use 4 to 19 letters or digits, without spaces."),
        ("bank_account_name", "pattern"): QCoreApplication.translate(
            "Settings", "Use capital letters without tone marks, e.g. NGUYEN VAN AN."),
    }


def _general() -> dict[str, str]:
    return {
        "required": QCoreApplication.translate("Settings", "This field cannot be empty."),
        "too_long": QCoreApplication.translate("Settings", "Too long: at most {n} characters."),
        "too_small": QCoreApplication.translate("Settings", "Too small: at least {n}."),
        "too_large": QCoreApplication.translate("Settings", "Too large: at most {n}."),
        "together": QCoreApplication.translate(
            "Settings", "Fill in BIN, account and holder together (or leave all empty)."),
        "invalid": QCoreApplication.translate("Settings", "This value is not allowed."),
    }


def problem_text(problem: Problem) -> str:
    """The sentence shown under a wrong field."""
    text = _particular().get((problem.key, problem.code))
    if text is None:
        general = _general()
        text = general.get(problem.code, general["invalid"])
    return text.format(n=problem.limit) if "{n}" in text else text
