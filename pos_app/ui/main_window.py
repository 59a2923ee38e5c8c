"""The counter window: navigation (Sell / Stock / Reports / Settings), header, status bar.

Areas are switched with F1–F4 or Ctrl+1…4 (shown on the buttons) or by touch. The Sell area hosts
``pos_app.ui.sell.screen.SellScreen(services, lanes, parent)``. Barcode scans from
:class:`pos_app.ui.scanner.ScannerFilter` go to the Sell screen's ``on_scanned(code)``
(switching to Sell first); a scan while a dialog is open is announced in the status bar and
passed to the Sell screen's ``on_scanned_while_busy(code)``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QPixmap, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_app import config
from pos_app.config import resources_dir
from pos_app.ui.common.session import CounterSession
from pos_app.ui.common.widgets import brand_row, panel
from pos_app.ui.events import UiEvents
from pos_app.ui.reports.screen import ReportsScreen
from pos_app.ui.scanner import ScannerFilter
from pos_app.ui.sell.screen import SellScreen
from pos_app.ui.settings_screen import SettingsScreen
from pos_app.ui.status_bar import ShellStatusBar
from pos_app.ui.stock.screen import StockScreen
from pos_app.ui.tasks import Lanes
from pos_app.ui.theme import hanoi_now

if TYPE_CHECKING:
    from pos_app.services import Services

log = logging.getLogger(__name__)

AREAS: tuple[str, ...] = ("sell", "stock", "reports", "settings")

NAV_WIDTH = 232
NAV_WIDTH_COMPACT = 96
COMPACT_BELOW = 1280
"""Windows narrower than this (1024x768 POS terminals) get the compact navigation (icon over
the word, no key chip) so the cart keeps room for full product names and money columns."""


class ElidedLabel(QLabel):
    """One line that ends in "…" when there is no room (the full text in the tooltip) instead of
    pushing its neighbours off the header."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(40, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight,
                                              max(self.width(), 40))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


