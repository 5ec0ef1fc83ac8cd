"""Every action from every status: the legal ones lead where ARCHITECTURE.md says, the rest are refused."""

from __future__ import annotations

import pytest

from dispatch.enums import TicketStatus as S
from dispatch.errors import IllegalTransition
from dispatch.lifecycle import Action as A  # noqa: N817
from dispatch.lifecycle import next_status

UNCHANGED = None
# (action, from status) → status after; written out by hand from the lifecycle in ARCHITECTURE.md.
LEGAL: dict[tuple[A, S], S | None] = {
    (A.DISPATCH, S.RECEIVED): S.DISPATCHED,
    (A.DISPATCH, S.RETURNED): S.DISPATCHED,
    (A.ACCEPT, S.DISPATCHED): S.ACCEPTED,
    (A.START, S.ACCEPTED): S.IN_PROGRESS,
    (A.RETURN, S.DISPATCHED): S.RETURNED,
    (A.RETURN, S.ACCEPTED): S.RETURNED,
    (A.REASSIGN, S.DISPATCHED): S.DISPATCHED,
    (A.REASSIGN, S.ACCEPTED): S.DISPATCHED,
    (A.REASSIGN, S.IN_PROGRESS): S.DISPATCHED,
    (A.REQUEST_EXTENSION, S.ACCEPTED): UNCHANGED,
    (A.REQUEST_EXTENSION, S.IN_PROGRESS): UNCHANGED,
    (A.APPROVE_EXTENSION, S.ACCEPTED): UNCHANGED,
    (A.APPROVE_EXTENSION, S.IN_PROGRESS): UNCHANGED,
    (A.APPROVE_EXTENSION, S.SUSPENDED): UNCHANGED,
    (A.REFUSE_EXTENSION, S.ACCEPTED): UNCHANGED,
    (A.REFUSE_EXTENSION, S.IN_PROGRESS): UNCHANGED,
    (A.REFUSE_EXTENSION, S.SUSPENDED): UNCHANGED,
    (A.SUSPEND, S.ACCEPTED): S.SUSPENDED,
    (A.SUSPEND, S.IN_PROGRESS): S.SUSPENDED,
    (A.RESUME, S.SUSPENDED): UNCHANGED,
    (A.RESOLVE, S.ACCEPTED): S.RESOLVED,
    (A.RESOLVE, S.IN_PROGRESS): S.RESOLVED,
    (A.REPLY, S.RESOLVED): S.REPLIED,
    (A.RATE, S.REPLIED): S.RATED,
    (A.REOPEN, S.RESOLVED): S.DISPATCHED,
    (A.REOPEN, S.REPLIED): S.DISPATCHED,
    (A.REOPEN, S.RATED): S.DISPATCHED,
    (A.CLOSE, S.REPLIED): S.CLOSED,
    (A.CLOSE, S.RATED): S.CLOSED,
    **{
        (A.MERGE, s): S.MERGED
        for s in (S.RECEIVED, S.DISPATCHED, S.ACCEPTED, S.IN_PROGRESS, S.RETURNED, S.SUSPENDED)
    },
}
ALL_PAIRS = [(action, status) for action in A if action is not A.RECEIVE for status in S]


@pytest.mark.parametrize(("action", "status"), [pair for pair in ALL_PAIRS if pair in LEGAL])
def test_legal_transition(action: A, status: S) -> None:
    assert next_status(action, status) == LEGAL[(action, status)]


@pytest.mark.parametrize(("action", "status"), [pair for pair in ALL_PAIRS if pair not in LEGAL])
def test_illegal_transition_is_refused_with_a_clear_message(action: A, status: S) -> None:
    with pytest.raises(IllegalTransition) as refused:
        next_status(action, status)
    assert status.label in str(refused.value)
    assert action.label in str(refused.value)


def test_receive_is_intake_only() -> None:
    for status in S:
        with pytest.raises(IllegalTransition):
            next_status(A.RECEIVE, status)


def test_final_states_allow_nothing() -> None:
    for final in (S.CLOSED, S.MERGED):
        assert not [action for action in A if (action, final) in LEGAL]
