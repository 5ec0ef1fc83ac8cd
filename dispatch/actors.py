"""Who acts on a ticket, and what each kind of actor may do."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from dispatch.enums import Role
from dispatch.errors import PermissionDenied
from dispatch.lifecycle import Action


class ActorKind(StrEnum):
    """The three sorts of actor."""

    PERSON = "person"  # an official with a role in a unit
    SYSTEM = "system"  # the service itself (intake, scheduled jobs)
    CITIZEN = "citizen"  # the submitter, through their channel


@dataclass(frozen=True, slots=True)
class Actor:
    """The one doing something; `label` is what the audit trail shows."""

    kind: ActorKind
    label: str
    role: Role | None = None
    person_id: int | None = None
    unit_id: int | None = None
    submitter_ref: str | None = None

    @classmethod
    def system(cls, label: str = "系统") -> Actor:
        """The service acting on its own."""
        return cls(ActorKind.SYSTEM, label)

    @classmethod
    def citizen(cls, submitter_ref: str, label: str = "市民") -> Actor:
        """A submitter acting on their own petition."""
        return cls(ActorKind.CITIZEN, label, submitter_ref=submitter_ref)

    @classmethod
    def person(cls, person_id: int, name: str, role: Role, unit_id: int) -> Actor:
        """An official."""
        return cls(ActorKind.PERSON, name, role=role, person_id=person_id, unit_id=unit_id)


DISPATCHER_ACTIONS = frozenset(
    {
        Action.DISPATCH,
        Action.REASSIGN,
        Action.APPROVE_EXTENSION,
        Action.REFUSE_EXTENSION,
        Action.REPLY,
        Action.REOPEN,
        Action.CLOSE,
        Action.MERGE,
    }
)
UNIT_ACTIONS = frozenset(
    {
        Action.ACCEPT,
        Action.START,
        Action.RETURN,
        Action.REQUEST_EXTENSION,
        Action.SUSPEND,
        Action.RESUME,
        Action.RESOLVE,
    }
)
CITIZEN_ACTIONS = frozenset({Action.RATE})


def check_action(
    actor: Actor,
    action: Action,
    ticket_unit_chain: Collection[int],
    ticket_unit_id: int,
    submitter_ref: str | None,
) -> None:
    """Raise PermissionDenied unless `actor` may do `action` to a ticket held by `ticket_unit_id`.

    `ticket_unit_chain` is the ticket's unit and every unit above it.
    """
    if actor.kind is ActorKind.SYSTEM:
        return
    if actor.kind is ActorKind.CITIZEN:
        if action in CITIZEN_ACTIONS and submitter_ref is not None and actor.submitter_ref == submitter_ref:
            return
        raise PermissionDenied(f"市民只能评价自己的诉求，不能{action.label}")
    if actor.role is Role.DISPATCHER and action in DISPATCHER_ACTIONS:
        return
    if action in UNIT_ACTIONS and _works_for(actor, ticket_unit_chain, ticket_unit_id):
        return
    raise PermissionDenied(f"{actor.label}（{_role_label(actor.role)}）无权对此工单{action.label}")


def can_read(actor: Actor, ticket_unit_chain: Collection[int], ticket_unit_id: int) -> bool:
    """Dispatchers and leaders read everything; a unit's people read the tickets their unit holds."""
    if actor.kind is ActorKind.SYSTEM or actor.role in (Role.DISPATCHER, Role.LEADER):
        return True
    return _works_for(actor, ticket_unit_chain, ticket_unit_id)


def _works_for(actor: Actor, ticket_unit_chain: Collection[int], ticket_unit_id: int) -> bool:
    if actor.unit_id is None or actor.role is Role.LEADER:
        return False
    if actor.unit_id == ticket_unit_id:
        return True
    return actor.role is Role.HEAD and actor.unit_id in ticket_unit_chain


ROLE_LABELS = {
    Role.DISPATCHER: "派单员",
    Role.HANDLER: "承办人",
    Role.HEAD: "单位负责人",
    Role.LEADER: "领导",
}


def _role_label(role: Role | None) -> str:
    return ROLE_LABELS[role] if role else "无角色"
