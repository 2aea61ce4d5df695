"""A corrected recipient list, decisions and replacements, on a campaign with sealed and planned packages:
the label, the plan, the station and the handover agree at every step, and `check` finds nothing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from models.campaigns import reference
from models.campaigns.list_import import ListOutcome
from models.campaigns.list_versions import ListSource
from models.campaigns.sql import reference_repo as repo
from models.core.codes import Command, command_code
from models.core.errors import RefusedInput
from models.core.types import RecipientData
from models.package_life.decisions import Outcome
from models.packing.scan_reasons import Reason
from tests.support.dbdump import dump
from tests.support.handover_fixtures import Demo, current_list, pack, packed_demo

_versions = iter(range(10_000))
ACK = command_code(Command.ACKNOWLEDGE)


def import_list(demo: Demo, people: list[RecipientData]):
    return reference.save_recipients(demo.db, demo.campaign, people, user="coordinator",
                                     source=ListSource(f"list-{next(_versions)}.csv", f"{next(_versions):064x}"))


def number_of(demo: Demo, code: str) -> str:
    return demo.db.execute("SELECT r.list_number FROM packages p JOIN recipients r ON r.id = p.recipient_id "
                           "WHERE p.code = ?", [code]).fetchone()[0]


def name_of(demo: Demo, code: str) -> str:
    return demo.db.execute("SELECT r.surname FROM packages p JOIN recipients r ON r.id = p.recipient_id "
                           "WHERE p.code = ?", [code]).fetchone()[0]


def no_findings(demo: Demo) -> None:
    assert demo.workspace.consistency_findings() == []


@pytest.fixture
def demo(tmp_path: Path) -> Demo:
    return packed_demo(tmp_path, recipients=12, packages=6)


def test_a_change_to_a_sealed_persons_name_waits_and_an_accepted_one_is_relabelled(demo: Demo) -> None:
    sealed, planned = demo.sealed[0], demo.planned[0]
    people = current_list(demo)
    numbers = {number_of(demo, sealed), number_of(demo, planned)}
    corrected = [replace(p, surname="Петренко") if p.list_number in numbers else p for p in people]
    result = import_list(demo, corrected)
    assert (result.updated, [e.outcome for e in result.effects]) == (1, [ListOutcome.CHANGE_HELD])
    assert name_of(demo, planned) == "Петренко"  # a planned package's person changes at once
    assert name_of(demo, sealed) != "Петренко"  # the sealed label's person stays until a supervisor decides
    [waiting] = demo.workspace.decision_service().pending(demo.campaign)
    assert (waiting.kind, waiting.package, waiting.changes[0].new) == ("changed", sealed, "Петренко")
    assert import_list(demo, corrected).effects[0].outcome is ListOutcome.CHANGE_HELD  # asked once, not twice
    assert len(demo.workspace.decision_service().pending(demo.campaign)) == 1
    [waiting] = demo.workspace.decision_service().pending(demo.campaign)

    done = demo.workspace.decision_service().decide(demo.campaign, waiting.id, Outcome.ACCEPT, demo.supervisor)
    assert sealed in done and name_of(demo, sealed) == "Петренко"
    scans = demo.workspace.scan_service()
    refused = scans.handle(demo.station, demo.packer, sealed)
    assert (refused.accepted, refused.reason) == (False, Reason.LABEL_NEEDS_REPRINT)
    assert "Петренко" in refused.message
    scans.handle(demo.station, demo.packer, ACK)
    batches = demo.workspace.batch_service()
    batch = batches.create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    assert batch is not None
    held = batches.add(demo.station, demo.supervisor, batch, sealed)
    assert not held.accepted and "print its label again" in held.message
    no_findings(demo)
    reprinted = scans.reprint_package(demo.station, demo.packer, sealed)
    assert reprinted.accepted
    assert batches.add(demo.station, demo.supervisor, batch, sealed).accepted
    no_findings(demo)


def planned_counts(demo: Demo) -> tuple[int, int]:
    """The plan's count of planned packages (three counts) and the list it names them from: always equal."""
    from models.stock.sql.stock_repo import SqlStockStore

    store = SqlStockStore(demo.db)
    return store.planned_count(demo.campaign.id), len(store.planned_packages(demo.campaign.id))


