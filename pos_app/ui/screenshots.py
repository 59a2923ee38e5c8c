"""Screenshots of every screen, offscreen: for reviews, manuals and catching layout regressions.

``ocop-pos-admin screenshots OUTDIR`` builds the real main window on the demo showroom and saves
one PNG per *scene*. The shell registers the four main areas; other UI packages add their own
scenes (a dialog, a cart with goods in it) with :func:`register_scene`, usually from a module
``pos_app/ui/<package>/scenes.py`` which :func:`load_scene_modules` imports by convention::

    from pos_app.ui.screenshots import register_scene

    def payment_cash(ctx):
        ctx.window.show_area("sell")
        dialog = PaymentDialog(...)
        dialog.show()
        ctx.settle()
        return dialog            # grabbed, then closed

    register_scene("sell-payment-cash", payment_cash, order=20)

A scene function takes a :class:`SceneContext` and returns the widget to photograph (the main
window or a dialog it opened non-modally; a returned dialog is closed afterwards). Registering a
name again replaces the earlier scene: a ``"sell"`` scene from the sell package (with goods in
the cart) replaces the shell's plain one.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)


@dataclass
class SceneContext:
    """What a scene gets: the app's services and lanes, the (resized) main window."""

    app: QApplication
    services: Any
    lanes: Any
    window: Any
    size: QSize
    lang: str = "vi"
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def settle(self, ms: int = 120) -> None:
        """Let queued work, layouts and paints finish."""
        deadline = time.monotonic() + ms / 1000
        while time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.005)
        self.app.processEvents()

    def wait_until(self, predicate: Callable[[], bool], timeout_ms: int = 5000) -> bool:
        """Process events until ``predicate()`` holds (e.g. a db-lane write landed)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            self.app.processEvents()
            if predicate():
                return True
            time.sleep(0.01)
        return predicate()

    def add_cleanup(self, fn: Callable[[], None]) -> None:
        self.cleanups.append(fn)


SceneBuilder = Callable[[SceneContext], QWidget | None]


@dataclass(frozen=True)
class Scene:
    name: str
    build: SceneBuilder
    order: int = 100


SCENES: dict[str, Scene] = {}


def register_scene(name: str, build: SceneBuilder, *, order: int = 100) -> None:
    """Add (or replace) the scene ``name``; the PNG is ``<name>.png``; lower ``order`` first."""
    SCENES[name] = Scene(name, build, order)


def load_scene_modules() -> list[str]:
    """Import every ``pos_app.ui.<package>.scenes`` module so its scenes register."""
    import pos_app.ui as ui_package

    loaded: list[str] = []
    for info in pkgutil.iter_modules(ui_package.__path__, "pos_app.ui."):
        if not info.ispkg:
            continue
        name = f"{info.name}.scenes"
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                log.warning("scenes module %s failed to import: %s", name, exc)
            continue
        except Exception:
            log.exception("scenes module %s failed", name)
            continue
        loaded.append(name)
    return loaded


def _area_scene(area: str) -> SceneBuilder:
    def build(ctx: SceneContext) -> QWidget:
        ctx.window.show_area(area)
        ctx.settle()
        return ctx.window  # type: ignore[no-any-return]

    return build


for _order, _area in enumerate(("sell", "stock", "reports", "settings")):
    register_scene(_area, _area_scene(_area), order=_order * 10)


def _startup_error(ctx: SceneContext) -> QWidget:
    from pos_app.ui.startup import startup_error_box

    box = startup_error_box("db_too_new", "0099_from_a_newer_version")
    box.show()
    return box


register_scene("startup-database-too-new", _startup_error, order=900)


def render_scenes(ctx: SceneContext, outdir: Path) -> tuple[list[Path], list[str]]:
    """Save every registered scene into ``outdir``; return (files, errors)."""
    outdir.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    errors: list[str] = []
    for scene in sorted(SCENES.values(), key=lambda s: (s.order, s.name)):
        ctx.window.show_area("sell")
        ctx.settle(30)
        widget: QWidget | None = None
        try:
            widget = scene.build(ctx)
            ctx.settle()
            target = widget or ctx.window
            path = outdir / f"{scene.name}.png"
            if not target.grab().save(str(path)):
                raise OSError(f"could not write {path}")
            files.append(path)
        except Exception as exc:
            log.exception("scene %s failed", scene.name)
            errors.append(f"{scene.name}: {type(exc).__name__}: {exc}")
        finally:
            if widget is not None and widget is not ctx.window:
                widget.close()
            while ctx.cleanups:
                try:
                    ctx.cleanups.pop()()
                except Exception:
                    log.exception("cleanup after scene %s failed", scene.name)
            ctx.settle(30)
    return files, errors
