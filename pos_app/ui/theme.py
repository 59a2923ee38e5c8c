"""The look: bundled fonts, one palette with one accent colour, one stylesheet, number formats.

Every screen uses these names rather than its own colours, so the app looks like one product.
Widgets pick styles through object names and the dynamic property ``role``:

- ``QPushButton[role="primary"]`` — the one main action of a screen (accent filled);
- ``QPushButton[role="danger"]`` — destructive actions;
- ``QLabel[role="title"]`` / ``[role="subtitle"]`` / ``[role="muted"]`` / ``[role="figure"]``;
- ``QFrame[role="card"]`` — a white panel with a hairline border.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.config import resources_dir
from pos_app.domain.money import format_vnd
from pos_app.domain.receipt import hanoi_tz

log = logging.getLogger(__name__)

_W = TypeVar("_W", bound=QWidget)

FONT_FAMILY = "DejaVu Sans"
BASE_PX = 16
"""Body text in pixels: readable at arm's length on a 1366×768 counter screen."""


@dataclass(frozen=True)
class Colours:
    accent: str = "#0F6E5C"  # deep jade: calm, reads as "Vietnamese craft", high contrast on white
    accent_hover: str = "#0C5B4C"
    accent_pressed: str = "#094538"
    accent_soft: str = "#E3F1EC"
    window: str = "#F4F5F2"
    surface: str = "#FFFFFF"
    border: str = "#DADDD6"
    text: str = "#1E2421"
    muted: str = "#5F6862"
    danger: str = "#B42318"
    danger_soft: str = "#FDECEA"
    warning: str = "#9A5B00"
    warning_soft: str = "#FFF4E0"
    success: str = "#1F7A3A"
    nav: str = "#17322B"
    nav_text: str = "#D5E4DE"


COLOURS = Colours()


