"""Screenshot scenes of the setup wizard, one per step. Scenes never write: pages are shown
with sample values typed in, never confirmed (nothing is saved, nobody is created)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from pos_app.ui.screenshots import SceneContext, register_scene
from pos_app.ui.setup_wizard.wizard import STEPS, SetupWizard, tr


def _wizard(ctx: SceneContext, step: str) -> QWidget:
    wizard = SetupWizard(ctx.services, ctx.lanes, first_run=True)
    wizard.setProperty("closeWithoutAsking", True)
    wizard.resize(1120, 700)
    index = STEPS.index(step)
    for earlier in range(index + 1):  # build the pages on the way, as a user would see them
        wizard.show_page(earlier)
    if step == "registry":
        wizard.registry_url.setText("https://ocop.hanoi.example")
        wizard.registry_token.setText("sample-token")
        wizard._result(wizard.enroll_result, tr("Connected: till {till} of showroom {showroom}.")
                       .format(till="Q01", showroom="HN01"), "ok")
    elif step == "printer":
        wizard.printer_uri.setText("tcp://192.168.1.50:9100")
    elif step == "scanner":
        wizard.on_scanned("8930000000040")
    elif step == "admin":
        wizard.admin_name.setText("Nguyễn Văn An")
        wizard.admin_pin.setText("2468")
        wizard.admin_again.setText("2468")
    wizard.show()
    ctx.settle(200)
    return wizard


def _scene(step: str):  # type: ignore[no-untyped-def]
    return lambda ctx: _wizard(ctx, step)


for _i, _step in enumerate(STEPS):
    register_scene(f"setup-{_i + 1}-{_step}", _scene(_step), order=950 + _i)
