"""The setup wizard's look: the step rail (as the main window's navigation), the language
choices and the scanner test, on top of the app's theme."""

from __future__ import annotations

from pos_app.ui.theme import COLOURS

WIZARD_STYLE = f"""
QFrame#setupRail {{ background: {COLOURS.nav}; }}
QLabel#setupBrand {{ color: white; font-size: 18px; font-weight: bold; }}
QLabel#setupBrandSub {{ color: {COLOURS.nav_text}; font-size: 13px; }}
QLabel#setupStep {{ color: {COLOURS.nav_text}; font-size: 15px; padding: 9px 12px;
    border-radius: 10px; }}
QLabel#setupStep[state="current"] {{ background: {COLOURS.accent}; color: white;
    font-weight: bold; }}
QLabel#setupStep[state="done"] {{ color: #9FC9BB; }}
QPushButton#languageChoice {{ font-size: 20px; padding: 22px 18px; min-width: 240px;
    text-align: left; border-radius: 12px; }}
QPushButton#languageChoice:checked {{ background: {COLOURS.accent_soft};
    border: 2px solid {COLOURS.accent}; font-weight: bold; }}
QLineEdit#scanTest {{ font-size: 22px; padding: 12px; }}
QLabel#scanResult {{ font-size: 20px; font-weight: bold; color: {COLOURS.accent}; }}
"""
