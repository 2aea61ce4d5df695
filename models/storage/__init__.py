"""SQLite storage: the only package that talks SQL."""
