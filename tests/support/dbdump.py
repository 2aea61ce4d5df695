"""A textual dump of a whole database, for "nothing changed" checks (pysqlite3 has no iterdump); and a
database file damaged the way a disk damages one."""

from pathlib import Path


def dump(db) -> str:
    lines = []
    for (name, sql) in db.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
        lines.append(sql)
        if sql.upper().startswith("CREATE TABLE") and "VIRTUAL" not in sql.upper():
            lines += [repr(row) for row in db.execute(f'SELECT * FROM "{name}" ORDER BY 1')]
    return "\n".join(lines)


def damage_pages(path: Path, page_size: int = 4096) -> None:
    """Overwrite three pages near the end of a checkpointed database file (past the schema, which an open
    reads): a disk's damage that only a whole-file check finds."""
    data = bytearray(path.read_bytes())
    pages = len(data) // page_size
    for page in range(pages - 4, pages - 1):
        data[page * page_size:(page + 1) * page_size] = bytes([0x5A]) * page_size
    path.write_bytes(bytes(data))
