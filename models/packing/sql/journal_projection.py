"""Importing this module registers the packing projection with the journal (package state, contents, undo
stacks, station queues, stock consumed, letters enclosed), so every event appended from then on keeps them
current."""

from __future__ import annotations

from models.journal.registry import Projection, register
from models.packing.sql import projections as _projections
from models.packing.sql.rebuild import PackingFold as _PackingFold

register(Projection("packing", _projections.TABLES, _projections.HANDLED_TYPES, _projections.apply, _PackingFold))
