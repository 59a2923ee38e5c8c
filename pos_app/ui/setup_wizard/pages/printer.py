"""Step 4: the receipt printer: one found by discovery (``io`` lane) or an address typed in,
the paper width, and a test page (may be skipped)."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtWidgets import QComboBox

from pos_app import config
from pos_app.services.printing.queue import JobInfo
from pos_app.ui.messages.settings import problem_text
from pos_app.ui.setup_wizard.pages.base import WizardPage, enable
from pos_app.ui.status_bar import printer_problem


class PrinterPage(WizardPage):
    def build(self) -> None:
        self.printer_choice = QComboBox(self.card)
        self.printer_choice.setObjectName("printerChoice")
        self.printer_choice.activated.connect(self._chosen)
        self.printer_uri = self.line(self.settings.get(config.PRINTER_URI),
                                     "tcp://192.168.1.50:9100", "printerUri")
        self.paper_width = QComboBox(self.card)
        self.paper_width.addItem("80 mm", 80)
        self.paper_width.addItem("58 mm", 58)
        self.paper_width.setCurrentIndex(max(0, self.paper_width.findData(
            self.settings.get(config.PAPER_WIDTH_MM))))
        self.row(self.tr("Printers found"), self.printer_choice)
        self.printer_note = self.row(
            self.tr("Printer address"), self.printer_uri,
            self.tr("tcp://IP:9100, usb://vendor:product, serial://COM3, win32://Printer name"))
        self.row(self.tr("Paper width"), self.paper_width)
        self.test_button, self.test_result = self.action(
            self.tr("Test print"), ("testPrint", "testPrintResult"), self.test_print)
        self.fill_printers([])
        self.discovery = self.wizard.lanes.run(
            "io", self.wizard.setup.discover_printers, on_done=self.fill_printers,
            on_error=lambda exc: self.fill_printers([]))
        """Done once discovery answered (its result then reaches the list on the GUI thread)."""
        self.first_field = self.printer_uri

    def fill_printers(self, found: list[Any]) -> None:
        self.wizard.found_printers = list(found)
        combo = self.printer_choice
        if not shiboken6.isValid(combo):
            return
        combo.clear()
        if not found:
            combo.addItem(self.tr("No USB printer or serial port found — type the address"), "")
        else:
            combo.addItem(self.tr("{n} found — choose one").format(n=len(found)), "")
            for printer in found:
                combo.addItem(f"{printer.description} — {printer.uri}", printer.uri)

    def _chosen(self, index: int) -> None:
        uri = self.printer_choice.itemData(index)
        if uri:
            self.printer_uri.setText(str(uri))

    def _uri_problem(self, uri: str) -> str | None:
        found = config.PRINTER_URI.problem(uri)
        return problem_text(found) if found else None

    def test_print(self) -> None:
        uri = self.printer_uri.text().strip()
        problem = self._uri_problem(uri) or (None if uri else self.tr("Enter the printer "
                                                                      "address first."))
        self.mark(self.printer_uri, self.printer_note, problem)
        if problem:
            return
        printing = self.wizard.printing
        self.test_button.setEnabled(False)
        self.result(self.test_result, self.tr("Printing the test page…"), "")

        def print_and_wait() -> JobInfo:
            job = printing.print_test_page(uri=uri)
            return printing.wait(job, timeout=45)

        self.wizard.lanes.run("io", print_and_wait, on_done=self._printed,
                              on_error=self._not_printed)

    def _printed(self, info: JobInfo) -> None:
        enable(self.test_button)
        status = info.status
        if status == "printed":
            self.result(self.test_result, self.tr("Printed. Check the page: every tone mark "
                                                  "should be there."), "ok")
        elif status == "failed":
            self.result(self.test_result, self.tr("The printer did not print: {problem}")
                        .format(problem=printer_problem(info.error_code)), "error")
        else:
            self.result(self.test_result, self.tr("The test page is still waiting for the "
                                                  "printer."), "")

    def _not_printed(self, exc: BaseException) -> None:
        enable(self.test_button)
        code = getattr(exc, "code", "") or type(exc).__name__
        self.result(self.test_result, self.tr("The printer did not print: {problem}")
                    .format(problem=printer_problem(code)), "error")

    def validate(self) -> bool:
        return self.mark_settings({config.PRINTER_URI: (self.printer_uri, self.printer_note)},
                                  {config.PRINTER_URI: self.printer_uri.text().strip()})

    def save(self) -> bool:
        return self.wizard.store({config.PRINTER_URI: self.printer_uri.text().strip(),
                                  config.PAPER_WIDTH_MM: int(self.paper_width.currentData())})
