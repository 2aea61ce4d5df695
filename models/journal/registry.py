"""The registry of projections: tables derived from the journal, each kept by the feature that owns it.

A feature registers one `Projection` when its module is imported (`models/packing/sql/journal_projection.py`,
`models/handover/sql/journal_projection.py`): the tables it derives, the event types it reads, how it applies one
event in the transaction that records it, and a fresh in-memory fold that computes the same rows from the events alone
(used to rebuild, and held to `apply` by property tests). The journal applies and rebuilds through this
registry, so it imports no feature.

The composition root (`app.workspace`) names the features with `load_with`: their SQL packages are imported the
first time a projection is asked for (the first event appended or rebuilt), so a command that only reads pays
nothing for them. A registry that does not then cover every derived table of the schema
(`models.storage.derived_tables`) is refused loudly: applying events with a projection missing would leave its
tables behind the journal without a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from models.core.errors import StorageError
from models.storage.derived_tables import DERIVED_TABLES

if TYPE_CHECKING:
    from models.core.events import Event

Rows = dict[str, list[tuple[Any, ...]]]


class Fold(Protocol):
    """A projection computed in memory from the events alone, in journal order."""

    def apply(self, event: Event) -> None: ...

    def table_rows(self) -> Rows:
        """Rows of each of the projection's tables, columns in table order."""
        ...


@dataclass(frozen=True)
class Projection:
    name: str
    tables: tuple[str, ...]
    event_types: frozenset[str]
    apply: Callable[[Any, Event], None]
    """`apply(db, event)` inside the transaction that records the event."""
    new_fold: Callable[[], Fold]


_registered: dict[str, Projection] = {}
_by_type: dict[str, tuple[Projection, ...]] = {}
_complete = False
_loaders: list[Callable[[], object]] = []


def load_with(loader: Callable[[], object]) -> None:
    """Run `loader` (which imports features, so they register) before the registry is first used; at once if it
    has been used already."""
    if _complete:
        loader()
    else:
        _loaders.append(loader)


def register(projection: Projection) -> None:
    """Add a feature's projection (once; registering the same name again replaces it)."""
    global _complete
    _registered[projection.name] = projection
    by_type: dict[str, list[Projection]] = {}
    for known in _registered.values():
        for event_type in known.event_types:
            by_type.setdefault(event_type, []).append(known)
    _by_type.clear()
    _by_type.update({event_type: tuple(found) for event_type, found in by_type.items()})
    _complete = False


def _ensure_complete() -> None:
    global _complete
    if _complete:
        return
    while _loaders:
        _loaders.pop(0)()
    kept = [table for projection in _registered.values() for table in projection.tables]
    missing = sorted(set(DERIVED_TABLES) - set(kept))
    if missing:
        raise StorageError(f"No projection is registered for the derived tables {', '.join(missing)}: "
                           "import the feature that keeps them (models.packing.sql.journal_projection, "
                           "models.handover.sql.journal_projection) first.")
    _complete = True


def projections() -> tuple[Projection, ...]:
    """Every registered projection, in registration order."""
    _ensure_complete()
    return tuple(_registered.values())


def for_type(event_type: str) -> tuple[Projection, ...]:
    """The projections that read events of this type (none: an event no projection derives anything from)."""
    _ensure_complete()
    return _by_type.get(event_type, ())


def tables() -> tuple[str, ...]:
    return tuple(table for projection in projections() for table in projection.tables)


def fold(events: Iterable[Event]) -> Rows:
    """Every projection's rows, computed from `events` alone."""
    folds = [(projection.event_types, projection.new_fold()) for projection in projections()]
    for event in events:
        for types, one in folds:
            if event.type in types:
                one.apply(event)
    rows: Rows = {}
    for _types, one in folds:
        rows |= one.table_rows()
    return rows
