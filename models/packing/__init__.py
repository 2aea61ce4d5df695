"""Packing at a station: the checklist, scanning, sealing, letters, users and the station identity.

Importing the package registers its projections with the journal (package state, contents, undo stacks,
station queues, stock consumed, letters enclosed), so every event appended from here on keeps them current.
"""

from models.journal.registry import Projection, register
from models.packing.sql import projections as _projections
from models.packing.sql.rebuild import PackingFold as _PackingFold

register(Projection("packing", _projections.TABLES, _projections.HANDLED_TYPES, _projections.apply, _PackingFold))
