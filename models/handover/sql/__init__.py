"""SQL of cartons, batches, manifests and receipts, and their projections.

Importing it registers the handover projections with the journal (cartons, batches, where each package is,
manifest versions and lines, receipts), so every event appended from here on keeps them current.
"""

from models.handover.sql import projections as _projections
from models.handover.sql.rebuild import HandoverFold as _HandoverFold
from models.journal.registry import Projection, register

register(Projection("handover", _projections.TABLES, _projections.HANDOVER_TYPES, _projections.apply,
                    _HandoverFold))
