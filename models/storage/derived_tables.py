"""The tables of the schema that are derived from the journal (projections), as opposed to reference data.

Storage owns the schema, so it names them; the features that keep them register with the journal
(`models.journal.registry`), which refuses to apply or rebuild while one of these has no projection.
"""

from __future__ import annotations

DERIVED_TABLES: tuple[str, ...] = (
    "package_state", "package_lines", "package_scans", "station_current", "stock_consumed", "letter_enclosures",
    "package_withdrawals", "packer_items", "cartons", "batches", "package_handover", "manifest_versions",
    "manifest_lines", "receipts",
)
