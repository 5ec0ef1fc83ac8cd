"""Domain errors: each carries a message fit to show the person who caused it."""

from __future__ import annotations


class DispatchError(Exception):
    """Base of every error the dispatch domain raises on purpose."""

    code = "dispatch_error"


class InvalidInput(DispatchError):
    """The request is malformed or misses something required."""

    code = "invalid_input"


class NotFound(DispatchError):
    """The named ticket, unit, person or category does not exist."""

    code = "not_found"


class IllegalTransition(DispatchError):
    """The action is not allowed from the ticket's current status."""

    code = "illegal_transition"


class PermissionDenied(DispatchError):
    """The actor may not do this to this ticket."""

    code = "permission_denied"
