"""A textual dump of a whole database, for "nothing changed" checks (pysqlite3 has no iterdump)."""


def dump(db) -> str:
    lines = []
    for (name, sql) in db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
        lines.append(sql)
        if sql.upper().startswith("CREATE TABLE") and "VIRTUAL" not in sql.upper():
            lines += [repr(row) for row in db.execute(f'SELECT * FROM "{name}" ORDER BY 1')]
    return "\n".join(lines)
