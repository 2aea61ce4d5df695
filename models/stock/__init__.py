"""Donated stock, the plan of what it allows, and how stock is shared among checklist lines."""
