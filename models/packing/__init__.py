"""Packing at a station: the checklist, scanning, sealing, letters, users and the station identity."""
