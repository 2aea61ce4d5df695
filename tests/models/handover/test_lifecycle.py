"""The batch life cycle: the rules refuse exactly what the table does not allow, with the reason of the state."""

from __future__ import annotations

import pytest

from models.handover import lifecycle
from models.handover.lifecycle import BatchAction
from models.handover.reasons import BatchReason as R
from models.handover.records import BatchRecord, BatchState, HandoverDetails
from models.handover.rules import state_problem


def batch(state: BatchState, version: int = 1) -> BatchRecord:
    return BatchRecord("400000000000000017", 1, state, version, HandoverDetails(), "2026-12-01T10:00:00", "Olena")


@pytest.mark.parametrize("state", list(BatchState))
@pytest.mark.parametrize("action", list(BatchAction))
def test_the_rules_refuse_what_the_table_does_not_allow(state: BatchState, action: BatchAction) -> None:
    problem = state_problem(batch(state), action)
    assert (problem is None) == lifecycle.allowed(state, action)
    if problem is not None:
        expected = {BatchState.SIGNED: R.BATCH_IS_SIGNED, BatchState.OPEN: R.BATCH_NOT_CLOSED,
                    BatchState.CLOSED: R.BATCH_IS_CLOSED}[state]
        if action in (BatchAction.CORRECT, BatchAction.ATTACH):
            expected = R.BATCH_NOT_SIGNED
        assert problem.reason is expected


def test_a_signed_batch_takes_no_change_but_a_correction() -> None:
    assert lifecycle.ALLOWED[BatchState.SIGNED] == {BatchAction.CORRECT, BatchAction.ATTACH}
    assert not lifecycle.allowed(BatchState.SIGNED, BatchAction.EDIT)
    assert not lifecycle.allowed(BatchState.SIGNED, BatchAction.REOPEN)


def test_a_manifest_exists_once_the_batch_was_closed() -> None:
    assert not lifecycle.has_manifest(BatchState.OPEN, 1)
    assert lifecycle.has_manifest(BatchState.OPEN, 2)  # a correction is open: version 1 was signed
    assert lifecycle.has_manifest(BatchState.CLOSED, 1) and lifecycle.has_manifest(BatchState.SIGNED, 1)
