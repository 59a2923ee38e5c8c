"""Step 6: the first admin (at a re-run: another admin, or nothing when the fields stay empty)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from pos_app.services.people.users import UserError
from pos_app.ui.messages import people as people_messages
from pos_app.ui.setup_wizard.pages.base import WizardPage
from pos_app.ui.theme import set_state


class AdminPage(WizardPage):
    def build(self) -> None:
        first_run = self.wizard.first_run
        self.admin_name = self.line("", self.tr("e.g. Nguyễn Văn An"), "adminName")
        self.admin_login = self.line("admin" if first_run else "", "admin", "adminLogin")
        self.admin_pin = self.line("", self.tr("4–8 digits"), "adminPin")
        self.admin_again = self.line("", self.tr("The same PIN again"), "adminPinAgain")
        for edit in (self.admin_pin, self.admin_again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_note = self.row(self.tr("Name"), self.admin_name)
        self.row(self.tr("Login"), self.admin_login, self.tr("Letters, digits and dots"))
        self.row(self.tr("PIN"), self.admin_pin)
        self.admin_pin_note = self.row(self.tr("PIN again"), self.admin_again)
        if self.wizard.admin_created is not None:
            self._done()
        self.first_field = self.admin_name

    def _done(self) -> None:
        admin = self.wizard.admin_created
        self.admin_note.setText(self.tr("{name} is the admin (login {login}).").format(
            name=admin.name, login=admin.login))
        self.admin_note.setVisible(True)
        set_state(self.admin_note, "role", "ok")
        for edit in (self.admin_name, self.admin_login, self.admin_pin, self.admin_again):
            edit.setEnabled(False)

    def _nothing_to_do(self) -> bool:
        if self.wizard.admin_created is not None:
            return True
        # a re-run with the fields left empty: the users stay as they are
        return (not self.wizard.first_run and not self.admin_name.text().strip()
                and not self.admin_pin.text())

    def validate(self) -> bool:
        if self._nothing_to_do():
            return True
        differ = self.admin_pin.text() != self.admin_again.text()
        self.mark(self.admin_again, self.admin_pin_note,
                  self.tr("The two PINs differ.") if differ else None)
        if differ:
            self.admin_again.setFocus()
        return not differ

    def save(self) -> bool:
        if self._nothing_to_do():
            return True
        try:
            self.wizard.admin_created = self.wizard.users.create(
                login=self.admin_login.text().strip(), name=self.admin_name.text().strip(),
                role="admin", secret=self.admin_pin.text())
        except UserError as exc:
            self.wizard.say(people_messages.user_error(exc.code, exc.info), "error")
            return False
        self._done()
        return True