def test_a_removed_planned_package_is_withdrawn_and_comes_back_with_its_person(demo: Demo) -> None:
    planned = demo.planned[0]
    people = current_list(demo)
    before = demo.workspace.progress_service().progress(demo.campaign.id).total
    gone = number_of(demo, planned)
    result = import_list(demo, [p for p in people if p.list_number != gone])
    assert [(e.outcome, e.package) for e in result.effects] == [(ListOutcome.WITHDRAWN, planned)]
    counted, listed = planned_counts(demo)
    assert counted == listed == len(demo.planned) - 1
    assert demo.workspace.progress_service().progress(demo.campaign.id).total == before - 1
    labels = reference.package_ids(demo.db, demo.campaign, reference.PackageChoice.PLANNED)
    assert repo.package_by_code(demo.db, planned).id not in labels  # type: ignore[union-attr]
    with pytest.raises(RefusedInput, match="withdrawn"):
        reference.package_id_of(demo.db, demo.campaign, planned)
    refused = demo.workspace.scan_service().handle(demo.station, demo.packer, planned)
    assert refused.reason is Reason.PACKAGE_WITHDRAWN
    demo.workspace.scan_service().handle(demo.station, demo.packer, ACK)
    opened = demo.workspace.scan_service().next_package(demo.station, demo.packer)
    assert opened.accepted and opened.package_code != planned
    no_findings(demo)
    back = import_list(demo, people)
    assert [(e.outcome, e.package) for e in back.effects] == [(ListOutcome.REINSTATED, planned)]
    assert planned_counts(demo) == (len(demo.planned) - 1, len(demo.planned) - 1)  # one was opened meanwhile
    assert demo.workspace.progress_service().progress(demo.campaign.id).total == before
    no_findings(demo)


def test_a_removed_sealed_package_waits_and_is_kept_or_voided_by_a_supervisor(demo: Demo) -> None:
    kept, voided = demo.sealed[:2]
    people = current_list(demo)
    leaving = {number_of(demo, kept), number_of(demo, voided)}
    result = import_list(demo, [p for p in people if p.list_number not in leaving])
    assert {e.outcome for e in result.effects} == {ListOutcome.REMOVAL_HELD}
    service = demo.workspace.decision_service()
    by_package = {d.package: d for d in service.pending(demo.campaign)}
    with pytest.raises(RefusedInput, match="keep or withdraw"):
        service.decide(demo.campaign, by_package[kept].id, Outcome.ACCEPT, demo.supervisor)
    with pytest.raises(RefusedInput, match="not a supervisor"):
        service.decide(demo.campaign, by_package[kept].id, Outcome.KEEP, demo.packer)
    service.decide(demo.campaign, by_package[kept].id, Outcome.KEEP, demo.supervisor)
    assert "voided" in service.decide(demo.campaign, by_package[voided].id, Outcome.WITHDRAW, demo.supervisor)
    states = dict(demo.db.execute("SELECT p.code, s.state FROM package_state s JOIN packages p ON p.id = "
                                  "s.package_id WHERE p.code IN (?, ?)", [kept, voided]).fetchall())
    assert states == {kept: "sealed", voided: "voided"}
    again = import_list(demo, [p for p in people if p.list_number not in leaving] + [people[0]])
    assert not again.effects and not service.pending(demo.campaign)  # a kept person is not asked about again
    no_findings(demo)


def test_a_number_given_to_another_person_is_refused_and_nothing_changes(demo: Demo) -> None:
    from datetime import date

    people = current_list(demo)
    before = dump(demo.db)
    clash = replace(people[3], surname="Зінченко", birth_date=date(1971, 7, 7) if people[3].birth_date != date(
        1971, 7, 7) else date(1972, 7, 7))
    with pytest.raises(RefusedInput) as refused:
        import_list(demo, [*people[:3], clash, *people[4:]])
    assert any(f"Number {clash.list_number}" in problem for problem in refused.value.problems)
    assert dump(demo.db) == before


