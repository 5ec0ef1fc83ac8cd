"""Masked display of a submitter's reference (phone, e-mail, openid), for screens and logs."""

from __future__ import annotations

import re

_PHONE = re.compile(r"^\+?\d{7,15}$")


def mask_submitter(ref: str | None) -> str:
    """Show enough to recognise a submitter, never the whole phone number, address or id."""
    if not ref:
        return "匿名"
    if _PHONE.match(ref):
        return f"{ref[:3]}****{ref[-4:]}" if len(ref) >= 11 else f"{ref[:2]}***{ref[-2:]}"
    if "@" in ref:
        local, _, domain = ref.partition("@")
        return f"{local[:1]}***@{domain}"
    if len(ref) <= 4:
        return "*" * len(ref)
    return f"{ref[:4]}***{ref[-3:]}"


def mask_name(name: str | None) -> str:
    """张三丰 → 张**."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)
