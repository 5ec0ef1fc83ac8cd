"""Logging set-up: one stderr handler at MINQING_LOG_LEVEL that masks phone numbers in all it writes."""

from __future__ import annotations

import logging
import re

# Mainland mobile numbers (optionally +86) and landlines with an area code, not inside longer digit runs.
_PHONE = re.compile(r"(?<!\d)(?:(?:\+?86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")


def mask_phones(text: str) -> str:
    """Replace every phone number in the text by its first three and last two digits."""
    return _PHONE.sub(lambda match: f"{match[0][:3]}******{match[0][-2:]}", text)


class PhoneMaskingFormatter(logging.Formatter):
    """Formats a record, then masks every phone number in the result: message, arguments and traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_phones(super().format(record))


def configure_logging(level: str) -> None:
    """Log to stderr at `level`; Alembic stays at WARNING (the CLI shows its own progress)."""
    handler = logging.StreamHandler()
    handler.setFormatter(PhoneMaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.getLevelName(level)))
