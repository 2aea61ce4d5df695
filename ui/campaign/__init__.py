"""The campaign screens: recipients' detail, imports, catalog and templates, stock and plan, letters,
dashboard and settings (issue 6)."""
