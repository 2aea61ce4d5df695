"""Why a scan was accepted or refused: a stable code for programs, a sentence for people.

Messages are marked with `N_` and translated when the outcome is built, in the language of the user at
the station (a station's language is not the process's: the command line may serve several users).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from models.core.categories import category_name
from models.core.i18n import N_, Translator


class Reason(enum.StrEnum):
    # accepted
    PACKAGE_OPENED = "package_opened"
    PACKAGE_RESUMED = "package_resumed"
    ITEM_COUNTED = "item_counted"
    LETTER_ENCLOSED = "letter_enclosed"
    SCAN_UNDONE = "scan_undone"
    WEIGHT_ENTERED = "weight_entered"
    PACKAGE_SEALED = "package_sealed"
    LABEL_PRINTED = "label_printed"
    LABEL_REPRINTED = "label_reprinted"
    PACKAGE_VOIDED = "package_voided"
    ACKNOWLEDGED = "acknowledged"
    NOTHING_TO_ACKNOWLEDGE = "nothing_to_acknowledge"
    SUPERVISOR_CALLED = "supervisor_called"
    # refused: the code itself
    AWAITING_ACKNOWLEDGEMENT = "awaiting_acknowledgement"
    UNREADABLE = "unreadable"
    BAD_CHECK_DIGIT = "bad_check_digit"
    UNKNOWN_COMMAND = "unknown_command"
    NOT_A_PACKING_CODE = "not_a_packing_code"
    # refused: packages
    NO_CAMPAIGN = "no_campaign"
    CAMPAIGN_CLOSED = "campaign_closed"
    UNKNOWN_PACKAGE = "unknown_package"
    OTHER_CAMPAIGN = "other_campaign"
    PACKAGE_IS_SEALED = "package_is_sealed"
    PACKAGE_IS_VOIDED = "package_is_voided"
    PACKAGE_REPLACED = "package_replaced"
    PACKAGE_WITHDRAWN = "package_withdrawn"
    LABEL_NEEDS_REPRINT = "label_needs_reprint"
    OPEN_AT_OTHER_STATION = "open_at_other_station"
    SWITCH_NEEDS_CONFIRMATION = "switch_needs_confirmation"
    OUTSIDE_LOT = "outside_lot"
    NO_TEMPLATE = "no_template"
    QUEUE_EMPTY = "queue_empty"
    NO_PACKAGE_OPEN = "no_package_open"
    # refused: items
    UNKNOWN_ITEM = "unknown_item"
    CATEGORY_FORBIDDEN = "category_forbidden"
    NOT_IN_TEMPLATE = "not_in_template"
    LINE_FULL = "line_full"
    # refused: letters
    UNKNOWN_LETTER = "unknown_letter"
    LETTERS_NOT_ALLOWED = "letters_not_allowed"
    LETTER_OTHER_RECIPIENT = "letter_other_recipient"
    LETTER_ALREADY_ENCLOSED = "letter_already_enclosed"
    # refused: undo, weight, seal, labels, void
    NOTHING_TO_UNDO = "nothing_to_undo"
    INVALID_WEIGHT = "invalid_weight"
    REQUIRED_LINES_MISSING = "required_lines_missing"
    LETTER_NOT_ENCLOSED = "letter_not_enclosed"
    WEIGHT_OUT_OF_TOLERANCE = "weight_out_of_tolerance"
    WEIGHT_OVER_MAXIMUM = "weight_over_maximum"
    NOTHING_TO_REPRINT = "nothing_to_reprint"
    PACKAGE_NOT_SEALED = "package_not_sealed"
    NOT_SUPERVISOR = "not_supervisor"
    VOID_REASON_REQUIRED = "void_reason_required"
    PACKAGE_IN_HANDOVER = "package_in_handover"

    @property
    def accepted(self) -> bool:
        return self in _ACCEPTED


_ACCEPTED = frozenset({
    Reason.PACKAGE_OPENED, Reason.PACKAGE_RESUMED, Reason.ITEM_COUNTED, Reason.LETTER_ENCLOSED,
    Reason.SCAN_UNDONE, Reason.WEIGHT_ENTERED, Reason.PACKAGE_SEALED, Reason.LABEL_PRINTED,
    Reason.LABEL_REPRINTED, Reason.PACKAGE_VOIDED, Reason.ACKNOWLEDGED, Reason.NOTHING_TO_ACKNOWLEDGE,
    Reason.SUPERVISOR_CALLED,
})

MESSAGES: dict[Reason, str] = {
    Reason.PACKAGE_OPENED: N_("Package {package} opened for {recipient}."),
    Reason.PACKAGE_RESUMED: N_("Package {package} for {recipient}: packing continues."),
    Reason.ITEM_COUNTED: N_("{item}: {scanned} of {quantity} (line {line})."),
    Reason.LETTER_ENCLOSED: N_("Letter {letter} enclosed."),
    Reason.SCAN_UNDONE: N_("Undone: {item} taken off line {line}."),
    Reason.WEIGHT_ENTERED: N_("Weight {weight} g entered; expected {expected} g."),
    Reason.PACKAGE_SEALED: N_("Package {package} for {recipient} sealed."),
    Reason.LABEL_PRINTED: N_("Label of package {package} printed (copy {copy})."),
    Reason.LABEL_REPRINTED: N_("Reprinting the label of package {package} as copy {copy}."),
    Reason.PACKAGE_VOIDED: N_("Package {package} voided ({reason}); its items are back in stock."),
    Reason.ACKNOWLEDGED: N_("Acknowledged. Scan the next code."),
    Reason.NOTHING_TO_ACKNOWLEDGE: N_("Nothing to acknowledge."),
    Reason.SUPERVISOR_CALLED: N_("A supervisor has been called to this station."),
    Reason.AWAITING_ACKNOWLEDGEMENT: N_("Scan Acknowledge first. Refused before: {previous}"),
    Reason.UNREADABLE: N_("The code {code} is not a package, letter, command or item code."),
    Reason.BAD_CHECK_DIGIT: N_("The code {code} has a wrong check digit: scan it again or type it from the label."),
    Reason.UNKNOWN_COMMAND: N_("{code} is not a command Packline knows."),
    Reason.NOT_A_PACKING_CODE: N_("{code} is a carton or batch code; it is not used at a packing station."),
    Reason.NO_CAMPAIGN: N_("This station has no campaign chosen."),
    Reason.CAMPAIGN_CLOSED: N_("Campaign {campaign} is closed: nothing more is packed in it."),
    Reason.UNKNOWN_PACKAGE: N_("Package {code} is not in this database."),
    Reason.OTHER_CAMPAIGN: N_("Package {package} belongs to campaign {other}, not to {campaign}."),
    Reason.PACKAGE_IS_SEALED: N_("Package {package} is already sealed."),
    Reason.PACKAGE_IS_VOIDED: N_("Package {package} was voided and cannot be packed."),
    Reason.PACKAGE_REPLACED: N_("Package {package} was voided and replaced by package {replacement}: put this "
                                "label aside and use the label of {replacement}."),
    Reason.PACKAGE_WITHDRAWN: N_("Package {package} is withdrawn: {recipient} is not on the current recipient "
                                 "list. Do not pack it; put the label aside."),
    Reason.LABEL_NEEDS_REPRINT: N_("The label of package {package} names its person as the list did before a "
                                   "correction: print its label again (it now reads {recipient}) and stick it "
                                   "over the old one."),
    Reason.OPEN_AT_OTHER_STATION: N_("Package {package} is open at another station: {station}."),
    Reason.SWITCH_NEEDS_CONFIRMATION: N_("Package {current} is open with {items} scanned into it. Scan {package} "
                                         "again to switch to it (the open one waits), or Acknowledge to stay."),
    Reason.OUTSIDE_LOT: N_("Package {package} is in the lot of {station}, not of this station."),
    Reason.NO_TEMPLATE: N_("Campaign {campaign} has no content template yet."),
    Reason.QUEUE_EMPTY: N_("No planned package is left in this station's queue."),
    Reason.NO_PACKAGE_OPEN: N_("No package is open: scan a package label first."),
    Reason.UNKNOWN_ITEM: N_("Barcode {code} is not in the catalog."),
    Reason.CATEGORY_FORBIDDEN: N_("{item} is in the category {category}, which this campaign forbids."),
    Reason.NOT_IN_TEMPLATE: N_("{item} is not on this package's checklist."),
    Reason.LINE_FULL: N_("Line {line} ({expected}) is already complete with {quantity}: {item} is one too many."),
    Reason.UNKNOWN_LETTER: N_("Letter {code} is not registered."),
    Reason.LETTERS_NOT_ALLOWED: N_("Letters are not allowed in this campaign."),
    Reason.LETTER_OTHER_RECIPIENT: N_("This letter is for {other}, not for {recipient}."),
    Reason.LETTER_ALREADY_ENCLOSED: N_("Letter {letter} is already in package {package}."),
    Reason.NOTHING_TO_UNDO: N_("Nothing to undo in package {package}."),
    Reason.INVALID_WEIGHT: N_("A weight is a whole number of grams above zero."),
    Reason.LETTER_NOT_ENCLOSED: N_("Cannot seal: letter {letter} for {recipient} has arrived and must go inside."),
    # Said when the weight is entered and again at sealing: the texts fit both.
    Reason.WEIGHT_OUT_OF_TOLERANCE: N_(
        "The package weighs {weight} g, but {expected} g (within {tolerance} g) is expected: check its contents "
        "and weigh it again."),
    Reason.WEIGHT_OVER_MAXIMUM: N_("{weight} g is over the campaign maximum of {maximum} g: the package cannot be "
                                   "sealed like this."),
    Reason.NOTHING_TO_REPRINT: N_("No sealed package to reprint a label for."),
    Reason.PACKAGE_NOT_SEALED: N_("Package {package} is not sealed."),
    Reason.NOT_SUPERVISOR: N_("Only a supervisor can do this; {user} is not one."),
    Reason.VOID_REASON_REQUIRED: N_("Give the reason for voiding the package."),
    Reason.PACKAGE_IN_HANDOVER: N_(
        "Package {package} is in carton or batch {place}: take it out before voiding it (a signed batch needs "
        "a correction version first)."),
}

_LETTER_UNDONE = N_("Undone: letter {letter} taken out again.")


def render(reason: Reason, params: Mapping[str, Any], translator: Translator) -> str:
    """The sentence for an outcome, in the translator's language."""
    values = dict(params)
    if reason is Reason.REQUIRED_LINES_MISSING:
        return translator.ngettext(
            "Cannot seal: line {lines} is not complete.", "Cannot seal: lines {lines} are not complete.",
            int(values.get("count", 0))).format(**values)
    if reason is Reason.AWAITING_ACKNOWLEDGEMENT:
        previous = values.get("previous_reason")
        values["previous"] = render(Reason(previous), values.get("previous_params", {}), translator) if previous else ""
    if reason is Reason.CATEGORY_FORBIDDEN:
        values["category"] = category_name(str(values.get("category", "")), translator)
    if reason is Reason.SCAN_UNDONE and values.get("kind") == "letter":
        return translator.gettext(_LETTER_UNDONE).format(**values)
    try:
        return translator.gettext(MESSAGES[reason]).format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder: fall back to English
        return MESSAGES[reason].format(**values)
