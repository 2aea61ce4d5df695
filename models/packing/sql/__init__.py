"""SQL of packing: package state, letters, users, the station identity, the rule checks on stored contents.

Its projection registers with the journal in `models.packing.sql.journal_projection`, imported by the registry's
loader (`app.workspace`), so reading one of its tables imports no fold.
"""
