"""Step 3: enrol this till with the city registry (may be skipped; enrolment runs on ``sync``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from pos_app import config
from pos_app.services.maintenance.setup import EnrollError
from pos_app.ui.messages import sync as sync_messages
from pos_app.ui.setup_wizard.pages.base import WizardPage, enable
from pos_app.ui.setup_wizard.pages.showroom import ShowroomPage


class RegistryPage(WizardPage):
    def build(self) -> None:
        url = self.settings.get(config.REGISTRY_URL)
        self.registry_url = self.line(url, "https://ocop.hanoi.gov.vn", "registryUrl")
        self.registry_token = self.line("", self.tr("From the registry's enrol-till command"),
                                        "registryToken")
        self.registry_token.setEchoMode(QLineEdit.EchoMode.Password)
        self.row(self.tr("Registry address"), self.registry_url)
        self.row(self.tr("Enrolment token"), self.registry_token,
                 self.tr("Kept in the system keyring or a private file, never in the settings "
                         "file"))
        self.enroll_button, self.enroll_result = self.action(
            self.tr("Connect"), ("enrollButton", "enrollResult"), self.enroll)
        if self.wizard.enrolled is not None:
            self.show_enrolled()
        elif url:
            self.result(self.enroll_result, self.tr("This till is already enrolled with {url}.")
                        .format(url=url), "ok")
        self.first_field = self.registry_url

    def enroll(self) -> None:
        url, token = self.registry_url.text().strip(), self.registry_token.text().strip()
        if not url or not token:
            self.result(self.enroll_result, self.tr("Enter the registry address and the token, "
                                                    "or skip this step."), "error")
            return
        button = self.enroll_button
        button.setEnabled(False)
        self.result(self.enroll_result, self.tr("Connecting to the registry…"), "")
        wizard = self.wizard
        wizard.lanes.run("sync", wizard.setup.enroll, url, token,
                         on_done=self._enrolled, on_error=self._not_enrolled)

    def _enrolled(self, result: Any) -> None:
        enable(self.enroll_button)
        self.wizard.enrolled = result
        page = self.wizard.pages.get("registry")
        if isinstance(page, RegistryPage):  # this page, or the one rebuilt in another language
            page.show_enrolled()

    def _not_enrolled(self, exc: BaseException) -> None:
        enable(self.enroll_button)
        code = exc.code if isinstance(exc, EnrollError) else "internal"
        if code == "token_not_accepted":
            reason = self.tr("the registry did not recognise the token")
        else:
            reason = sync_messages.error_text(code)
        self.result(self.enroll_result, self.tr(
            "Not connected: {reason}. Check the address and token and try again, or skip this "
            "step and enrol later.").format(reason=reason), "error")

    def show_enrolled(self) -> None:
        enrolled = self.wizard.enrolled
        self.result(self.enroll_result, self.tr("Connected: till {till} of showroom {showroom}.")
                    .format(till=enrolled.till, showroom=enrolled.showroom), "ok")
        showroom = self.wizard.pages.get("showroom")
        if isinstance(showroom, ShowroomPage):  # the registry wins
            showroom.show_codes(enrolled.showroom, enrolled.till)
