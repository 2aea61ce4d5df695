"""What a carton or batch rule decides (`Decision`), and what it decides with (`Context`): the store, the
station and the user (`models.handover.rules`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.core.events import Event, EventType, NewEvent
from models.handover.reasons import BatchReason as R
from models.handover.records import BatchStore
from models.packing.station import Station
from models.packing.users import User


@dataclass(frozen=True)
class Decision:
    reason: R
    params: Mapping[str, Any] = field(default_factory=dict)
    code: str = ""
    batch_code: str | None = None
    carton_code: str | None = None
    package_code: str | None = None
    version: int | None = None
    event: Event | None = None

    @property
    def accepted(self) -> bool:
        return self.reason.accepted


def refuse(reason: R, /, **params: Any) -> Decision:
    return Decision(reason, params)


class Context:
    def __init__(self, store: BatchStore, station: Station, user: User) -> None:
        self.store, self.station, self.user = store, station, user

    def record(self, type_: EventType, package_id: int | None, payload: Mapping[str, Any]) -> Event:
        return self.store.append(self.station.instance_id, NewEvent(type_, self.user.name, package_id, payload))
