"""Before the window: are the system libraries Qt's X11 (xcb) platform plugin needs installed?

The pip-installed Qt carries its own Qt libraries but not the desktop's: on a fresh Debian or
Ubuntu without ``libxcb-cursor0`` and friends, ``QApplication`` aborts the process (exit 134)
with an English message naming a plugin, not a package. :func:`missing_packages` asks the
dynamic loader for each library by its soname first, and :func:`check_or_explain` turns a gap
into one sentence in Vietnamese (and English) with the ``apt-get install`` line to run.

:data:`DEBIAN_PACKAGES` is the one list: the ``.deb`` declares the same packages in its
``Depends`` (``installer/linux/build-deb.sh``, besides ``libc6``) and the README's Quick start
gives the same ``apt-get`` line; a test keeps the three equal.

Nothing here imports Qt until a message must be worded: the check itself is a few ``dlopen``s.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping
from typing import TextIO

DEBIAN_PACKAGES: Mapping[str, str] = {
    # Debian/Ubuntu package: the library (soname) that Qt's xcb plugin loads from it
    "libfontconfig1": "libfontconfig.so.1",
    "libfreetype6": "libfreetype.so.6",
    "libglib2.0-0": "libglib-2.0.so.0",
    "libdbus-1-3": "libdbus-1.so.3",
    "libgl1": "libGL.so.1",
    "libegl1": "libEGL.so.1",
    "libxkbcommon0": "libxkbcommon.so.0",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-randr0": "libxcb-randr.so.0",
}


def apt_get_line(packages: list[str] | None = None) -> str:
    """``sudo apt-get install -y …`` for ``packages`` (default: all of them)."""
    chosen = list(DEBIAN_PACKAGES) if packages is None else packages
    return "sudo apt-get install -y " + " ".join(chosen)


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt will pick its xcb plugin: Linux, and no other platform chosen
    (``QT_QPA_PLATFORM`` unset or ``xcb``; a Wayland session with it unset uses Wayland)."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip().lower()
    if chosen:
        return chosen == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def missing_packages(loads: Callable[[str], bool] | None = None) -> list[str]:
    """The Debian packages whose library the loader cannot find, in :data:`DEBIAN_PACKAGES`
    order (empty: all there)."""
    found = loads or _loads
    return [package for package, soname in DEBIAN_PACKAGES.items() if not found(soname)]


CONTEXT = "DesktopLibs"


def _tr(text: str) -> str:
    """``text`` in Vietnamese, straight from the compiled translation: no QCoreApplication is
    needed, and one that runs keeps its own language (lupdate reads this like ``tr()``)."""
    from PySide6.QtCore import QTranslator

    from pos_app.ui.i18n import qm_path

    translator = QTranslator()
    if not translator.load(str(qm_path("vi"))):
        return text
    return translator.translate(CONTEXT, text) or text


SENTENCE = ("The window cannot open: this computer lacks system libraries for the screen. "
            "Install them with: {command}")


def explanation(missing: list[str]) -> tuple[str, str]:
    """(Vietnamese, English) sentence naming the packages to install."""
    command = apt_get_line(missing)
    from PySide6.QtCore import QT_TRANSLATE_NOOP  # marks the text for lupdate, under CONTEXT

    vietnamese = _tr(str(QT_TRANSLATE_NOOP(
        "DesktopLibs", "The window cannot open: this computer lacks system libraries for the "
        "screen. Install them with: {command}")))
    return vietnamese.format(command=command), SENTENCE.format(command=command)


def check_or_explain(*, environ: Mapping[str, str] | None = None,
                     loads: Callable[[str], bool] | None = None,
                     out: TextIO | None = None) -> bool:
    """True when the window can be tried; else print the sentence (Vietnamese, then English)
    to stderr and return False, before Qt gets the chance to abort."""
    if not uses_xcb(environ):
        return True
    missing = missing_packages(loads)
    if not missing:
        return True
    stream = out if out is not None else sys.stderr
    vietnamese, english = explanation(missing)
    print(vietnamese, file=stream)
    if english != vietnamese:
        print(english, file=stream)
    return False
