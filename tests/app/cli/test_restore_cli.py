"""A station restored by copying a backup over its database file, as the README's restore says, loses nothing:
the work it records after the restore reaches the hub (issue 17). Through `main.py` only."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from app.cli.exit_codes import EXIT_OK
from models.storage.opening import open_database
from tests.support.cli import enrol_here
from tests.support.cli import run_here as run
from tests.support.cli import run_json_here as run_json
from tests.support.packing_fixtures import PIN, SEAL, template_database


class Site:
    """A hub and one station exchanging through a folder."""

    def __init__(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys, self.folder = capsys, tmp_path / "share"
        self.hub, self.station = str(tmp_path / "hub.db"), str(tmp_path / "station.db")
        shutil.copyfile(template_database(), self.hub)
        assert run(capsys, "station", "--db", self.hub, "--rename", "Hub", "--new-identity")[0] == EXIT_OK
        packed = run_json(capsys, "sync", "pack", "export", "--db", self.hub, "--out", str(self.folder),
                          "--encrypt")["pack"]
        run_json(capsys, "sync", "pack", "import", "--db", self.station, packed["path"])
        assert run(capsys, "station", "--db", self.station, "--name", "Station A")[0] == EXIT_OK
        (asked,) = run_json(capsys, "sync", "export", "--db", self.station, "--out", str(self.folder),
                            "--encrypt")["exported"]
        enrol_here(capsys, self.hub, self.station, asked["path"], "Ivan", "9876")
        db = open_database(self.hub)
        self.codes = {number: code for number, code in db.execute(
            "SELECT r.list_number, p.code FROM packages p JOIN recipients r ON r.id = p.recipient_id")}
        barcodes = dict(db.execute("SELECT i.name, b.barcode FROM items i JOIN item_barcodes b "
                                   "ON b.item_id = i.id"))
        db.close()
        self.contents = [barcodes["tea"], barcodes["tea"], barcodes["soap"], *[barcodes["socks"]] * 3, SEAL]

    def pack(self, number: str) -> str:
        """Pack and seal the package of list number `number` at the station; what it said on stderr."""
        code, _out, err = run(self.capsys, "scan", "--db", self.station, "--station", "Station A", "--user",
                              "Olena", "--pin", PIN, self.codes[number], *self.contents)
        assert code == EXIT_OK, err
        return err

    def exchange(self) -> list[dict]:
        """The station sends its events, the hub merges them and answers, the station reads the answer."""
        exported = run_json(self.capsys, "sync", "export", "--db", self.station, "--out", str(self.folder),
                            "--encrypt")["exported"]
        results = []
        for file in exported:
            results += run_json(self.capsys, "sync", "import", "--db", self.hub, file["path"], "--answer",
                                str(self.folder))["results"]
        for ack in sorted(self.folder.glob("ack-*.plxa")):
            run_json(self.capsys, "sync", "import", "--db", self.station, str(ack))
        return results

    def hub_state(self, number: str) -> str | None:
        db = open_database(self.hub)
        try:
            row = db.execute("SELECT s.state FROM package_state s JOIN packages p ON p.id = s.package_id "
                             "WHERE p.code = ?", [self.codes[number]]).fetchone()
            return row[0] if row else None
        finally:
            db.close()


def test_a_backup_copied_over_the_station_file_takes_a_new_identity_and_its_later_work_reaches_the_hub(
        tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("PACKLINE_PASSPHRASE", "пароль складу")
    site = Site(tmp_path, capsys)
    site.pack("1")
    assert [r["merged"] for r in site.exchange()] == [8]
    backup = tmp_path / "station-backup.db"
    shutil.copyfile(site.station, backup)  # a backup, the station closed (as `backup` would take it)
    site.pack("2")
    site.exchange()  # the hub now holds events this backup does not
    before = os.stat(site.station).st_ino

    shutil.copyfile(backup, site.station)  # the documented restore: the backup copied over the file
    for suffix in ("-wal", "-shm"):
        Path(site.station + suffix).unlink(missing_ok=True)
    assert os.stat(site.station).st_ino == before  # the same file: the inode check alone cannot see it

    said = site.pack("3")  # the first thing recorded after the restore
    assert "restored from an older backup" in said
    results = site.exchange()
    assert sum(r["merged"] for r in results) == 8 and all(not r.get("refused") for r in results)
    assert (site.hub_state("1"), site.hub_state("2"), site.hub_state("3")) == ("sealed", "sealed", "sealed")
    identity = run_json(capsys, "sync", "identity", "--db", site.station)["identity"]
    assert not identity["renewed"]  # once is enough: the new identity is this file's now
    assert run_json(capsys, "sync", "conflicts", "list", "--db", site.hub)["conflicts"] == []
