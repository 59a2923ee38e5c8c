"""Step 1: the language of the screens (at the first start the wizard switches at once)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QLabel, QPushButton

from pos_app import config
from pos_app.ui.setup_wizard.pages.base import WizardPage
from pos_app.ui.theme import set_role


class LanguagePage(WizardPage):
    def build(self) -> None:
        self.card.hide()  # two big buttons, no form
        self.body.setContentsMargins(0, 10, 0, 0)
        self.body.setSpacing(16)
        row = QHBoxLayout()
        row.setSpacing(18)
        self.language_group = QButtonGroup(self)
        self.vi_button = QPushButton(self)
        self.en_button = QPushButton(self)
        chosen = self.wizard.language
        for button, lang in ((self.vi_button, "vi"), (self.en_button, "en")):
            button.setObjectName("languageChoice")
            button.setCheckable(True)
            button.setProperty("lang", lang)
            button.setMinimumHeight(96)
            self.language_group.addButton(button)
            row.addWidget(button)
            button.setChecked(lang == chosen)
        row.addStretch(1)
        self.language_group.buttonClicked.connect(self._clicked)
        self.body.addLayout(row)
        self.language_note = set_role(QLabel(self), "muted")
        self.language_note.setWordWrap(True)
        self.body.addWidget(self.language_note)
        self.first_field = self.vi_button if chosen == "vi" else self.en_button

    def _clicked(self, button: QAbstractButton) -> None:
        self.wizard.choose_language(str(button.property("lang")))

    def show_choice(self, lang: str) -> None:
        self.vi_button.setChecked(lang == "vi")
        self.en_button.setChecked(lang == "en")

    def retranslate(self) -> None:
        self.vi_button.setText("Tiếng Việt\n" + self.tr("Vietnamese"))
        self.en_button.setText("English\n" + self.tr("English (the second language)"))
        self.language_note.setText(
            "" if self.wizard.first_run else self.tr("The new language applies the next time "
                                                     "the app starts."))

    def save(self) -> bool:
        return self.wizard.store({config.LANGUAGE: self.wizard.language})
