"""What the campaign brings to a handover: its parties as the manifest's defaults, the rules versions its
packages were sealed under, and a closed campaign that refuses every carton and batch change."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from models.campaigns import lifecycle
from models.core.types import HandoverParties
from models.handover.reasons import BatchReason as R
from models.journal.sql import events_repo, projections
from printing.handover_documents import HandoverDocuments
from tests.support.handover_fixtures import Demo, pack, packed_demo
from tests.support.pdfcheck import normalise, page_texts


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Demo]:
    found = packed_demo(tmp_path)
    yield found
    found.workspace.close()


def test_a_new_batch_takes_the_campaigns_parties(demo: Demo):
    campaign = lifecycle.get_by_id(demo.db, demo.campaign.id)
    lifecycle.edit(demo.db, campaign, replace(lifecycle.CampaignDraft.of(campaign), parties=HandoverParties(
        "Фонд «Надія»", "МКЧХ", "СІЗО № 1")))
    outcome = demo.workspace.batch_service().create_batch(demo.station, demo.supervisor, demo.campaign.id)
    batch = demo.workspace.batch_service().batch(outcome.batch_code)
    assert (batch.details.sending.organisation, batch.details.mediator.organisation,
            batch.details.receiving.organisation) == ("Фонд «Надія»", "МКЧХ", "СІЗО № 1")


def test_the_manifest_names_the_rules_versions_its_packages_were_sealed_under(demo: Demo):
    campaign = lifecycle.get_by_id(demo.db, demo.campaign.id)
    lifecycle.change_rules(demo.db, campaign, replace(campaign.rules, weight_tolerance_g=150), "Supervisor")
    pack(demo.workspace, demo.station, demo.packer, demo.campaign, demo.planned[:1])
    service = demo.workspace.batch_service()
    batch = service.create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    for code in (demo.sealed[0], demo.planned[0]):
        assert service.add(demo.station, demo.supervisor, batch, code).accepted
    assert service.close(demo.station, demo.supervisor, batch).accepted
    content = demo.workspace.manifest_service().content(batch)
    assert content.rules_versions == (1, 2)
    text = normalise(" ".join(page_texts(HandoverDocuments().manifest(content, "en"))))
    assert "Packed under the campaign rules, versions 1, 2" in text


def test_a_closed_campaign_refuses_cartons_and_batches(demo: Demo):
    service = demo.workspace.batch_service()
    batch = service.create_batch(demo.station, demo.supervisor, demo.campaign.id).batch_code
    carton = service.create_carton(demo.station, demo.supervisor, demo.campaign.id).carton_code
    lifecycle.close(demo.db, lifecycle.get_by_id(demo.db, demo.campaign.id))
    before = events_repo.count(demo.db), projections.dump(demo.db)
    outcomes = [service.create_batch(demo.station, demo.supervisor, demo.campaign.id),
                service.create_carton(demo.station, demo.supervisor, demo.campaign.id),
                service.add(demo.station, demo.supervisor, batch, demo.sealed[0]),
                service.put_in_carton(demo.station, demo.supervisor, carton, demo.sealed[1]),
                service.close(demo.station, demo.supervisor, batch)]
    assert [outcome.reason for outcome in outcomes] == [R.CAMPAIGN_CLOSED] * 5
    assert "Campaign Demo is closed" in outcomes[0].message
    assert (events_repo.count(demo.db), projections.dump(demo.db)) == before
