"""Packline domain and storage: plain Python, never Qt."""
