"""The handover projections recomputed from the events alone, in memory (a second implementation of
`models.handover.sql.projections`, used by `models.journal.sql.rebuild`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from models.core.events import Event, EventType
from models.handover.sql.projections import canonical_json


@dataclass
class HandoverFold:
    cartons: dict[str, list[Any]] = field(default_factory=dict)
    """code -> [campaign_id, number, batch_code, created_by, created_at, last_pos]"""
    batches: dict[str, list[Any]] = field(default_factory=dict)
    """code -> [campaign_id, state, version, details, created_by, created_at, last_pos]"""
    where: dict[int, list[Any]] = field(default_factory=dict)
    """package_id -> [carton_code, batch_code, last_pos]"""
    versions: dict[tuple[str, int], list[Any]] = field(default_factory=dict)
    """(batch, version) -> [count, sha256, details, events_included, closed_by, closed_at, signed_by, signed_at,
    attachment, attachment_sha256, last_pos]"""
    lines: dict[tuple[str, int], dict[int, str | None]] = field(default_factory=dict)
    receipts: dict[tuple[str, str], list[Any]] = field(default_factory=dict)

    def apply(self, e: Event) -> None:
        p, kind, pos = e.payload, e.type, e.pos
        if kind == EventType.CARTON_CREATED:
            self.cartons.setdefault(p["carton"], [p["campaign_id"], p["number"], None, e.user, e.at, pos])
        elif kind == EventType.BATCH_CREATED:
            self.batches.setdefault(p["batch"], [p["campaign_id"], "open", 1, canonical_json(p.get("details", {})),
                                                 e.user, e.at, pos])
        elif kind == EventType.PUT_IN_CARTON and e.package_id is not None:
            carton = self.cartons.get(p["carton"])
            self.where[e.package_id] = [p["carton"], carton[2] if carton else None, pos]
        elif kind == EventType.REMOVED_FROM_CARTON and e.package_id is not None:
            if self.where.get(e.package_id, [None])[0] == p["carton"]:
                del self.where[e.package_id]
        elif kind == EventType.BATCHED:
            self._batched(e, p["batch"])
        elif kind == EventType.REMOVED_FROM_BATCH:
            self._removed(e, p["batch"])
        elif kind == EventType.BATCH_DETAILS_SET:
            self._details(p["batch"], canonical_json(p["details"]), pos)
        else:
            self._manifests(e)

    def _batched(self, e: Event, batch: str) -> None:
        if e.package_id is not None:
            self.where[e.package_id] = [None, batch, e.pos]
            return
        carton_code = e.payload["carton"]
        carton = self.cartons.get(carton_code)
        if carton is not None:
            carton[2], carton[5] = batch, e.pos
        for place in self.where.values():
            if place[0] == carton_code:
                place[1], place[2] = batch, e.pos

    def _removed(self, e: Event, batch: str) -> None:
        if e.package_id is not None:
            if self.where.get(e.package_id, [None, None])[1] == batch:
                del self.where[e.package_id]
            return
        carton_code = e.payload["carton"]
        carton = self.cartons.get(carton_code)
        if carton is not None and carton[2] == batch:
            carton[2], carton[5] = None, e.pos
        for place in self.where.values():
            if place[0] == carton_code and place[1] == batch:
                place[1], place[2] = None, e.pos

    def _details(self, batch: str, details: str, pos: int) -> None:
        found = self.batches.get(batch)
        if found is not None:
            found[3], found[6] = details, pos
        for (code, _version), row in self.versions.items():
            if code == batch and row[7] is None:
                row[2], row[10] = details, pos

    def _manifests(self, e: Event) -> None:
        p, kind, pos = e.payload, e.type, e.pos
        batch = self.batches.get(p.get("batch", ""))
        if kind == EventType.BATCH_CLOSED:
            key = (p["batch"], p["version"])
            if batch is not None:
                batch[1], batch[2], batch[6] = "closed", p["version"], pos
                self.versions[key] = [p["count"], p["sha256"], batch[3], canonical_json(p.get("events_included", [])),
                                      e.user, e.at, None, None, None, None, pos]
            self.lines[key] = {pkg: place[0] for pkg, place in self.where.items() if place[1] == p["batch"]}
        elif kind == EventType.BATCH_REOPENED:
            key = (p["batch"], p["version"])
            if batch is not None:
                batch[1], batch[6] = "open", pos
            if key in self.versions and self.versions[key][7] is None:
                del self.versions[key]
            self.lines.pop(key, None)
        elif kind == EventType.HANDED_OVER:
            if batch is not None:
                batch[1], batch[6] = "signed", pos
            row = self.versions.get((p["batch"], p["version"]))
            if row is not None:
                row[6], row[7], row[10] = e.user, e.at, pos
        elif kind == EventType.BATCH_CORRECTION:
            if batch is not None:
                batch[1], batch[2], batch[6] = "open", p["version"], pos
        elif kind == EventType.MANIFEST_ATTACHED:
            row = self.versions.get((p["batch"], p["version"]))
            if row is not None:
                row[8], row[9], row[10] = p["file"], p["sha256"], pos
        elif kind == EventType.RECEIVED:
            self.receipts[(p["batch"], p["code"])] = [e.package_id, p["status"], p.get("cause", ""), p.get("note", ""),
                                                      p.get("source", ""), e.user, e.at, pos]

    def table_rows(self) -> dict[str, list[tuple[Any, ...]]]:
        """Rows of each handover projection table, columns in table order."""
        return {
            "cartons": [(code, *row) for code, row in self.cartons.items()],
            "batches": [(code, *row) for code, row in self.batches.items()],
            "package_handover": [(pkg, *row) for pkg, row in self.where.items()],
            "manifest_versions": [(*key, *row) for key, row in self.versions.items()],
            "manifest_lines": [(*key, pkg, carton) for key, lines in self.lines.items()
                               for pkg, carton in lines.items()],
            "receipts": [(*key, *row) for key, row in self.receipts.items()],
        }
