"""Qt screens, widgets and item models; no business rules, no SQL."""
