"""The setup wizard's registry step against the real registry process: the same enrolment as
``ocop-pos-admin enroll`` (token checked, kept out of settings.json, the registry's codes win),
run on the sync lane, and the running sync service talks to the registry at once."""

from __future__ import annotations

import json

import pytest

from pos_app import config

pytest.importorskip("pytestqt")


def test_the_wizard_enrols_the_till_on_the_sync_lane(registry, tmp_path, qtbot, qapp):
    from pos_app.app import open_context
    from pos_app.ui.setup_wizard import SetupWizard
    from pos_app.ui.tasks import Lanes

    lanes = Lanes()
    with open_context(tmp_path / "till") as ctx:
        ctx.settings.set(config.TOKEN_STORE, "file")
        wizard = SetupWizard(ctx.services, lanes, first_run=True)
        wizard.setProperty("closeWithoutAsking", True)
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.show_page(1)
        wizard.show_page(2)
        assert ctx.services.sync is not None and ctx.services.sync.transport is None

        wizard.page("registry").registry_url.setText(registry.url)
        wizard.page("registry").registry_token.setText("not-a-token")
        wizard.page("registry").enroll_button.click()
        result = wizard.page("registry").enroll_result
        qtbot.waitUntil(lambda: result.property("role") == "error", timeout=30_000)
        assert ctx.settings.get(config.REGISTRY_URL) == ""

        wizard.page("registry").registry_token.setText(registry.tokens["Q02"])
        wizard.page("registry").enroll_button.click()
        qtbot.waitUntil(lambda: result.property("role") == "ok", timeout=30_000)
        assert "Q02" in result.text() and "HN01" in result.text()
        assert ctx.settings.get(config.REGISTRY_URL) == registry.url
        assert (ctx.settings.get(config.SHOWROOM_CODE), ctx.settings.get(config.TILL_CODE)) \
            == ("HN01", "Q02")
        # the showroom page shows the registry's codes
        assert wizard.page("showroom").till_code.text() == "Q02"
        stored = json.loads(ctx.settings.paths.settings_file.read_text(encoding="utf-8"))
        assert registry.tokens["Q02"] not in json.dumps(stored)
        assert ctx.services.sync.transport is not None  # the pump can start with the window
        assert ctx.services.sync.transport.health().till == "Q02"
        wizard.close()
    lanes.shutdown()
