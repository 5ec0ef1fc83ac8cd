"""Logs never carry a phone number in full."""

from __future__ import annotations

import logging

import pytest

from minqing.logs import PhoneMaskingFilter, configure_logging, mask_phones


def test_phone_numbers_are_masked() -> None:
    text = (
        "来电 13812345678、+8613912345678、0731-84567890；工单 12345-20261001-000001，订单 2020123456789012"
    )
    masked = mask_phones(text)
    for phone in ("13812345678", "13912345678", "84567890"):
        assert phone not in masked
    assert "138******78" in masked
    assert "12345-20261001-000001" in masked and "2020123456789012" in masked


def test_configured_handler_masks_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO")
    try:
        logging.getLogger("minqing.test").info("callback to %s failed", "13812345678")
    finally:
        logging.basicConfig(force=True)
    assert "138******78" in capsys.readouterr().err


def test_filter_leaves_clean_records_alone() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "ticket %s", ("12345-20261001-000001",), None)
    assert PhoneMaskingFilter().filter(record)
    assert record.args == ("12345-20261001-000001",)
