"""Look of the sell screen: one accent colour, calm greys, large type for money.

The UI shell's theme sets the application-wide font and palette; these are the few extra rules
the counter needs (object names keep them local to this package).
"""

from __future__ import annotations

from pos_app.domain.money import format_vnd

ACCENT = "#1f6f54"  # deep jade: the one accent colour
ACCENT_DARK = "#17563f"
ACCENT_SOFT = "#e6f2ec"
INK = "#1f2933"
MUTED = "#6b7785"
LINE = "#dde3e8"
PAPER = "#f6f7f8"
STAR = "#c9961a"
WARN = "#b45309"
WARN_SOFT = "#fff4e0"
DANGER = "#b42318"
DANGER_SOFT = "#fdecea"

SELL_STYLE = f"""
QWidget#SellRoot, QDialog#SellDialog, QWidget#CustomerDisplay {{
    background: {PAPER}; color: {INK};
}}
QFrame#Card {{ background: white; border: 1px solid {LINE}; border-radius: 10px; }}
QLineEdit#ScanField {{
    font-size: 20px; padding: 12px 16px; border: 2px solid {ACCENT};
    border-radius: 10px; background: white;
}}
QLineEdit {{ font-size: 17px; padding: 8px 10px; border: 1px solid #c5ced6;
    border-radius: 8px; background: white; }}
QLineEdit:focus {{ border: 2px solid {ACCENT}; }}
QLabel#Muted {{ color: {MUTED}; }}
QLabel#SectionTitle {{ font-size: 15px; font-weight: bold; color: {MUTED}; }}
QLabel#TotalLabel {{ font-size: 18px; color: {MUTED}; }}
QLabel#TotalValue {{ font-size: 46px; font-weight: bold; color: {INK}; }}
QLabel#BigValue {{ font-size: 34px; font-weight: bold; color: {INK}; }}
QLabel#ChangeValue {{ font-size: 34px; font-weight: bold; color: {ACCENT}; }}
QLabel#DialogTitle {{ font-size: 24px; font-weight: bold; color: {INK}; }}
QLabel#Message {{ font-size: 16px; padding: 10px 14px; border-radius: 8px;
    background: {ACCENT_SOFT}; color: {ACCENT_DARK}; }}
QLabel#Message[kind="warn"] {{ background: {WARN_SOFT}; color: {WARN}; }}
QLabel#Message[kind="error"] {{ background: {DANGER_SOFT}; color: {DANGER}; }}
QLabel#ShortcutBar {{ color: {MUTED}; font-size: 14px; }}
QLabel#Key {{ background: white; border: 1px solid #c5ced6; border-bottom: 2px solid #aab5bf;
    border-radius: 5px; padding: 1px 6px; font-size: 12px; font-weight: bold; color: {INK}; }}
QLabel#KeyText {{ color: {MUTED}; font-size: 13px; }}
QPushButton {{ font-size: 16px; padding: 10px 16px; border-radius: 8px;
    border: 1px solid #c5ced6; background: white; color: {INK}; min-height: 26px; }}
QPushButton:hover {{ background: #eef2f4; }}
QPushButton:focus {{ border: 2px solid {ACCENT}; }}
QPushButton:disabled {{ color: #a0aab4; background: #f1f3f5; }}
QPushButton#Primary {{ background: {ACCENT}; color: white; border: none; font-weight: bold; }}
QPushButton#Primary:hover {{ background: {ACCENT_DARK}; }}
QPushButton#Primary:disabled {{ background: #9bbfb0; color: #eef5f1; }}
QPushButton#PayButton {{ background: {ACCENT}; color: white; border: none; font-weight: bold;
    font-size: 22px; padding: 16px; border-radius: 10px; }}
QPushButton#PayButton:hover {{ background: {ACCENT_DARK}; }}
QPushButton#PayButton:disabled {{ background: #9bbfb0; }}
QPushButton#Danger {{ color: {DANGER}; border-color: #e8b4ae; }}
QPushButton#Tender {{ font-size: 19px; font-weight: bold; padding: 14px 8px; }}
QPushButton#Method {{ font-size: 17px; padding: 14px 10px; text-align: left; }}
QPushButton#Method:checked {{ background: {ACCENT_SOFT}; border: 2px solid {ACCENT};
    color: {ACCENT_DARK}; font-weight: bold; }}
QTableView#CartTable {{ background: white; border: 1px solid {LINE}; border-radius: 10px;
    selection-background-color: {ACCENT_SOFT}; selection-color: {INK}; gridline-color: {LINE};
    font-size: 16px; }}
QHeaderView::section {{ background: white; color: {MUTED}; border: none;
    border-bottom: 1px solid {LINE}; padding: 8px 6px; font-size: 13px; font-weight: bold; }}
QListWidget#Results {{ background: white; border: 1px solid {LINE}; border-radius: 10px;
    font-size: 16px; }}
QListWidget#Results::item {{ padding: 8px; border-bottom: 1px solid #eef1f3; }}
QListWidget#Results::item:selected {{ background: {ACCENT_SOFT}; color: {INK}; }}
"""


def money(amount: int) -> str:
    """``125000`` → ``125.000 ₫`` (one place, so every screen agrees)."""
    return format_vnd(amount)
