"""SQL of cartons, batches, manifests and receipts, and their projections.

Its projection registers with the journal in `models.handover.sql.journal_projection`, imported by the registry's
loader (`app.workspace`), so reading one of its tables imports no fold.
"""
