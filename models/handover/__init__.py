"""Handover: cartons, batches, their rules, signed manifests, and receiving on the other side."""
