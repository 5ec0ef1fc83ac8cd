"""The lifecycle service: the only code that changes a ticket after intake."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from dispatch import messages
from dispatch.actors import Actor, check_action
from dispatch.calendar import WorkCalendar
from dispatch.database import Database
from dispatch.directory import Directory, DirectoryCache
from dispatch.enums import OPEN_STATUSES, MessageKind, TicketStatus
from dispatch.errors import IllegalTransition, InvalidInput, NotFound
from dispatch.lifecycle import Action, next_status
from dispatch.models import Category, CategoryCorrection, Ticket
from dispatch.outbox import to_staff, to_submitter
from dispatch.records import announce_to_unit, clock_of, record_event, store_clock
from nlp_classifier.types import Urgency

MAX_NOTE = 2_000
MAX_EXTENSION_MINUTES = 30 * 480


@dataclass(frozen=True, slots=True)
class Command:
    """An action on a ticket with what that action needs."""

    action: Action
    note: str = ""
    unit: str | None = None  # dispatch / reassign: the unit code to hand the ticket to
    category: str | None = None  # dispatch: the corrected category code
    minutes: int | None = None  # request_extension: working minutes asked for
    result: str | None = None  # resolve / reply: the result told to the submitter
    rating: int | None = None  # rate: 1 (very unsatisfied) … 5 (very satisfied)
    into: str | None = None  # merge: the number of the ticket this one joins


class Lifecycle:
    """Applies commands to tickets under the transition table, with permissions, audit trail and outbox."""

    def __init__(
        self,
        database: Database,
        directory: DirectoryCache,
        calendar: WorkCalendar,
        timezone: ZoneInfo,
        now: Callable[[], datetime],
        *,
        auto_reply: bool = True,
    ) -> None:
        self._database = database
        self._directory = directory
        self.calendar = calendar
        self.timezone = timezone
        self._now = now
        self._auto_reply = auto_reply

    async def act(self, number: str, command: Command, actor: Actor) -> None:
        """Apply `command` to ticket `number` as `actor`, all in one transaction."""
        _validate(command)
        directory = await self._directory.get()
        async with self._database.transaction() as session:
            if command.action is Action.MERGE and command.into:
                await _lock_in_id_order(session, [number, command.into])
            ticket = await _load_for_update(session, number)
            check_action(
                actor,
                command.action,
                directory.chain(ticket.unit_id),
                ticket.unit_id,
                ticket.petition.submitter_ref,
            )
            step = _Step(session, ticket, directory, self, actor, self._now())
            await step.apply(command)
            if command.action is Action.RESOLVE and self._auto_reply:
                await _Step(session, ticket, directory, self, Actor.system("自动回复"), step.now).apply(
                    Command(Action.REPLY)
                )


class _Step:
    """One action applied to one loaded ticket inside an open transaction."""

    def __init__(
        self,
        session: AsyncSession,
        ticket: Ticket,
        directory: Directory,
        lifecycle: Lifecycle,
        actor: Actor,
        now: datetime,
    ) -> None:
        self.session = session
        self.ticket = ticket
        self.directory = directory
        self.lifecycle = lifecycle
        self.calendar = lifecycle.calendar
        self.actor = actor
        self.now = now

    async def apply(self, command: Command) -> None:
        ticket = self.ticket
        before = TicketStatus(ticket.status)
        target = next_status(command.action, before)
        handler = getattr(self, f"_{command.action.value}")
        note: str = await handler(command) or command.note
        if command.action is Action.RESUME:
            target = TicketStatus(ticket.status_before_suspension or TicketStatus.IN_PROGRESS)
            ticket.status_before_suspension = None
        if target is not None:
            ticket.status = target.value
        ticket.updated_at = self.now
        record_event(
            self.session,
            ticket,
            command.action,
            self.actor,
            from_status=before,
            now=self.now,
            note=note,
            data=_event_data(command),
        )

    # -- one method per action; each may return the note for the audit trail --

    async def _dispatch(self, command: Command) -> str:
        if command.category:
            await self._correct_category(command.category)
        if command.unit:
            unit_id = self.directory.unit_by_code(command.unit).id
            reason = command.note
        else:
            category = self.ticket.category
            if category is None:
                raise InvalidInput("分拨需要指定承办单位（unit）或分类（category）")
            area = self.directory.units.get(self.ticket.area_unit_id) if self.ticket.area_unit_id else None
            route = self.directory.route(category.code, area)
            if route is None:
                raise InvalidInput(f"「{category.code}」没有匹配的分拨规则，请指定承办单位")
            unit_id, reason = route.unit_id, route.reason
        self._hand_to(unit_id)
        self.ticket.needs_triage = False
        return reason or command.note

    async def _reassign(self, command: Command) -> None:
        assert command.unit is not None
        unit_id = self.directory.unit_by_code(command.unit).id
        if unit_id == self.ticket.unit_id:
            raise InvalidInput("改派的目标单位与当前承办单位相同")
        self._hand_to(unit_id)

    async def _accept(self, command: Command) -> None:
        return None

    async def _start(self, command: Command) -> None:
        return None

    async def _return(self, command: Command) -> None:
        unit_name = self.directory.units[self.ticket.unit_id].name
        self.ticket.unit_id = self.directory.centre_id
        self.ticket.pending_extension_minutes = None
        to_staff(
            self.session,
            self.directory.recipients(self.directory.centre_id),
            kind=MessageKind.RETURNED,
            body=messages.returned(self.ticket.number, unit_name, command.note),
            now=self.now,
            ticket_id=self.ticket.id,
        )

    async def _request_extension(self, command: Command) -> None:
        assert command.minutes is not None
        if self.ticket.pending_extension_minutes is not None:
            raise IllegalTransition("已有待审批的延期申请")
        self.ticket.pending_extension_minutes = command.minutes
        to_staff(
            self.session,
            self.directory.recipients(self.directory.centre_id),
            kind=MessageKind.EXTENSION_REQUEST,
            body=messages.extension_requested(
                self.ticket.number,
                self.directory.units[self.ticket.unit_id].name,
                messages.working_days(command.minutes, self.calendar.minutes_per_working_day),
                command.note,
            ),
            now=self.now,
            ticket_id=self.ticket.id,
        )

    async def _approve_extension(self, command: Command) -> str:
        minutes = self._take_pending_extension()
        store_clock(self.ticket, clock_of(self.ticket).extend(minutes), self.calendar)
        self._tell_unit_extension(approved=True)
        granted = messages.working_days(minutes, self.calendar.minutes_per_working_day)
        return f"延期 {granted}" + (f"：{command.note}" if command.note else "")

    async def _refuse_extension(self, command: Command) -> None:
        self._take_pending_extension()
        self._tell_unit_extension(approved=False)

    async def _suspend(self, command: Command) -> None:
        self.ticket.status_before_suspension = self.ticket.status
        store_clock(self.ticket, clock_of(self.ticket).pause(self.now, self.calendar), self.calendar)

    async def _resume(self, command: Command) -> None:
        store_clock(self.ticket, clock_of(self.ticket).resume(self.now), self.calendar)

    async def _resolve(self, command: Command) -> None:
        self.ticket.result = command.result
        self.ticket.pending_extension_minutes = None
        self._stop_clock()

    async def _reply(self, command: Command) -> None:
        text = command.result or self.ticket.result or ""
        if command.result:
            self.ticket.result = command.result
        for ticket in [self.ticket, *await self._merged_into_this()]:
            to_submitter(
                self.session,
                ticket.petition,
                kind=MessageKind.RESULT,
                body=messages.result(ticket.number, text),
                now=self.now,
                ticket_id=ticket.id,
                dedup_key=f"result:{ticket.id}:{self.ticket.reopen_count}",
            )

    async def _rate(self, command: Command) -> None:
        self.ticket.rating = command.rating

    async def _reopen(self, command: Command) -> None:
        ticket = self.ticket
        ticket.reopen_count += 1
        ticket.result = None
        ticket.rating = None
        store_clock(ticket, clock_of(ticket).restart(self._base_limit(), self.now), self.calendar)
        to_staff(
            self.session,
            self.directory.recipients(ticket.unit_id),
            kind=MessageKind.REOPENED,
            body=messages.reopened(
                ticket.number,
                ticket.petition.title,
                self._due(),
            ),
            now=self.now,
            ticket_id=ticket.id,
        )

    async def _close(self, command: Command) -> None:
        return None

    async def _merge(self, command: Command) -> str:
        assert command.into is not None
        master = await _load_for_update(self.session, command.into)
        if master.id == self.ticket.id:
            raise InvalidInput("不能把工单合并到它自己")
        if TicketStatus(master.status) not in OPEN_STATUSES:
            raise IllegalTransition(
                f"工单 {master.number} 状态为「{TicketStatus(master.status).label}」，只能并入办理中的工单"
            )
        self.ticket.merged_into_id = master.id
        await self.session.execute(
            update(Ticket).where(Ticket.merged_into_id == self.ticket.id).values(merged_into_id=master.id)
        )
        self.ticket.pending_extension_minutes = None
        self.ticket.status_before_suspension = None
        self._stop_clock()
        to_submitter(
            self.session,
            self.ticket.petition,
            kind=MessageKind.MERGED,
            body=messages.merged(self.ticket.number, master.number),
            now=self.now,
            ticket_id=self.ticket.id,
        )
        return f"并入 {master.number}" + (f"：{command.note}" if command.note else "")

    # -- shared pieces --

    def _hand_to(self, unit_id: int) -> None:
        ticket = self.ticket
        ticket.unit_id = unit_id
        ticket.pending_extension_minutes = None  # the new unit asks for its own time, if it needs any
        announce_to_unit(self.session, self.directory, ticket, self.lifecycle.timezone, self.now)

    def _due(self) -> str:
        return messages.due_text(self.ticket.due_at, self.lifecycle.timezone)

    def _stop_clock(self) -> None:
        """Bank the time used so far; a clock already paused (a suspended ticket) stays as it is."""
        clock = clock_of(self.ticket)
        if clock.started_at is not None:
            store_clock(self.ticket, clock.pause(self.now, self.calendar), self.calendar)

    async def _correct_category(self, code: str) -> None:
        category = self.directory.category(code)
        ticket = self.ticket
        if ticket.category_id == category.id:
            return
        self.session.add(
            CategoryCorrection(
                ticket_id=ticket.id,
                title=ticket.petition.title,
                text=ticket.petition.text,
                predicted=ticket.category.code if ticket.category else None,
                corrected=category.code,
                at=self.now,
            )
        )
        granted = ticket.limit_minutes - self._base_limit()  # approved extensions stay granted
        # The directory's Category is shared across sessions; the ticket gets this session's own row.
        ticket.category = await self.session.get_one(Category, category.id)
        ticket.category_id = category.id
        limit = self._base_limit() + max(granted, 0)
        store_clock(ticket, replace(clock_of(ticket), limit_minutes=limit), self.calendar)

    def _base_limit(self) -> int:
        code = self.ticket.category.code if self.ticket.category else ""
        return self.directory.time_limit(code, Urgency(self.ticket.urgency))[0]

    def _take_pending_extension(self) -> int:
        minutes = self.ticket.pending_extension_minutes
        if minutes is None:
            raise IllegalTransition("没有待审批的延期申请")
        self.ticket.pending_extension_minutes = None
        return minutes

    def _tell_unit_extension(self, *, approved: bool) -> None:
        to_staff(
            self.session,
            self.directory.recipients(self.ticket.unit_id),
            kind=MessageKind.EXTENSION_DECISION,
            body=messages.extension_decided(self.ticket.number, approved, self._due()),
            now=self.now,
            ticket_id=self.ticket.id,
        )

    async def _merged_into_this(self) -> list[Ticket]:
        rows = await self.session.scalars(select(Ticket).where(Ticket.merged_into_id == self.ticket.id))
        return list(rows)


REQUIREMENTS: dict[Action, tuple[str, str]] = {
    Action.RETURN: ("note", "退单必须填写理由"),
    Action.SUSPEND: ("note", "挂起必须填写理由"),
    Action.REQUEST_EXTENSION: ("note", "申请延期必须填写理由"),
    Action.RESOLVE: ("result", "办结必须填写办理结果"),
    Action.REASSIGN: ("unit", "改派必须指定承办单位"),
    Action.MERGE: ("into", "合并必须指定主工单号"),
    Action.RATE: ("rating", "评价必须给出 1-5 分"),
}


def _validate(command: Command) -> None:
    requirement = REQUIREMENTS.get(command.action)
    if requirement is not None:
        name, message = requirement
        value = getattr(command, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InvalidInput(message)
    if len(command.note) > MAX_NOTE or len(command.result or "") > MAX_NOTE * 5:
        raise InvalidInput("说明或办理结果过长")
    if command.action is Action.REQUEST_EXTENSION and not (
        command.minutes is not None and 0 < command.minutes <= MAX_EXTENSION_MINUTES
    ):
        raise InvalidInput(f"延期时长必须在 1 到 {MAX_EXTENSION_MINUTES} 个工作分钟之间")
    if command.action is Action.RATE and command.rating not in range(1, 6):
        raise InvalidInput("评价必须给出 1-5 分")


def _event_data(command: Command) -> dict[str, object]:
    fields = {
        "unit": command.unit,
        "category": command.category,
        "minutes": command.minutes,
        "result": command.result,
        "rating": command.rating,
        "into": command.into,
    }
    return {name: value for name, value in fields.items() if value is not None}


async def _load_for_update(session: AsyncSession, number: str) -> Ticket:
    ticket = await session.scalar(select(Ticket).where(Ticket.number == number).with_for_update(of=Ticket))
    if ticket is None:
        raise NotFound(f"没有工单 {number}")
    return ticket


async def _lock_in_id_order(session: AsyncSession, numbers: list[str]) -> None:
    """Lock several tickets in one order for everyone, so that two opposite merges cannot deadlock."""
    await session.execute(
        select(Ticket.id).where(Ticket.number.in_(numbers)).order_by(Ticket.id).with_for_update()
    )
