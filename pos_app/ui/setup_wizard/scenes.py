"""Screenshot scenes of the setup wizard, one per step. Scenes never write: pages are shown
with sample values typed in, never confirmed (nothing is saved, nobody is created)."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

from PySide6.QtWidgets import QWidget

from pos_app.ui.screenshots import SceneContext, register_scene
from pos_app.ui.setup_wizard.pages import AdminPage, PrinterPage, RegistryPage, ScannerPage
from pos_app.ui.setup_wizard.wizard import STEPS, SetupWizard


def _wizard(ctx: SceneContext, step: str) -> QWidget:
    wizard = SetupWizard(ctx.services, ctx.lanes, first_run=True)
    wizard.setProperty("closeWithoutAsking", True)
    wizard.resize(min(1120, ctx.size.width()), min(700, ctx.size.height()))
    index = STEPS.index(step)
    for earlier in range(index + 1):  # build the pages on the way, as a user would see them
        wizard.show_page(earlier)
    page = wizard.page(step)
    if isinstance(page, RegistryPage):
        page.registry_url.setText("https://ocop.hanoi.example")
        page.registry_token.setText("sample-token")
        wizard.enrolled = SimpleNamespace(till="Q01", showroom="HN01")  # as if it had answered
        page.show_enrolled()
    elif isinstance(page, PrinterPage):
        page.printer_uri.setText("tcp://192.168.1.50:9100")
        ctx.wait_until(page.discovery.done)  # the list shows what this machine offers
    elif isinstance(page, ScannerPage):
        wizard.on_scanned("8930000000040")
    elif isinstance(page, AdminPage):
        page.admin_name.setText("Nguyễn Văn An")
        page.admin_pin.setText("2468")
        page.admin_again.setText("2468")
    wizard.show()
    ctx.settle(200)
    return wizard


def _scene(step: str) -> Callable[[SceneContext], QWidget]:
    return lambda ctx: _wizard(ctx, step)


for _i, _step in enumerate(STEPS):
    register_scene(f"setup-{_i + 1}-{_step}", _scene(_step), order=950 + _i)
