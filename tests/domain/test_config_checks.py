"""Each setting carries its own rules (``Setting.problem``), and ``config.problems`` is the one
check the setup wizard and the settings screen ask: the rule of a value lives in one place."""

from __future__ import annotations

import pytest

from pos_app import config
from pos_app.config import Problem


@pytest.mark.parametrize(("setting", "value", "code"), [
    (config.SHOWROOM_NAME, "", "required"),
    (config.SHOWROOM_NAME, "x" * 121, "too_long"),
    (config.SHOWROOM_ADDRESS, "x" * 121, "too_long"),
    (config.SHOWROOM_TAX_CODE, "12345", "pattern"),
    (config.SHOWROOM_TAX_CODE, "0101234567-01", "pattern"),
    (config.SHOWROOM_CODE, "hn01", "pattern"),
    (config.TILL_CODE, "Q 1", "pattern"),
    (config.TILL_CODE, "", "required"),
    (config.TILL_CODE, "Q123456789", "pattern"),
    (config.PRINTER_URI, "192.168.1.5:9100", "scheme"),
    (config.PRINTER_URI, "ftp://x", "scheme"),
    (config.PRINTER_URI, "tcp://", "scheme"),
    (config.BANK_BIN, "97043", "pattern"),
    (config.BANK_ACCOUNT, "12 34", "pattern"),
    (config.BANK_ACCOUNT_NAME, "Nguyễn Văn An", "pattern"),
    (config.SCANNER_PREFIX, "123456789", "too_long"),
    (config.SCANNER_MAX_GAP_MS, 4, "too_small"),
    (config.SCANNER_MAX_GAP_MS, 201, "too_large"),
    (config.CERT_EXPIRY_WARNING_DAYS, 366, "too_large"),
    (config.PAPER_WIDTH_MM, 70, "invalid"),
    (config.LANGUAGE, "fr", "invalid"),
    (config.SCANNER_MIN_LENGTH, "six", "invalid"),
])
def test_a_wrong_value_is_named_by_its_rule(setting, value, code):
    problem = setting.problem(value)
    assert problem is not None and (problem.key, problem.code) == (setting.key, code)
    assert config.problems({setting.key: value})[setting.key] == problem


@pytest.mark.parametrize(("setting", "value"), [
    (config.SHOWROOM_NAME, "Điểm bán OCOP Hoàn Kiếm"),
    (config.SHOWROOM_TAX_CODE, ""),
    (config.SHOWROOM_TAX_CODE, "0101234567"),
    (config.SHOWROOM_TAX_CODE, "0101234567-001"),
    (config.TILL_CODE, "Q01"),
    (config.PRINTER_URI, ""),
    (config.PRINTER_URI, "TCP://192.168.1.50:9100"),
    (config.PRINTER_URI, "win32://EPSON TM-T82"),
    (config.BANK_BIN, "970436"),
    (config.BANK_ACCOUNT_NAME, "CONG TY OCOP HA NOI"),
    (config.SCANNER_MAX_GAP_MS, 5),
    (config.SCANNER_MAX_GAP_MS, "200"),
    (config.PAPER_WIDTH_MM, 58),
])
def test_a_right_value_passes(setting, value):
    assert setting.problem(value) is None


def test_every_default_passes_its_own_rules():
    assert config.problems({s.key: s.default for s in config.SETTINGS.values()}) == {}


def test_limits_travel_with_the_problem():
    assert config.SHOWROOM_NAME.problem("x" * 121) == Problem("showroom_name", "too_long", 120)
    assert config.SCANNER_MIN_LENGTH.problem(0) == Problem("scanner_min_length", "too_small", 1)


def test_the_bank_details_are_filled_in_together_or_not_at_all():
    keys = (config.BANK_BIN.key, config.BANK_ACCOUNT.key, config.BANK_ACCOUNT_NAME.key)
    assert config.problems(dict.fromkeys(keys, "")) == {}
    found = config.problems(dict(zip(keys, ("970436", "", ""), strict=True)))
    assert {k: p.code for k, p in found.items()} == {keys[1]: "together", keys[2]: "together"}
    # a value's own problem wins over the group's
    found = config.problems(dict(zip(keys, ("97", "", "AN"), strict=True)))
    assert {k: p.code for k, p in found.items()} == {keys[0]: "pattern", keys[1]: "together"}
