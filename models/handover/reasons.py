"""Why a carton or batch action was accepted or refused: a stable code for programs, a sentence for people.

Messages are marked with `N_` and translated when the outcome is built, in the language asked for.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from models.core.i18n import N_, Translator


class BatchReason(enum.StrEnum):
    # accepted
    CARTON_CREATED = "carton_created"
    BATCH_CREATED = "batch_created"
    PUT_IN_CARTON = "put_in_carton"
    PACKAGE_BATCHED = "package_batched"
    CARTON_BATCHED = "carton_batched"
    REMOVED_FROM_CARTON = "removed_from_carton"
    PACKAGE_REMOVED = "package_removed"
    CARTON_REMOVED = "carton_removed"
    DETAILS_SAVED = "details_saved"
    BATCH_CLOSED = "batch_closed"
    BATCH_REOPENED = "batch_reopened"
    BATCH_SIGNED = "batch_signed"
    CORRECTION_OPENED = "correction_opened"
    SHEET_ATTACHED = "sheet_attached"
    # refused: the code
    UNREADABLE = "unreadable"
    BAD_CHECK_DIGIT = "bad_check_digit"
    WRONG_KIND = "wrong_kind"
    NOT_A_PACKAGE = "not_a_package"
    UNKNOWN_PACKAGE = "unknown_package"
    UNKNOWN_CARTON = "unknown_carton"
    UNKNOWN_BATCH = "unknown_batch"
    NO_CAMPAIGN = "no_campaign"
    CAMPAIGN_CLOSED = "campaign_closed"
    NOT_SUPERVISOR = "not_supervisor"
    # refused: the package or carton
    OTHER_CAMPAIGN = "other_campaign"
    NOT_SEALED = "not_sealed"
    VOIDED = "voided"
    RELABEL_NEEDED = "relabel_needed"
    REPLACED = "replaced"
    CONFLICT = "conflict"
    IN_OTHER_CARTON = "in_other_carton"
    IN_OTHER_BATCH = "in_other_batch"
    ALREADY_IN_CARTON = "already_in_carton"
    ALREADY_IN_BATCH = "already_in_batch"
    CARTON_EMPTY = "carton_empty"
    CARTON_HOLDS_UNFIT = "carton_holds_unfit"
    NOT_IN_CARTON = "not_in_carton"
    NOT_IN_BATCH = "not_in_batch"
    # refused: the batch's state
    BATCH_IS_CLOSED = "batch_is_closed"
    BATCH_IS_SIGNED = "batch_is_signed"
    BATCH_NOT_CLOSED = "batch_not_closed"
    BATCH_NOT_SIGNED = "batch_not_signed"
    BATCH_EMPTY = "batch_empty"
    NO_CODES_YET = "no_codes_yet"
    CODE_CLASH = "code_clash"
    BATCH_HOLDS_UNFIT = "batch_holds_unfit"
    REASON_REQUIRED = "reason_required"
    ALREADY_ATTACHED = "already_attached"
    NO_SUCH_VERSION = "no_such_version"
    FILE_UNREADABLE = "file_unreadable"
    FILE_MISSING = "file_missing"
    FILE_TOO_LARGE = "file_too_large"

    @property
    def accepted(self) -> bool:
        return self in _ACCEPTED


_ACCEPTED = frozenset({
    BatchReason.CARTON_CREATED, BatchReason.BATCH_CREATED, BatchReason.PUT_IN_CARTON, BatchReason.PACKAGE_BATCHED,
    BatchReason.CARTON_BATCHED, BatchReason.REMOVED_FROM_CARTON, BatchReason.PACKAGE_REMOVED,
    BatchReason.CARTON_REMOVED, BatchReason.DETAILS_SAVED, BatchReason.BATCH_CLOSED, BatchReason.BATCH_REOPENED,
    BatchReason.BATCH_SIGNED, BatchReason.CORRECTION_OPENED, BatchReason.SHEET_ATTACHED,
})

MESSAGES: dict[BatchReason, str] = {
    BatchReason.CARTON_CREATED: N_("Carton {number} ({carton}) created."),
    BatchReason.BATCH_CREATED: N_("Batch {batch} created."),
    BatchReason.PUT_IN_CARTON: N_("Package {package} put into carton {number}."),
    BatchReason.PACKAGE_BATCHED: N_("Package {package} added to batch {batch}."),
    BatchReason.CARTON_BATCHED: N_("Carton {number} added to batch {batch}."),
    BatchReason.REMOVED_FROM_CARTON: N_("Package {package} taken out of carton {number}."),
    BatchReason.PACKAGE_REMOVED: N_("Package {package} taken out of batch {batch}."),
    BatchReason.CARTON_REMOVED: N_("Carton {number} taken out of batch {batch}."),
    BatchReason.DETAILS_SAVED: N_("Handover details of batch {batch} saved."),
    BatchReason.BATCH_CLOSED: N_("Batch {batch} closed as manifest version {version}."),
    BatchReason.BATCH_REOPENED: N_("Batch {batch} is open again; print its manifest after closing it."),
    BatchReason.BATCH_SIGNED: N_("Manifest version {version} of batch {batch} is signed: the batch is handed over."),
    BatchReason.CORRECTION_OPENED: N_("Batch {batch} is open for a correction as version {version}."),
    BatchReason.SHEET_ATTACHED: N_("Signed sheet of batch {batch}, version {version}, attached (SHA-256 {sha256})."),
    BatchReason.UNREADABLE: N_("The code {code} cannot be read: scan it again or type it from the label."),
    BatchReason.BAD_CHECK_DIGIT: N_("The code {code} has a wrong check digit: scan it again or type it from the "
                                    "label."),
    BatchReason.WRONG_KIND: N_("{code} is not a package or carton code."),
    BatchReason.NOT_A_PACKAGE: N_("{code} is not a package code: only packages go into a carton."),
    BatchReason.UNKNOWN_PACKAGE: N_("Package {code} is not in this database."),
    BatchReason.UNKNOWN_CARTON: N_("Carton {code} is not in this database."),
    BatchReason.UNKNOWN_BATCH: N_("Batch {code} is not in this database."),
    BatchReason.NO_CAMPAIGN: N_("Choose a campaign first."),
    BatchReason.CAMPAIGN_CLOSED: N_("Campaign {campaign} is closed: nothing more is handed over in it."),
    BatchReason.NOT_SUPERVISOR: N_("Only a supervisor can do this; {user} is not one."),
    BatchReason.OTHER_CAMPAIGN: N_("{what} belongs to campaign {other}, not to {campaign}."),
    BatchReason.NOT_SEALED: N_("Package {package} is not sealed (it is {state})."),
    BatchReason.VOIDED: N_("Package {package} was voided and cannot be handed over."),
    BatchReason.REPLACED: N_("Package {package} was voided and replaced by package {replacement}: hand over the "
                             "replacement."),
    BatchReason.RELABEL_NEEDED: N_("The label of package {package} names its person as the list did before a "
                                   "correction a supervisor accepted: print its label again first."),
    BatchReason.CONFLICT: N_("Package {package} is flagged as a conflict between stations; a supervisor must "
                             "resolve it first."),
    BatchReason.IN_OTHER_CARTON: N_("Package {package} is already in carton {number}."),
    BatchReason.IN_OTHER_BATCH: N_("{what} is already in batch {other}."),
    BatchReason.ALREADY_IN_CARTON: N_("Package {package} is already in this carton."),
    BatchReason.ALREADY_IN_BATCH: N_("{what} is already in this batch."),
    BatchReason.CARTON_EMPTY: N_("Carton {number} is empty."),
    BatchReason.CARTON_HOLDS_UNFIT: N_("Carton {number} holds package {package}, which cannot be handed over: "
                                       "{problem}"),
    BatchReason.NOT_IN_CARTON: N_("Package {package} is not in carton {number}."),
    BatchReason.NOT_IN_BATCH: N_("{what} is not in batch {batch}."),
    BatchReason.BATCH_IS_CLOSED: N_("Batch {batch} is closed: reopen it before changing it."),
    BatchReason.BATCH_IS_SIGNED: N_("Batch {batch} is signed and cannot be changed; open a correction (version "
                                    "{next}) instead."),
    BatchReason.BATCH_NOT_CLOSED: N_("Batch {batch} is still open: close it first."),
    BatchReason.BATCH_NOT_SIGNED: N_("Batch {batch} is not signed yet."),
    BatchReason.BATCH_EMPTY: N_("Batch {batch} is empty."),
    BatchReason.NO_CODES_YET: N_(
        "This database has no range of codes of its own yet, so it cannot issue new codes: exchange with the "
        "hub once (a station exports its events and imports the hub's answer; a hub restored from a backup "
        "imports from its exchange folder), then try again."),
    BatchReason.CODE_CLASH: N_(
        "Batch {batch} cannot be closed or signed: a station's import brought {code} for another carton or batch (a "
        "conflict on the Conflicts screen). Resolve it first."),
    BatchReason.BATCH_HOLDS_UNFIT: N_("Batch {batch} cannot be closed: {problems}"),
    BatchReason.REASON_REQUIRED: N_("Give the reason for the correction."),
    BatchReason.ALREADY_ATTACHED: N_("Version {version} of batch {batch} already has its signed sheet ({file})."),
    BatchReason.NO_SUCH_VERSION: N_("Batch {batch} has no manifest version {version}."),
    BatchReason.FILE_UNREADABLE: N_("The file {file} cannot be read: {problem}"),
    BatchReason.FILE_MISSING: N_("{file} does not exist or is not a file."),
    BatchReason.FILE_TOO_LARGE: N_("{file} is larger than {limit} MB."),
}

STATE_NAMES: dict[str, str] = {
    "planned": N_("planned"), "open": N_("open"), "sealed": N_("sealed"), "voided": N_("voided"),
}
_WHAT = {"package": N_("Package {package}"), "carton": N_("Carton {number}")}


def render(reason: BatchReason, params: Mapping[str, Any], translator: Translator) -> str:
    """The sentence for an outcome, in the translator's language.

    Parameters with a meaning of their own: `state` (a package state, translated), `what_kind` ("package" or
    "carton": fills `{what}`), `problem` (one nested refusal as {"reason", "params"}), `problems` (several).
    """
    values = dict(params)
    if "state" in values:
        values["state"] = translator.gettext(STATE_NAMES.get(values["state"], values["state"]))
    if "what_kind" in values:
        values["what"] = translator.gettext(_WHAT[values["what_kind"]]).format(**values)
    if isinstance(values.get("problem"), Mapping):
        values["problem"] = _nested(values["problem"], translator)
    if isinstance(values.get("problems"), list):
        values["problems"] = " ".join(_nested(problem, translator) for problem in values["problems"])
    try:
        return translator.gettext(MESSAGES[reason]).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder: fall back to English
        return MESSAGES[reason].format(**values)


def _nested(problem: Mapping[str, Any], translator: Translator) -> str:
    return render(BatchReason(problem["reason"]), problem.get("params", {}), translator)