def register_fonts() -> str:
    """Register the bundled DejaVu Sans (full Vietnamese coverage) and return its family name."""
    fonts = resources_dir() / "fonts"
    family = FONT_FAMILY
    for path in sorted(fonts.glob("DejaVuSans*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", path)
            continue
        families = QFontDatabase.applicationFontFamilies(font_id)
        if families:
            family = families[0]
    return family


def stylesheet(c: Colours = COLOURS, base_px: int = BASE_PX) -> str:
    small = base_px - 2
    icons = (resources_dir() / "icons").as_posix()
    return f"""
QWidget {{ color: {c.text}; font-size: {base_px}px; }}
QMainWindow, QDialog, QWidget#page {{ background: {c.window}; }}
QToolTip {{ background: {c.text}; color: white; border: none; padding: 6px 8px; }}

QFrame#header {{ background: {c.surface}; border-bottom: 1px solid {c.border}; }}
QLabel#showroomName {{ font-size: {base_px + 3}px; font-weight: bold; color: {c.text}; }}
QLabel#headerMeta {{ color: {c.muted}; font-size: {small}px; }}
QLabel#clock {{ font-size: {base_px + 6}px; font-weight: bold; color: {c.accent}; }}
QLabel#clockDate {{ color: {c.muted}; font-size: {small}px; }}

QFrame#nav {{ background: {c.nav}; }}
QLabel#brand {{ color: white; font-size: {base_px + 2}px; font-weight: bold; }}
QLabel#brandSub {{ color: {c.nav_text}; font-size: {small - 1}px; }}
QToolButton#navButton {{
    color: {c.nav_text}; background: transparent; border: none; border-radius: 10px;
    padding: 10px 8px; font-size: {base_px}px; text-align: left;
}}
QToolButton#navButton:hover {{ background: rgba(255, 255, 255, 0.08); color: white; }}
QToolButton#navButton:checked {{ background: {c.accent}; color: white; font-weight: bold; }}
QToolButton#navButton:focus {{ outline: none; border: 2px solid #8FD3BF; }}

QFrame[role="card"] {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 12px;
}}
QFrame[role="notice"] {{
    background: {c.accent_soft}; border: 1px solid #BFDCD2; border-radius: 12px;
}}
QLabel {{ background: transparent; }}
QLabel[role="title"] {{ font-size: {base_px + 10}px; font-weight: bold; }}
QLabel[role="subtitle"] {{ font-size: {base_px + 2}px; font-weight: bold; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="figure"] {{ font-size: {base_px + 16}px; font-weight: bold; color: {c.accent}; }}
QLabel[role="error"] {{ color: {c.danger}; font-size: {small}px; }}
QLabel[role="ok"] {{ color: {c.success}; font-size: {small}px; }}
QLabel[role="key"] {{
    color: {c.muted}; background: {c.window}; border: 1px solid {c.border};
    border-radius: 5px; padding: 1px 6px; font-size: {small - 2}px;
}}

QPushButton {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px;
    padding: 8px 18px; min-height: 28px;
}}
QPushButton:hover {{ border-color: {c.accent}; }}
QPushButton:pressed {{ background: {c.accent_soft}; }}
QPushButton:focus {{ border: 2px solid {c.accent}; }}
QPushButton:disabled {{ color: #A3AAA5; background: {c.window}; }}
QPushButton[role="primary"] {{
    background: {c.accent}; color: white; border: 1px solid {c.accent}; font-weight: bold;
}}
QPushButton[role="primary"]:hover {{ background: {c.accent_hover}; }}
QPushButton[role="primary"]:pressed {{ background: {c.accent_pressed}; }}
QPushButton[role="primary"]:focus {{ border: 2px solid {c.text}; }}
QPushButton[role="danger"] {{ color: {c.danger}; border-color: #E9B4AE; }}

QLineEdit, QComboBox, QSpinBox, QPlainTextEdit {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px;
    padding: 6px 10px; min-height: 28px; selection-background-color: {c.accent};
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus {{
    border: 2px solid {c.accent};
}}
QLineEdit[invalid="true"], QComboBox[invalid="true"], QSpinBox[invalid="true"] {{
    border: 2px solid {c.danger}; background: {c.danger_soft};
}}
QComboBox::drop-down {{ border: none; width: 28px; }}
QSpinBox {{ padding-left: 10px; padding-right: 36px; }}
QSpinBox QLineEdit {{
    border: none; background: transparent; padding: 0; min-height: 0; border-radius: 0;
}}
QSpinBox::up-arrow {{ image: url({icons}/chevron-up.svg); width: 12px; height: 12px; }}
QSpinBox::down-arrow {{ image: url({icons}/chevron-down.svg); width: 12px; height: 12px; }}
QComboBox::down-arrow {{ image: url({icons}/chevron-down.svg); width: 12px; height: 12px; }}
QSpinBox::up-button, QSpinBox::down-button {{
    subcontrol-origin: border; width: 34px; border: none; border-left: 1px solid {c.border};
    background: {c.window};
}}
QSpinBox::up-button {{ subcontrol-position: top right; border-top-right-radius: 8px; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; border-bottom-right-radius: 8px; }}
QSpinBox::up-button:pressed, QSpinBox::down-button:pressed {{ background: {c.accent_soft}; }}
QComboBox QAbstractItemView {{
    background: {c.surface}; border: 1px solid {c.border};
    selection-background-color: {c.accent_soft}; selection-color: {c.text};
}}

QScrollArea {{ background: transparent; border: none; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #C4C9C2; border-radius: 4px; min-height: 40px; }}
QScrollBar::handle:vertical:hover {{ background: {c.muted}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: none; }}
QScrollArea > QWidget > QWidget {{ background: transparent; }}

QStatusBar {{ background: {c.surface}; border-top: 1px solid {c.border}; }}
QStatusBar::item {{ border: none; }}
QLabel[role="status"] {{ color: {c.muted}; font-size: {small}px; padding: 2px 10px; }}
QLabel[role="status"][state="ok"] {{ color: {c.success}; }}
QLabel[role="status"][state="warn"] {{ color: {c.warning}; }}
QLabel[role="status"][state="error"] {{ color: {c.danger}; font-weight: bold; }}

QTableView {{
    background: {c.surface}; border: 1px solid {c.border}; border-radius: 10px;
    gridline-color: {c.border}; selection-background-color: {c.accent_soft};
    selection-color: {c.text};
}}
QHeaderView::section {{
    background: {c.window}; color: {c.muted}; border: none;
    border-bottom: 1px solid {c.border}; padding: 8px; font-weight: bold;
}}
QMessageBox QLabel {{ font-size: {base_px}px; }}
QMessageBox QLabel#qt_msgbox_label {{ font-size: {base_px + 3}px; font-weight: bold; }}
QMessageBox QLabel#qt_msgbox_informativelabel {{ min-width: 520px; color: {c.text}; }}
QMessageBox QPushButton {{ min-width: 110px; }}
"""


def apply_theme(app: QApplication) -> None:
    """Fonts, palette and stylesheet for the whole application."""
    family = register_fonts()
    font = QFont(family)
    font.setPixelSize(BASE_PX)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    app.setFont(font)
    palette = QPalette()
    c = COLOURS
    palette.setColor(QPalette.ColorRole.Window, QColor(c.window))
    palette.setColor(QPalette.ColorRole.Base, QColor(c.surface))
    palette.setColor(QPalette.ColorRole.Text, QColor(c.text))
    palette.setColor(QPalette.ColorRole.WindowText, QColor(c.text))
    palette.setColor(QPalette.ColorRole.Button, QColor(c.surface))
    palette.setColor(QPalette.ColorRole.ButtonText, QColor(c.text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(c.accent))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(c.muted))
    app.setPalette(palette)
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet())


def set_role(widget: _W, role: str) -> _W:
    """Give ``widget`` a stylesheet role (see the module doc) and return it."""
    widget.setProperty("role", role)
    return widget


def set_state(widget: QWidget, name: str, value: object) -> None:
    """Change a dynamic property used by the stylesheet and re-polish so the look follows."""
    widget.setProperty(name, value)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


# --- formats the UI shows ---------------------------------------------------------------------


def money(amount: int) -> str:
    """``125000`` → ``125.000 ₫`` (Vietnamese grouping in both interface languages)."""
    return format_vnd(amount)


def count(n: int) -> str:
    """Whole numbers with dots between thousands, as Vietnamese shops write them."""
    return f"{n:,}".replace(",", ".")


def hanoi_now(now: dt.datetime | None = None) -> dt.datetime:
    return (now or dt.datetime.now(dt.UTC)).astimezone(hanoi_tz())

