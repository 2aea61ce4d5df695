"""A sealed package's labels: recording the one printed at sealing, and reprints (the COPY numbers).

Split from `models.packing.rules` (same `Context` and `Decision`): the journal counts every label printed, and
the mark a reprint carries is derived from that count in one place, `copy_mark`.
"""

from __future__ import annotations

from models.core.events import EventType
from models.packing.records import PackageRecord
from models.packing.rules import Context, Decision, refuse
from models.packing.scan_reasons import Reason
from models.packing.states import PackageState


def record_label(ctx: Context, package_id: int) -> Decision:
    """The label of a sealed package was printed: the next copy number is recorded."""
    package = ctx.store.package(package_id=package_id)
    if package is None:
        return refuse(Reason.UNKNOWN_PACKAGE, code=str(package_id))
    if package.state is not PackageState.SEALED:
        return refuse(Reason.PACKAGE_NOT_SEALED, package, package=package.code)
    copy = package.label_copies + 1
    event = ctx.record(EventType.LABEL_PRINTED, package.id, {"copy": copy})
    return Decision(Reason.LABEL_PRINTED, {"package": package.code, "copy": copy}, package, package.state,
                    event=event, copy=copy)


def reprint_package(ctx: Context, code: str) -> Decision:
    """Print the label of any sealed package again (a lost or damaged label, or one a list correction made
    stale: the new copy names the person as the list now does, and the old label is refused no more)."""
    package = ctx.store.package(code=code)
    if package is None:
        return refuse(Reason.UNKNOWN_PACKAGE, code=code)
    if package.state is not PackageState.SEALED:
        return refuse(Reason.PACKAGE_NOT_SEALED, package, package=package.code)
    return _reprinted(ctx, package)


def _reprinted(ctx: Context, package: PackageRecord) -> Decision:
    """The next copy of a sealed package's label (copy 1 is the one printed at sealing)."""
    copy = max(package.label_copies, 1) + 1
    event = ctx.record(EventType.LABEL_PRINTED, package.id, {"copy": copy, "reprint": True})
    return Decision(Reason.LABEL_REPRINTED, {"package": package.code, "copy": copy}, package, package.state,
                    event=event, copy=copy)


def copy_mark(journal_copy: int) -> int:
    """The "COPY n" a label shows for its copy number in the journal: copy 1 is the label printed at sealing and
    carries no mark (0); each reprint shows one less than its journal copy, so the first reprint reads COPY 1."""
    return max(0, journal_copy - 1)


def reprint(ctx: Context) -> Decision:
    """Reprint the label of the package sealed last at this station; copy 1 is the label printed at sealing."""
    package_id = ctx.store.last_sealed_id(ctx.station.instance_id)
    package = ctx.store.package(package_id=package_id) if package_id is not None else None
    if package is None:
        return refuse(Reason.NOTHING_TO_REPRINT)
    if package.state is not PackageState.SEALED:
        return refuse(Reason.PACKAGE_IS_VOIDED, package, package=package.code)
    return _reprinted(ctx, package)
