"""Forged exchange files, through `main.py sync`: whoever holds the USB stick cannot write for a station or
for the hub. Each file is made the way an attacker would make it (the format is public; only the private
keys are not), and each is refused with the reason, changing nothing."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli.exit_codes import EXIT_OK, EXIT_REFUSED
from models.core.events import new_event_id
from models.packing.sql.users_repo import SqlUserStore
from models.sync import container, pack, signing
from models.sync.signing import Signer
from tests.support.cli import run_here as run
from tests.support.cli import run_json_here as run_json
from tests.support.stations import PASSPHRASE, Network, dump, make_network, open_events_file, signer_of, with_header


@pytest.fixture(name="net")
def network_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Network]:
    monkeypatch.setenv("PACKLINE_PASSPHRASE", PASSPHRASE)
    network = make_network(tmp_path)
    yield network
    network.close()


def stranger(identity: str) -> Signer:
    """A key nobody enrolled: what an attacker signs with."""
    return Signer(identity, signing.new_private_key())


def station_file(net: Network, station: str = "Station A") -> tuple[Path, dict, bytes]:
    net.pack_package(station, 0)
    (path,) = net.export(station)
    opened = open_events_file(net, path)
    return path, {k: v for k, v in opened.header.items() if not k.startswith("body_")}, opened.body


def hub_refuses(net: Network, capsys: pytest.CaptureFixture[str], path: Path, *, asks: bool = False) -> str:
    """Import `path` at the hub through main.py: refused (exit 2), the hub unchanged (but for the request to be
    enrolled that a file from an unknown station is, when `asks`); what it said."""
    net.hub.db.close()
    before = dump_of(net.hub.path)
    code, out, err = run(capsys, "sync", "import", "--db", str(net.hub.path), str(path))
    assert code == EXIT_REFUSED, out + err
    after = dump_of(net.hub.path)
    if asks:
        lines = after.splitlines()
        requests = [line for line in lines if "sync.enrol_request." in line]
        assert len(requests) == 1
        after = "\n".join(line for line in lines if line not in requests)
    assert "Traceback" not in err and after == before
    net.hub.reopen()
    return out + err


def dump_of(path: Path) -> str:
    from models.storage.opening import open_database

    db = open_database(path)
    try:
        return dump(db)
    finally:
        db.close()


def test_a_plain_file_rewritten_and_rehashed_is_refused(net: Network, capsys: pytest.CaptureFixture[str]) -> None:
    path, header, body = station_file(net)
    forged_body = body.replace(b'"Olena"', b'"Forged"')
    forged = path.with_name("forged-" + path.name)
    # The SHA-256 recomputed, the header kept, signed with the attacker's own key under the station's id.
    forged.write_bytes(container.encode("events", header, forged_body, signer=stranger(header["station_id"])))
    said = hub_refuses(net, capsys, forged)
    assert "not signed by the station or hub it claims" in said


def test_an_encrypted_file_whose_header_names_another_station_is_refused(net: Network,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    net.pack_package("Station A", 1)
    (secret,) = net.export("Station A", PASSPHRASE)
    data = secret.read_bytes()
    first, line, signature, stored = data.split(b"\n", 3)
    header = json.loads(line)
    header["station_id"], header["station_name"] = net["Station B"].station.instance_id, "Station B"
    edited = secret.with_name("edited-" + secret.name)
    edited.write_bytes(b"\n".join([first, json.dumps(header, sort_keys=True).encode(), signature, stored]))
    said = hub_refuses(net, capsys, edited)
    assert "altered or forged" in said


def test_a_file_from_a_station_nobody_enrolled_asks_and_changes_nothing(net: Network,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path, header, body = station_file(net)
    intruder = stranger(new_event_id())
    fake = header | {"station_id": intruder.id, "station_name": "Station A"}
    forged = path.with_name("intruder.plxe")
    forged.write_bytes(container.encode("events", fake, body, signer=intruder))
    said = hub_refuses(net, capsys, forged, asks=True)
    assert "not enrolled" in said and signing.fingerprint(intruder.public_key) in said
    listed = run_json(capsys, "sync", "enrolment", "list", "--db", str(net.hub.path))
    assert [r["station_id"] for r in listed["requests"]] == [intruder.id]  # shown to the supervisor, not taken


def test_a_lineage_made_up_by_a_stranger_is_not_taken(net: Network, capsys: pytest.CaptureFixture[str]) -> None:
    path, header, body = station_file(net)
    real = signer_of(net, header["station_id"])
    intruder = stranger(new_event_id())
    # "I am the new identity of Station A": the link signed by the attacker, not by Station A's key.
    link = signing.lineage_link(stranger(real.id), intruder.id, intruder.public_key)
    lineage = [{"station_id": real.id, "key": signing.encode_key(real.public_key)}, link]
    fake = header | {"station_id": intruder.id, "lineage": lineage, "seq_from": 1, "seq_to": 0, "count": 0}
    forged = path.with_name("successor.plxe")
    forged.write_bytes(container.encode("events", fake, b'{"events":[]}', signer=intruder))
    assert "not enrolled" in hub_refuses(net, capsys, forged, asks=True)


def test_a_revoked_station_is_refused_and_the_revocation_is_in_the_journal(net: Network,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path, _header, _body = station_file(net)
    net.hub.db.close()
    hub = str(net.hub.path)
    code, _out, err = run(capsys, "sync", "revoke", "Station A", "--db", hub, "--user", "Olena", "--pin", "1234")
    assert code == EXIT_REFUSED and "supervisor" in err
    assert run(capsys, "sync", "revoke", "Station A", "--db", hub, "--user", "Ivan", "--pin", "9876")[0] == EXIT_OK
    assert "station_revoked" in run(capsys, "journal", "list", "--db", hub)[1]
    listed = run(capsys, "sync", "enrolment", "list", "--db", hub)[1]
    assert "revoked" in listed and "Station B" in listed
    net.hub.reopen()
    assert "revoked" in hub_refuses(net, capsys, path)


def test_a_forged_pack_never_reaches_a_station_and_the_genuine_one_still_does(
        net: Network, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    genuine = net.folder / pack.PACK_FILE_NAME
    opened = container.open_file(genuine, PASSPHRASE, kind="pack", trust=lambda h: signing.decode_key(h["signer_key"]))
    copy = tmp_path / "forged.db"
    copy.write_bytes(opened.body)
    conn = sqlite3.connect(copy)  # an administrator with a PIN the attacker knows, and a version far ahead
    conn.execute("INSERT INTO users (name, role, pin_hash, created_at) SELECT 'Mallory', 'admin', pin_hash, "
                 "created_at FROM users WHERE name = 'Ivan'")
    conn.execute("UPDATE pack_info SET value = '999' WHERE key = 'version'")
    conn.commit()
    conn.close()
    header = {k: v for k, v in opened.header.items() if not k.startswith("body_")} | {"version": 999}
    forged = tmp_path / "campaign-pack.plxp"
    forged.write_bytes(container.encode("pack", header, copy.read_bytes(), PASSPHRASE,
                                        signer=stranger(header["hub_id"])))
    station = net["Station A"]
    station.db.close()
    code, out, err = run(capsys, "sync", "pack", "import", "--db", str(station.path), str(forged))
    assert code == EXIT_REFUSED and "altered or forged" in out + err
    station.reopen()
    assert "Mallory" not in [user.name for user in SqlUserStore(station.db).all_users()]
    newer = pack.export_pack(net.hub.db, tmp_path / "newer", passphrase=PASSPHRASE)  # the hub's next version
    station.db.close()
    assert run(capsys, "sync", "pack", "import", "--db", str(station.path), str(newer.path))[0] == EXIT_OK
    station.reopen()


def test_a_forged_acknowledgement_is_refused_at_the_station(net: Network, capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    station = net["Station A"]
    header = {"hub_id": net.hub.db.execute("SELECT value FROM settings WHERE key = 'sync.hub_id'").fetchone()[0],
              "station_id": station.station.instance_id, "seq": 10**6, "last_id": None, "pack_version": 1,
              "clash_at": 1, "code_block": 7}  # "you clash from 1": it would renew and carry everything over
    forged = tmp_path / f"ack-{station.station.instance_id}.plxa"
    forged.write_bytes(container.encode("ack", header, b"{}", signer=stranger(header["hub_id"])))
    station.db.close()
    before = dump_of(station.path)
    code, out, err = run(capsys, "sync", "import", "--db", str(station.path), str(forged))
    assert code == EXIT_REFUSED and "altered or forged" in out + err and dump_of(station.path) == before
    station.reopen()


HEADER_FIELDS = ["station_id", "station_name", "hub_id", "seq_from", "seq_to", "count", "schema_version",
                 "code_block", "pack_version", "created_at", "compression", "kind"]


@pytest.mark.parametrize("field", HEADER_FIELDS)
def test_a_path_in_any_header_field_writes_nothing_outside_the_answer_folder(
        net: Network, capsys: pytest.CaptureFixture[str], tmp_path: Path, field: str) -> None:
    """Even signed with the station's own key (the station's database in hostile hands), a header field that
    names a path never makes the hub write outside the folder it answers into."""
    path, _header, _body = station_file(net)
    answers = tmp_path / "answers" / "here"
    answers.mkdir(parents=True)
    net.hub.db.close()
    for value in ("../../../pwned/x", "/tmp/pwned-" + field, "..\\..\\pwned", "a/../../pwned"):
        edited = path.with_name(f"edited-{field}.plxe")
        genuine = dict(open_events_file(net, path).header)
        edited.write_bytes(with_header(net, path.read_bytes(), genuine | {field: value},
                                       signed_by=genuine["station_id"]))
        code, out, err = run(capsys, "sync", "import", "--db", str(net.hub.path), str(edited), "--answer",
                             str(answers))
        assert code in (EXIT_OK, EXIT_REFUSED) and "Traceback" not in err, out + err
        written = {p for p in tmp_path.parent.rglob("*pwned*")} | set(Path("/tmp").glob("pwned*"))
        assert not written, written
        assert {p.parent for p in answers.rglob("*") if p.is_file()} <= {answers}
    net.hub.reopen()


def test_a_decompression_bomb_and_a_costly_key_derivation_are_refused_through_main(
        net: Network, capsys: pytest.CaptureFixture[str]) -> None:
    """Signed with the station's own key (its database in hostile hands): a body that unpacks to 17 MB from 17
    KB, and a header asking for scrypt n = 2^24, are refused before the memory or the minutes are spent."""
    path, header, _body = station_file(net)
    bomb = path.with_name("bomb.plxe")
    bomb.write_bytes(container.encode("events", header, b"0" * (container.RATIO_FLOOR_BYTES + 1024**2),
                                      signer=signer_of(net, header["station_id"])))
    assert bomb.stat().st_size < 100_000 and "decompression bomb" in hub_refuses(net, capsys, bomb)
    secret = container.encode("events", header, open_events_file(net, path).body, PASSPHRASE,
                              signer=signer_of(net, header["station_id"]))
    costly = json.loads(secret.split(b"\n")[1])
    costly["encryption"]["n"] = 2**24
    kdf = path.with_name("kdf.plxe")
    kdf.write_bytes(with_header(net, secret, costly))
    assert "damaged" in hub_refuses(net, capsys, kdf)


def test_a_file_not_signed_by_the_key_it_names_is_not_even_noted_as_a_request(
        net: Network, capsys: pytest.CaptureFixture[str]) -> None:
    path, header, body = station_file(net)
    intruder, named = stranger(new_event_id()), stranger("")
    data = container.encode("events", header | {"station_id": intruder.id}, body, signer=intruder)
    first, line, signature, stored = data.split(b"\n", 3)
    lying = json.loads(line) | {"signer_key": signing.encode_key(named.public_key)}  # names a key it is not signed by
    forged = path.with_name("lying.plxe")
    forged.write_bytes(b"\n".join([first, json.dumps(lying, sort_keys=True).encode(), signature, stored]))
    assert "not enrolled" in hub_refuses(net, capsys, forged)  # and nothing noted: the hub is unchanged