def test_a_voided_package_is_replaced_and_the_person_counted_once(demo: Demo) -> None:
    old = demo.sealed[0]
    scans = demo.workspace.scan_service()
    total = demo.workspace.progress_service().progress(demo.campaign.id).total
    assert scans.void(demo.station, demo.supervisor, old, "box crushed").accepted
    with pytest.raises(RefusedInput, match="supervisor"):
        demo.workspace.reissue(demo.campaign, old, demo.packer, "again")
    new = demo.workspace.reissue(demo.campaign, old, demo.supervisor, "box crushed")
    with pytest.raises(RefusedInput, match="already replaced"):
        demo.workspace.reissue(demo.campaign, old, demo.supervisor, "again")
    progress = demo.workspace.progress_service().progress(demo.campaign.id)
    assert progress.total == total and progress.by_state["voided"] == 0
    refused = scans.handle(demo.station, demo.packer, old)
    assert refused.reason is Reason.PACKAGE_REPLACED and new in refused.message
    scans.handle(demo.station, demo.packer, ACK)
    batches = demo.workspace.batch_service()
    batch = batches.create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    assert batch is not None
    handed = batches.add(demo.station, demo.supervisor, batch, old)
    assert not handed.accepted and new in handed.message
    pack(demo.workspace, demo.station, demo.packer, demo.campaign, [new])
    assert name_of(demo, new) == name_of(demo, old)
    row = demo.workspace.recipient_queries()
    [match] = row.ids(demo.campaign.id, reference_sort(), search=number_of(demo, new))[:1]
    assert row.rows([match])[match].package_code == new
    no_findings(demo)


def reference_sort():
    from models.campaigns.queries import SortColumn

    return SortColumn.NUMBER


@pytest.mark.parametrize(("damage", "rule"), [
    ("UPDATE packages SET live = 0 WHERE id = (SELECT min(id) FROM packages)", "no_live_package"),
    ("INSERT INTO package_withdrawals SELECT package_id, campaign_id, 1, 'x', 'now', 0 FROM package_state LIMIT 1",
     "withdrawn_packed"),
])
def test_check_names_a_package_whose_life_does_not_add_up(demo: Demo, damage: str, rule: str) -> None:
    """The cross-rules find a database edited behind Packline's back (the journal would never give this)."""
    demo.db.execute(damage)
    assert rule in {finding.rule for finding in demo.workspace.consistency_findings()}


def test_check_names_a_replacement_the_packages_do_not_know(demo: Demo) -> None:
    scans = demo.workspace.scan_service()
    scans.void(demo.station, demo.supervisor, demo.sealed[0], "crushed")
    new = demo.workspace.reissue(demo.campaign, demo.sealed[0], demo.supervisor, "crushed")
    no_findings(demo)
    demo.db.execute("UPDATE packages SET code = '100000000000009999' WHERE code = ?", [new])
    assert "replacement_missing" in {finding.rule for finding in demo.workspace.consistency_findings()}


def test_a_person_added_under_a_new_number_who_is_on_the_list_already_is_a_warning(demo: Demo, tmp_path: Path) -> None:
    from models import imports
    from tests.support.import_files import RU_HEADER, write_csv

    people = current_list(demo)
    first = people[0]
    assert first.birth_date is not None
    rows = [[p.list_number, p.surname, p.given_name, p.patronymic,
             p.birth_date.strftime("%d.%m.%Y") if p.birth_date else "", p.place] for p in people]
    twin = ["999", first.surname.upper(), first.given_name, first.patronymic.replace("е", "ё"),
            first.birth_date.strftime("%d.%m.%Y"), first.place]
    path = write_csv(tmp_path / "again.csv", [RU_HEADER, *rows[1:], twin])  # number 1 left, 999 came
    report = imports.validate(demo.db, imports.ImportKind.RECIPIENTS, path, campaign=demo.campaign)
    [warning] = report.warnings
    assert "already on the current list as number 1" in str(warning) and warning.row == len(rows) + 1
