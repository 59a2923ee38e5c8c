"""Issue 18: on a desktop without Qt's xcb libraries, one clear sentence instead of exit 134."""

from __future__ import annotations

import io

import pytest

from pos_app.ui import desktop_libs
from pos_app.ui.desktop_libs import (
    DEBIAN_PACKAGES,
    apt_get_line,
    check_or_explain,
    missing_packages,
    uses_xcb,
)

GONE = {"libxcb-cursor.so.0", "libxcb-icccm.so.4"}


def fake_loader(soname: str) -> bool:
    return soname not in GONE


def test_every_library_of_this_machine_is_found_by_its_soname():
    assert missing_packages() == []  # the test machine has them all (CI installs the .deb's)


def test_missing_libraries_are_named_by_their_debian_package():
    assert missing_packages(fake_loader) == ["libxcb-cursor0", "libxcb-icccm4"]


@pytest.mark.parametrize(("env", "platform", "expected"), [
    ({}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({}, "win32", False),
])
def test_only_an_xcb_start_is_checked(env, platform, expected):
    assert uses_xcb(env, platform) is expected


def test_a_gap_is_one_vietnamese_sentence_then_english_with_the_apt_get_line():
    out = io.StringIO()
    assert not check_or_explain(environ={"QT_QPA_PLATFORM": "xcb"}, loads=fake_loader, out=out)
    vietnamese, english = out.getvalue().splitlines()
    command = "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4"
    assert vietnamese.startswith("Không mở được cửa sổ") and vietnamese.endswith(command)
    assert english.startswith("The window cannot open") and english.endswith(command)


def test_nothing_is_printed_when_all_is_there_or_offscreen():
    out = io.StringIO()
    assert check_or_explain(environ={"QT_QPA_PLATFORM": "xcb"}, loads=lambda _: True, out=out)
    assert check_or_explain(environ={"QT_QPA_PLATFORM": "offscreen"}, loads=fake_loader, out=out)
    assert out.getvalue() == ""


def test_ocop_pos_stops_before_qt_with_the_sentence(monkeypatch, tmp_path, capsys):
    from pos_app import __main__ as entry

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(desktop_libs, "_loads", fake_loader)
    started = []
    monkeypatch.setattr("pos_app.app.run_gui", lambda args: started.append(args) or 0)
    assert entry.main(["--data-dir", str(tmp_path)]) == 1
    assert started == []  # Qt never got the chance to abort
    assert "libxcb-cursor0 libxcb-icccm4" in capsys.readouterr().err


def test_the_list_covers_what_the_xcb_plugin_links_against():
    """Each soname is one the Qt xcb plugin of this install really loads (ldd), so the list
    is not a guess; libraries every desktop has (libc, libX11) are left to the system."""
    import shutil
    import subprocess
    from pathlib import Path

    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists() or shutil.which("ldd") is None:
        pytest.skip("no xcb plugin or ldd here")
    linked = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True).stdout
    for soname in DEBIAN_PACKAGES.values():
        assert soname in linked, soname
    assert apt_get_line().split()[4:] == list(DEBIAN_PACKAGES)
