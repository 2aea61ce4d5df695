"""SQL of cartons, batches, manifests and receipts, and their projections."""