class NavButton(QToolButton):
    """A navigation entry: icon, label and its keyboard shortcut, large enough for a finger."""

    def __init__(self, icon: str, text: str, keys: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("navButton")
        self.setCheckable(True)
        self.setAutoExclusive(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # F1–F4 / Ctrl+1…4 instead
        self.setMinimumHeight(64)
        self.setSizePolicy(self.sizePolicy().horizontalPolicy().Expanding,
                           self.sizePolicy().verticalPolicy())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 12, 8)
        layout.setSpacing(12)
        self.icon_label = QLabel(self)
        path = resources_dir() / "icons" / f"{icon}.svg"
        self.icon_label.setPixmap(QIcon(str(path)).pixmap(QSize(26, 26)))
        self.icon_label.setFixedSize(26, 26)
        layout.addWidget(self.icon_label)
        self.text_label = QLabel(text, self)
        self.text_label.setObjectName("navText")
        layout.addWidget(self.text_label, 1)
        self.key_label = QLabel(keys, self)
        self.key_label.setObjectName("navKey")
        self.key_label.setFixedHeight(22)
        layout.addWidget(self.key_label, 0, Qt.AlignmentFlag.AlignVCenter)
        for label in (self.icon_label, self.text_label, self.key_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(text)
        self.setToolTip(f"{text} ({keys})")
        self.toggled.connect(self._restyle)
        self._restyle(False)
        self.compact = False

    def set_compact(self, compact: bool) -> None:
        """Icon over the word, no key chip (narrow windows); the keys stay in the tooltip."""
        self.compact = compact
        layout = self.layout()
        if isinstance(layout, QBoxLayout):
            layout.setDirection(QBoxLayout.Direction.TopToBottom if compact
                                else QBoxLayout.Direction.LeftToRight)
            layout.setContentsMargins(*((4, 8, 4, 6) if compact else (14, 8, 12, 8)))
            layout.setSpacing(4 if compact else 12)
            layout.setAlignment(self.icon_label, Qt.AlignmentFlag.AlignHCenter if compact
                                else Qt.AlignmentFlag(0))
        align = Qt.AlignmentFlag
        self.text_label.setAlignment(align.AlignHCenter if compact
                                     else align.AlignLeft | align.AlignVCenter)
        self.key_label.setVisible(not compact)
        self.setMinimumHeight(72 if compact else 64)
        self._restyle(self.isChecked())

    def _restyle(self, checked: bool) -> None:
        colour = "#FFFFFF" if checked else "#D5E4DE"
        weight = "bold" if checked else "normal"
        size = "font-size: 14px;" if getattr(self, "compact", False) else ""
        self.text_label.setStyleSheet(f"color: {colour}; font-weight: {weight};{size}")
        self.key_label.setStyleSheet(
            "color: rgba(255,255,255,0.75); border: 1px solid rgba(255,255,255,0.35);"
            "border-radius: 5px; padding: 0px 5px; font-size: 12px;")

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(80, 72) if self.compact else QSize(210, 64)


class MainWindow(QMainWindow):
    """The whole counter app in one window."""

    area_changed = Signal(str)

    def __init__(
        self,
        services: Services,
        lanes: Lanes,
        *,
        scanner: ScannerFilter | None = None,
        now: Callable[[], dt.datetime] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.settings = services.settings
        self.lanes = lanes
        self.scanner = scanner
        self._now = now or (lambda: dt.datetime.now(dt.UTC))
        self.cashier_name = self.tr("Cashier")
        self.setWindowTitle(self.tr("OCOP Showroom POS"))
        self.setMinimumSize(1024, 640)

        central = QWidget(self)
        central.setObjectName("page")
        root = QHBoxLayout(central)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)
        root.addWidget(self._build_nav(central))

        right = QWidget(central)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_header(right))
        self.stack = QStackedWidget(right)
        column.addWidget(self.stack, 1)
        root.addWidget(right, 1)
        self.setCentralWidget(central)

        self.session = CounterSession(services.users, self)
        """Who is at the till and manager approval, handed to every screen that acts."""
        self.events = UiEvents(services.events, self)
        """The core's events on the GUI thread (the one bridge; screens connect to it)."""
        self.sell = SellScreen(services, lanes, self.session, self.events, self.stack)
        self.stock = StockScreen(services, lanes, self.session, self.stack)
        self.reports = ReportsScreen(services, lanes, self.stack)
        self.settings_screen = SettingsScreen(services, lanes, self.session, self.stack)
        self.settings_screen.saved.connect(self._settings_saved)
        for widget in (self.sell, self.stock, self.reports, self.settings_screen):
            self.stack.addWidget(widget)

        self.status = ShellStatusBar(services, lanes, self.session, self, events=self.events)
        self.setStatusBar(self.status)

        from pos_app.ui.people.session import attach

        self.people = attach(self, services, self.session)
        """Log-in, idle lock and switching cashier."""

        for i, area in enumerate(AREAS):
            for keys in (f"F{i + 1}", f"Ctrl+{i + 1}"):
                shortcut = QShortcut(QKeySequence(keys), self)
                shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
                shortcut.activated.connect(lambda a=area: self.show_area(a))

        if scanner is not None:
            scanner.scanned.connect(self.on_scanned)
            scanner.scanned_while_busy.connect(self.on_scanned_while_busy)

        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(1000)
        self.clock_timer.timeout.connect(self.update_clock)
        self.clock_timer.start()
        self.update_clock()
        self.show_area("sell")

    # --- layout -------------------------------------------------------------------------------

    def _build_nav(self, parent: QWidget) -> QWidget:
        nav, layout = panel(parent, QVBoxLayout, name="nav", margins=(12, 18, 12, 16), spacing=6)
        nav.setFixedWidth(NAV_WIDTH)
        self.nav = nav

        brand, sub = brand_row(nav, "brand", "brandSub", self.tr("Hanoi showroom"))
        brand.setContentsMargins(6, 0, 0, 18)
        title = nav.findChild(QLabel, "brand")
        self.brand_words = [w for w in (title, sub) if w is not None]
        layout.addLayout(brand)

        labels = {
            "sell": ("sell", self.tr("Sell")),
            "stock": ("stock", self.tr("Stock")),
            "reports": ("reports", self.tr("Reports")),
            "settings": ("settings", self.tr("Settings")),
        }
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: dict[str, NavButton] = {}
        for i, area in enumerate(AREAS):
            icon, text = labels[area]
            button = NavButton(icon, text, f"F{i + 1}", nav)
            button.clicked.connect(lambda _c=False, a=area: self.show_area(a))
            self.nav_group.addButton(button)
            self.nav_buttons[area] = button
            layout.addWidget(button)
        layout.addStretch(1)
        hint = QLabel(self.tr("Keys: F1–F4 or Ctrl+1…4"), nav)
        hint.setObjectName("brandSub")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.nav_hint = hint
        self.compact = False
        return nav

    def set_compact(self, compact: bool) -> None:
        """The narrow layout (below :data:`COMPACT_BELOW` px wide): a slim navigation column."""
        if compact == self.compact:
            return
        self.compact = compact
        self.nav.setFixedWidth(NAV_WIDTH_COMPACT if compact else NAV_WIDTH)
        nav_layout = self.nav.layout()
        if nav_layout is not None:
            nav_layout.setContentsMargins(*((6, 14, 6, 12) if compact else (12, 18, 12, 16)))
        for widget in (*self.brand_words, self.nav_hint):
            widget.setVisible(not compact)
        for button in self.nav_buttons.values():
            button.set_compact(compact)
        for screen in (self.sell, self.stock, self.reports, self.settings_screen):
            apply = getattr(screen, "set_compact", None)
            if callable(apply):
                apply(compact)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if hasattr(self, "settings_screen"):  # built
            self.set_compact(event.size().width() < COMPACT_BELOW)

    def _build_header(self, parent: QWidget) -> QWidget:
        header, layout = panel(parent, QHBoxLayout, name="header", margins=(28, 8, 28, 8))
        header.setFixedHeight(72)
        left = QVBoxLayout()
        left.setSpacing(2)
        self.showroom_label = ElidedLabel(header)
        self.showroom_label.setObjectName("showroomName")
        left.addWidget(self.showroom_label)
        self.meta_label = QLabel(header)
        self.meta_label.setObjectName("headerMeta")
        left.addWidget(self.meta_label)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        right.setSpacing(0)
        self.clock_label = QLabel(header)
        self.clock_label.setObjectName("clock")
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.clock_label)
        self.date_label = QLabel(header)
        self.date_label.setObjectName("clockDate")
        self.date_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        right.addWidget(self.date_label)
        layout.addLayout(right)
        self.update_header()
        return header

    # --- behaviour ----------------------------------------------------------------------------

    @property
    def current_area(self) -> str:
        return AREAS[self.stack.currentIndex()]

    @Slot(str)
    def show_area(self, area: str) -> None:
        index = AREAS.index(area)
        self.stack.setCurrentIndex(index)
        self.nav_buttons[area].setChecked(True)
        if area == "stock":
            self.stock.refresh()
        elif area == "reports":
            self.reports.refresh()
        widget = self.stack.currentWidget()
        focus = getattr(widget, "focus_default", None)
        if callable(focus):
            focus()
        self.area_changed.emit(area)

    def update_header(self) -> None:
        self.showroom_label.setText(self.settings.get(config.SHOWROOM_NAME))
        self.meta_label.setText(self.tr("Till {till} · {cashier}").format(
            till=self.settings.get(config.TILL_CODE), cashier=self.cashier_name))

    def set_cashier(self, name: str) -> None:
        self.cashier_name = name
        self.update_header()

    @Slot()
    def update_clock(self) -> None:
        now = hanoi_now(self._now())
        self.clock_label.setText(now.strftime("%H:%M"))
        date = QLocale().toString(QDate(now.year, now.month, now.day), "dddd, dd/MM/yyyy")
        self.date_label.setText(date[:1].upper() + date[1:])

    @Slot(str)
    def on_scanned(self, code: str) -> None:
        if self.people.locked:
            return  # nobody is logged in: a scan sells nothing
        target = self.stack.currentWidget()
        if not hasattr(target, "on_scanned"):
            self.show_area("sell")
            target = self.sell
        handler = getattr(target, "on_scanned", None)
        if callable(handler):
            handler(code)

    @Slot(str)
    def on_scanned_while_busy(self, code: str) -> None:
        self.status.notify(
            self.tr("Scanned {code} — finish the open window first, then scan again.").format(
                code=code))
        self.sell.on_scanned_while_busy(code)

    def _settings_saved(self, keys: list[str]) -> None:
        self.update_header()
        scanner_keys = {s.key for s in (config.SCANNER_MAX_GAP_MS, config.SCANNER_MIN_LENGTH,
                                        config.SCANNER_PREFIX, config.SCANNER_SUFFIX)}
        if self.scanner is not None and scanner_keys & set(keys):
            self.scanner.configure(
                max_gap_ms=self.settings.get(config.SCANNER_MAX_GAP_MS),
                min_length=self.settings.get(config.SCANNER_MIN_LENGTH),
                prefix=self.settings.get(config.SCANNER_PREFIX),
                suffix=self.settings.get(config.SCANNER_SUFFIX),
            )
        if config.PRINTER_URI.key in keys:
            self.status.refresh()
            self.status.check_printer()

    def start(self) -> None:
        """Begin periodic work (status refresh); call once the window is shown."""
        self.status.start()
        self.people.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.clock_timer.stop()
        self.status.stop()
        self.events.close()
        self.people.shutdown()
        self.sell.shutdown()
        super().closeEvent(event)


def app_icon() -> QIcon:
    icon = QIcon()
    pixmap = QPixmap(str(resources_dir() / "icons" / "logo.svg"))
    if not pixmap.isNull():
        icon.addPixmap(pixmap)
    return icon
