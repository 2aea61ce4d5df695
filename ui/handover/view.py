"""What the Handover screen lists, computed from the services' records (no Qt, no rules of its own)."""

from __future__ import annotations

from dataclasses import dataclass

from models.core.errors import RefusedInput
from models.core.i18n import N_, _, ngettext
from models.handover.receiving_records import Cause, ReceiptStatus
from models.handover.records import BatchState
from ui.handover.services import HandoverServices

IMPORTED = "imported"
STATE_TEXTS = {BatchState.OPEN.value: N_("open"), BatchState.CLOSED.value: N_("closed"),
               BatchState.SIGNED.value: N_("signed"), IMPORTED: N_("received from the sender")}
STATUS_TEXTS = {ReceiptStatus.RECEIVED.value: N_("received"), ReceiptStatus.DAMAGED.value: N_("damaged"),
                ReceiptStatus.MISSING.value: N_("missing"), ReceiptStatus.EXTRA.value: N_("extra")}


@dataclass(frozen=True)
class BatchRow:
    code: str
    state: str
    """A `BatchState` value, or "imported" for a batch file imported on a receiving install."""
    version: int
    packages: int
    cartons: int = 0

    @property
    def imported(self) -> bool:
        return self.state == IMPORTED


@dataclass(frozen=True)
class MemberLine:
    code: str
    name: str
    place: str = ""
    carton: str = ""
    status: str = ""
    """A `ReceiptStatus` value once receiving has begun, else empty."""


class HandoverView:
    def __init__(self, services: HandoverServices) -> None:
        self.services = services

    def batch_rows(self, campaign_id: int | None) -> list[BatchRow]:
        rows = [BatchRow(b.code, b.state.value, b.version, b.package_count, b.carton_count)
                for b in self.services.batch_service().batches(campaign_id)]
        known = {row.code for row in rows}
        rows += [BatchRow(code, IMPORTED, version, count) for code, version, _campaign, count
                 in self.services.receiving_service().imported() if code not in known]
        return rows

    def member_lines(self, row: BatchRow) -> list[MemberLine]:
        """The batch's packages now; with their receiving status once the batch has a manifest."""
        receiving = self.services.receiving_service()
        if row.state == BatchState.OPEN.value:
            return [MemberLine(m.code, m.full_name, m.place, str(m.carton_number or ""))
                    for m in self.services.batch_service().members(row.code)]
        try:
            expected = receiving.expected(row.code)
        except RefusedInput:
            return []
        found = {line.code: line for line in receiving.reconcile(row.code).lines}
        lines = []
        for line in expected.lines:
            status = found[line.code]
            shown = "" if status.cause is Cause.NOT_CHECKED_IN else status.status.value
            lines.append(MemberLine(line.code, line.full_name, line.place, line.carton, shown))
        lines += [MemberLine(code, line.name, line.place, "", ReceiptStatus.EXTRA.value) for code, line in found.items()
                  if not line.expected]
        return lines

    @staticmethod
    def summary(row: BatchRow, lines: list[MemberLine]) -> str:
        parts = [ngettext("{count} package", "{count} packages", row.packages).format(count=row.packages)]
        if row.cartons:
            parts.append(ngettext("{count} carton", "{count} cartons", row.cartons).format(count=row.cartons))
        counts = {status: sum(1 for line in lines if line.status == status) for status in STATUS_TEXTS}
        if any(counts.values()):
            listed = sum(1 for line in lines if line.status != ReceiptStatus.EXTRA.value)
            missing = listed - counts["received"] - counts["damaged"]
            parts.append(_("received {received}, damaged {damaged}, not arrived {missing}, extra {extra}").format(
                received=counts["received"], damaged=counts["damaged"], missing=missing, extra=counts["extra"]))
        return " · ".join(parts)
