"""A refusal blocks the station until acknowledged; outcomes come only after the commit; languages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from models.core.i18n import Translator
from models.packing.scan_reasons import MESSAGES, Reason, render
from models.packing.scanning import ScanService
from models.packing.sql.packing_store import SqlPackingStore
from models.storage.opening import open_database
from tests.support.packing_fixtures import ACK, CALL, Packing, packing_in


@pytest.fixture(name="packing")
def packing_fixture(tmp_path: Path) -> Iterator[Packing]:
    yield from packing_in(tmp_path)


def test_a_refusal_blocks_every_further_scan_until_acknowledged(packing: Packing):
    opened, refused, blocked, blocked_too = packing.scan(
        packing.packages[0], packing.item("batteries"), packing.item("tea"), packing.packages[1])
    assert refused.reason is Reason.NOT_IN_TEMPLATE and refused.blocked
    for outcome in (blocked, blocked_too):
        assert outcome.reason is Reason.AWAITING_ACKNOWLEDGEMENT and outcome.blocked
        assert "batteries" in outcome.message  # the original reason stays on screen
    assert packing.store.contents(opened.package_id) == {}
    [ack] = packing.scan(ACK)
    assert ack.reason is Reason.ACKNOWLEDGED and not ack.blocked
    [tea] = packing.scan(packing.item("tea"))
    assert tea.accepted


def test_acknowledge_by_method_and_when_nothing_is_pending(packing: Packing):
    packing.scan("garbage")
    assert packing.service.acknowledge(packing.station, packing.packer).reason is Reason.ACKNOWLEDGED
    assert packing.service.acknowledge(packing.station, packing.packer).reason is Reason.NOTHING_TO_ACKNOWLEDGE


def test_the_block_survives_a_restart(packing: Packing, tmp_path):
    packing.scan(packing.packages[0], packing.item("vodka"))
    path = packing.db.execute("PRAGMA database_list").fetchone()[2]
    packing.db.close()
    db = open_database(path)
    try:
        service = ScanService(SqlPackingStore(db))
        pending = service.pending_refusal(packing.station)
        assert pending is not None and pending.reason is Reason.CATEGORY_FORBIDDEN and pending.blocked
        assert pending.package_code == packing.packages[0]
        assert service.handle(packing.station, packing.packer, packing.item("tea")).reason is \
            Reason.AWAITING_ACKNOWLEDGEMENT
        assert service.handle(packing.station, packing.packer, ACK).reason is Reason.ACKNOWLEDGED
        assert service.pending_refusal(packing.station) is None
        assert service.handle(packing.station, packing.packer, packing.item("tea")).accepted
    finally:
        db.close()
        packing.db = open_database(path)  # the fixture closes it


def test_call_supervisor_works_while_blocked_and_keeps_the_block(packing: Packing):
    _, call, still = packing.scan("garbage", CALL, packing.packages[0])
    assert call.accepted and call.reason is Reason.SUPERVISOR_CALLED and call.blocked
    assert still.reason is Reason.AWAITING_ACKNOWLEDGEMENT


def test_blocks_are_per_station(packing: Packing):
    packing.scan("garbage")
    [other] = packing.scan(packing.packages[0], station=packing.other)
    assert other.reason is Reason.PACKAGE_OPENED


def test_the_outcome_is_returned_only_after_commit(packing: Packing):
    """Another connection sees the event the moment the outcome is in hand."""
    path = packing.db.execute("PRAGMA database_list").fetchone()[2]
    observer = open_database(path)
    try:
        [outcome] = packing.scan(packing.packages[0])
        row = observer.execute("SELECT type FROM events WHERE id = ?", [outcome.event_id]).fetchone()
        assert row == ("package_opened",)
        assert not packing.db.conn.in_transaction
    finally:
        observer.close()


def test_a_failing_commit_returns_no_outcome(packing: Packing, monkeypatch):
    """If the transaction cannot commit, the scan raises: nothing is acknowledged that is not stored."""
    import contextlib

    store = packing.store
    original = store.transaction

    @contextlib.contextmanager
    def failing():
        with original():
            yield
            raise OSError("disk full")

    monkeypatch.setattr(store, "transaction", failing)
    try:
        packing.service.handle(packing.station, packing.packer, packing.packages[0])
    except OSError:
        pass
    else:
        raise AssertionError("an outcome was returned for a scan that was rolled back")
    assert packing.db.execute("SELECT count(*) FROM events").fetchone()[0] == 0


def test_messages_use_the_users_language():
    class Quoting(Translator):
        def __init__(self) -> None:
            super().__init__("en")

        def gettext(self, message: str) -> str:
            return "«" + message + "»"

    text = render(Reason.NOT_IN_TEMPLATE, {"item": "tea"}, Quoting())
    assert text == "«tea is not on this package's checklist.»"


def test_every_reason_renders_without_leftover_placeholders(packing: Packing):
    from models.core.i18n import translator

    params = {"package": "P", "recipient": "R", "item": "I", "scanned": 1, "quantity": 2, "line": 3,
              "letter": "L", "weight": 9, "expected": 8, "copy": 2, "reason": "r", "code": "C", "other": "O",
              "campaign": "K", "station": "S", "category": "c", "tolerance": 1, "maximum": 5, "user": "U",
              "lines": "1, 2", "count": 2, "place": "B", "current": "Q", "items": 4, "replacement": "N"}
    for reason in Reason:
        for language in ("en", "ru", "uk"):
            text = render(reason, params, translator(language))
            assert text and "{" not in text, (reason, language, text)
    assert set(MESSAGES) | {Reason.REQUIRED_LINES_MISSING} == set(Reason)


def test_outcomes_are_frozen(packing: Packing):
    import dataclasses

    [outcome] = packing.scan(packing.packages[0])
    assert dataclasses.is_dataclass(outcome)
    try:
        outcome.accepted = False  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("ScanOutcome must be immutable")

