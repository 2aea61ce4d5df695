"""SQL of packing: package state, letters, users, the station identity, the rule checks on stored contents.

Importing it registers the packing projections with the journal (package state, contents, undo stacks, station
queues, stock consumed, letters enclosed), so every event appended from here on keeps them current.
"""

from models.journal.registry import Projection, register
from models.packing.sql import projections as _projections
from models.packing.sql.rebuild import PackingFold as _PackingFold

register(Projection("packing", _projections.TABLES, _projections.HANDLED_TYPES, _projections.apply, _PackingFold))
