"""Logs never carry a phone number in full."""

from __future__ import annotations

import logging

import pytest

from minqing.logs import PhoneMaskingFormatter, configure_logging, mask_phones


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


def test_a_traceback_is_masked_too(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("INFO")
    try:
        try:
            raise ConnectionError("call-back to 13812345678 refused")
        except ConnectionError:
            logging.getLogger("minqing.test").exception("outbox send failed")
    finally:
        logging.basicConfig(force=True)
    output = capsys.readouterr().err
    assert "ConnectionError: call-back to 138******78 refused" in output
    assert "13812345678" not in output


def test_ticket_numbers_and_ids_are_left_alone() -> None:
    formatter = PhoneMaskingFormatter("%(message)s")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "ticket %s", ("12345-20261001-000001",), None)
    assert formatter.format(record) == "ticket 12345-20261001-000001"
