"""The first-run setup wizard, driven page by page on a fresh data folder: the settings it
saves, the admin it creates, the flag that keeps it from running again, and the counter window
that follows (the lock screen, not the old first-admin dialog)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from pos_app import config
from pos_app.services.maintenance.setup import SETUP_DONE_KEY


@pytest.fixture
def fresh_ctx(tmp_path):
    from pos_app.app import open_context

    with open_context(tmp_path / "till") as ctx:
        yield ctx


@pytest.fixture
def wizard(qtbot, themed_app, fresh_ctx, lanes):
    from pos_app.ui.setup_wizard import SetupWizard

    made = SetupWizard(fresh_ctx.services, lanes, first_run=True)
    made.setProperty("closeWithoutAsking", True)
    qtbot.addWidget(made)
    made.resize(1180, 760)
    made.show()
    qtbot.waitExposed(made)
    yield made
    made.close()


def _next(wizard, expect: str) -> None:
    wizard.next_button.click()
    assert wizard.step == expect, wizard.message.text()


def test_a_fresh_till_needs_the_wizard_and_a_demo_till_does_not(fresh_ctx, demo_ctx):
    from pos_app.ui.setup_wizard import needs_first_setup

    assert needs_first_setup(fresh_ctx.services)
    assert not needs_first_setup(demo_ctx.services)  # the demo has users
    fresh_ctx.services.setup.mark_done()
    assert not needs_first_setup(fresh_ctx.services)  # set up once, even with no users


def test_the_wizard_page_by_page_then_the_counter_window(qtbot, wizard, fresh_ctx, tmp_path):
    settings = fresh_ctx.services.settings
    services = fresh_ctx.services

    # 1. language: English switches the wizard at once
    assert wizard.step == "language"
    wizard.page("language").en_button.click()
    assert wizard.title.text() == "Welcome to OCOP POS"
    _next(wizard, "showroom")
    assert settings.get(config.LANGUAGE) == "en"
    assert wizard.next_button.text() == "Next"

    # 2. showroom: a wrong tax code keeps the page, with the field marked
    wizard.page("showroom").showroom_name.setText("Điểm bán OCOP Hoàn Kiếm")
    wizard.page("showroom").showroom_address.setText("2 Hàng Khay, Hoàn Kiếm, Hà Nội")
    wizard.page("showroom").tax_code.setText("12345")
    wizard.page("showroom").showroom_code.setText("hn07")
    wizard.page("showroom").till_code.setText("q02")
    wizard.next_button.click()
    assert wizard.step == "showroom"
    assert wizard.page("showroom").tax_code.property("invalid") is True
    assert "10 digits" in wizard.page("showroom").showroom_notes["tax"].text()
    assert settings.get(config.SHOWROOM_NAME) != "Điểm bán OCOP Hoàn Kiếm"  # nothing saved
    wizard.page("showroom").tax_code.setText("0101234567-001")
    _next(wizard, "registry")
    assert settings.get(config.SHOWROOM_NAME) == "Điểm bán OCOP Hoàn Kiếm"
    assert settings.get(config.SHOWROOM_ADDRESS) == "2 Hàng Khay, Hoàn Kiếm, Hà Nội"
    assert settings.get(config.SHOWROOM_TAX_CODE) == "0101234567-001"
    assert (settings.get(config.SHOWROOM_CODE), settings.get(config.TILL_CODE)) == ("HN07", "Q02")

    # 3. registry: nobody answers -> a clear message, nothing saved; skip and enrol later
    wizard.page("registry").registry_url.setText("http://127.0.0.1:9")
    wizard.page("registry").registry_token.setText("some-token")
    wizard.page("registry").enroll_button.click()
    result = wizard.page("registry").enroll_result
    qtbot.waitUntil(lambda: "Not connected" in result.text(), timeout=30_000)
    assert "cannot be reached" in wizard.page("registry").enroll_result.text()
    assert wizard.page("registry").enroll_result.property("role") == "error"
    assert settings.get(config.REGISTRY_URL) == ""
    assert wizard.skip_button.isVisible()
    wizard.skip_button.click()
    assert wizard.step == "printer"

    # 4. printer: a test page through the printing service, to a file printer
    out = tmp_path / "printer.bin"
    wizard.page("printer").printer_uri.setText(f"file://{out}")
    wizard.page("printer").test_button.click()
    printed = wizard.page("printer").test_result
    qtbot.waitUntil(lambda: printed.text().startswith("Printed"), timeout=60_000)
    assert out.stat().st_size > 1000
    wizard.page("printer").paper_width.setCurrentIndex(wizard.page("printer").paper_width.findData(58))
    _next(wizard, "scanner")
    assert settings.get(config.PRINTER_URI) == f"file://{out}"
    assert settings.get(config.PAPER_WIDTH_MM) == 58

    # 5. scanner: a burst of keys ending in Enter is recognised by the app-wide filter
    wizard.page("scanner").scan_field.setFocus()
    qtbot.keyClicks(wizard.page("scanner").scan_field, "8930000000040")
    qtbot.keyClick(wizard.page("scanner").scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.last_scan == "8930000000040", timeout=3000)
    assert wizard.page("scanner").scan_result.text() == \
        "Scanner read: 8930000000040 (13 characters)"
    _next(wizard, "admin")

    # 6. admin: two different PINs are refused, then the admin is created
    wizard.page("admin").admin_name.setText("Nguyễn Văn An")
    wizard.page("admin").admin_login.setText("an")
    wizard.page("admin").admin_pin.setText("2468")
    wizard.page("admin").admin_again.setText("2469")
    wizard.next_button.click()
    assert wizard.step == "admin"
    assert services.users.count() == 0
    wizard.page("admin").admin_again.setText("2468")
    _next(wizard, "done")
    admin = services.users.users()[0]
    assert (admin.name, admin.login, admin.role) == ("Nguyễn Văn An", "an", "admin")
    assert services.users.login(admin.id, "2468").role == "admin"

    # 7. done: the summary, then the flag
    assert "Hoàn Kiếm" in wizard.page("done").summary["showroom"].text()
    assert wizard.page("done").summary["till"].text() == "Q02 of showroom HN07"
    assert wizard.page("done").summary["admin"].text() == "Nguyễn Văn An (an)"
    assert wizard.next_button.text() == "Start selling"
    with qtbot.waitSignal(wizard.finished_setup):
        wizard.next_button.click()
    assert wizard.result() == wizard.DialogCode.Accepted
    with services.db.reader() as session:
        from pos_app.db.database import get_meta

        assert get_meta(session, SETUP_DONE_KEY)
    assert not services.setup.needs_wizard()

    # the counter window follows, in English, asking for the admin's PIN
    from pos_app.ui import startup

    shell = startup.build_shell(services, QApplication.instance())
    try:
        shell.window.resize(1366, 768)
        shell.window.show()
        qtbot.waitExposed(shell.window)
        shell.window.start()
        assert shell.window.people is not None and shell.window.people.locked
        assert shell.window.showroom_label.text() == "Điểm bán OCOP Hoàn Kiếm"
        assert shell.window.windowTitle() == "OCOP Showroom POS"  # in English
    finally:
        shell.window.close()
        shell.shutdown()


def test_leaving_the_first_start_setup_asks_first(qtbot, themed_app, fresh_ctx, lanes,
                                                  monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from pos_app.ui.setup_wizard import SetupWizard

    wizard = SetupWizard(fresh_ctx.services, lanes, first_run=True)
    qtbot.addWidget(wizard)
    wizard.show()
    asked: list[str] = []

    def answer(box):  # "Continue the setup" first, then "Leave the setup"
        asked.append(box.text())
        wanted = (QMessageBox.ButtonRole.DestructiveRole if len(asked) == 2
                  else QMessageBox.ButtonRole.RejectRole)
        box._clicked = next(b for b in box.buttons() if box.buttonRole(b) == wanted)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box._clicked)
    assert wizard.isVisible()
    wizard.reject()
    assert len(asked) == 1, asked
    assert wizard.isVisible()
    wizard.reject()
    assert not wizard.isVisible()
    assert wizard.result() == wizard.DialogCode.Rejected
    assert fresh_ctx.services.setup.needs_wizard()  # it runs again next start


def test_settings_runs_it_again_for_admins_only(qtbot, main_window, monkeypatch):
    from PySide6.QtWidgets import QDialog, QMessageBox

    from pos_app.services.people.approval import Actor
    from pos_app.ui import setup_wizard

    screen = main_window.settings_screen
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    shown: list[object] = []
    monkeypatch.setattr(setup_wizard.SetupWizard, "exec",
                        lambda self: shown.append(self) or QDialog.DialogCode.Rejected)

    main_window.session.set_actor(Actor(user_id=1, name="Thu ngân Lan", role="cashier"))
    screen.setup_button.click()
    assert told == [QCoreApplication.translate("SetupWizard",
                                               "Only an admin can run the setup again.")]
    assert not shown

    main_window.session.set_actor(Actor(user_id=3, name="Quản trị", role="admin"))
    with qtbot.waitSignal(screen.saved):
        screen.setup_button.click()
    assert len(shown) == 1
    wizard = shown[0]
    assert wizard.first_run is False
    # not "First admin"
    assert wizard.step_names()[5] == QCoreApplication.translate("SetupWizard", "Admin")


def test_run_gui_shows_the_wizard_before_the_window_only_on_a_fresh_till(
        qapp, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from pos_app import app as app_module
    from pos_app.ui import setup_wizard, startup

    wizards: list[object] = []
    windows: list[object] = []
    monkeypatch.setattr(setup_wizard, "run_first_setup",
                        lambda services, app: wizards.append(services) or False)

    def no_window(*_args):
        windows.append(1)
        raise RuntimeError("stop here")

    monkeypatch.setattr(startup, "build_shell", no_window)
    monkeypatch.setattr(startup, "show_startup_error", lambda *a: None)

    fresh = SimpleNamespace(data_dir=str(tmp_path / "fresh"), self_check=False, demo=False,
                            lang="vi")
    assert app_module.run_gui(fresh) == 0  # the setup was left: the app ends, no window
    assert len(wizards) == 1 and not windows

    demo = SimpleNamespace(data_dir=str(tmp_path / "demo"), self_check=False, demo=True,
                           lang="vi")
    assert app_module.run_gui(demo) == 1  # the window (stubbed) comes straight away
    assert len(wizards) == 1 and windows == [1]
