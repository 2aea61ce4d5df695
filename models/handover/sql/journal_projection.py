"""Importing this module registers the handover projection with the journal (cartons, batches, where each
package is, manifest versions and lines, receipts), so every event appended from then on keeps them current."""

from __future__ import annotations

from models.handover.sql import projections as _projections
from models.handover.sql.rebuild import HandoverFold as _HandoverFold
from models.journal.registry import Projection, register

register(Projection("handover", _projections.TABLES, _projections.HANDOVER_TYPES, _projections.apply,
                    _HandoverFold))
