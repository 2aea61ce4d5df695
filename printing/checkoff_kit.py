"""The check-off kit: one self-contained HTML file per batch version, for a receiving side without Packline.

It opens from a USB stick (`file://`) in any current browser with no network and nothing outside itself: the
style, the script and the batch's lines are inside the file, and its Content-Security-Policy forbids every
connection. The script (`resources/kit/checkoff.js`) recomputes the manifest's SHA-256 from the kit's own
lines (the rule of `models.handover.seal`), checks packages off as a USB scanner reads them (the physical key,
`KeyboardEvent.code`, gives the digit, so any keyboard layout works), keeps the progress in the browser's
storage as it happens, and writes the receipt (`models.handover.receipt_files`, the same JSON a receiving
Packline exports) for the hub to import.

Every text the kit shows is a message of the translation catalogs, given in the three languages, so the
receiving side can switch language in the kit itself.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping
from typing import Any

import resources
from models.core.i18n import LANGUAGES, N_, translator
from models.core.latin import latin_name, search_forms
from models.handover.receipt_files import RECEIPT_FORMAT, RECEIPT_VERSION
from models.handover.receiving_records import BatchFile
from models.handover.seal import PAYLOAD_LENGTH

KIT_FORMAT = "packline-checkoff-kit"
KIT_VERSION = 1
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")

TEXTS: dict[str, str] = {
    "title": N_("Check-off of batch {batch}, version {version}"),
    "campaign": N_("Campaign: {campaign}"),
    "handed_over": N_("Handed over: {date}, {place}"),
    "language": N_("Language"),
    "text_size": N_("Text size"),
    "hash_label": N_("Manifest SHA-256 (compare with the one printed under the manifest's QR code):"),
    "hash_checking": N_("Checking the kit's lines against the manifest hash…"),
    "hash_ok": N_("The kit's lines match the manifest hash."),
    "hash_bad": N_("The kit's lines do not match the manifest hash: this file was changed. Do not use it; ask the "
                   "sending side for the batch's kit again."),
    "hash_unavailable": N_("This browser cannot compute SHA-256 here, so the kit cannot check its lines. Use a "
                           "current Chromium, Firefox or Edge."),
    "qr_ok": N_("The scanned manifest matches this kit: batch {batch}, version {version}, {count} packages."),
    "qr_bad": N_("The scanned manifest does not match this kit (batch {batch}, version {version}, {count} packages, "
                 "hash {hash}). Check that you have the kit of this manifest."),
    "scan_prompt": N_("Scan a package label. To compare with the paper, scan the manifest's QR code."),
    "checked_by": N_("Checked by"),
    "checked_by_hint": N_("your name"),
    "search": N_("Find by name (Cyrillic or Latin), list number or code"),
    "only_open": N_("Only packages not yet checked"),
    "progress": N_("{done} of {total} checked"),
    "received": N_("Received"),
    "damaged": N_("Damaged"),
    "not_checked": N_("Not yet checked"),
    "missing": N_("Missing"),
    "extra": N_("Extra"),
    "col_number": N_("No."),
    "col_list": N_("List number"),
    "col_name": N_("Recipient"),
    "col_born": N_("Date of birth"),
    "col_place": N_("Place"),
    "col_carton": N_("Carton"),
    "col_code": N_("Package code"),
    "col_status": N_("Status"),
    "mark_received": N_("Received"),
    "mark_damaged": N_("Damaged…"),
    "undo": N_("Undo"),
    "note_prompt": N_("What is damaged?"),
    "save": N_("Save"),
    "cancel": N_("Cancel"),
    "ok_received": N_("{code}: received. {name}"),
    "ok_marked": N_("{code}: marked damaged. {name}"),
    "ok_undone": N_("{code}: not checked any more."),
    "again": N_("{code} was already checked off at {time}: counted once. {name}"),
    "twice": N_("{code}: read twice and counted once."),
    "extra_scan": N_("{code} is not on this batch's list: recorded as extra. Put it aside."),
    "extra_again": N_("{code} is already recorded as extra."),
    "bad_check": N_("{code} is not a valid code (its check digit is wrong): a digit was misread. Scan it again."),
    "bad_length": N_("{code} is not a whole package code ({digits} digits; a package code has 18). Scan it again."),
    "not_package": N_("{code} is a {kind} code, not a package label. Scan the package's own label."),
    "kind_letter": N_("letter"),
    "kind_carton": N_("carton"),
    "kind_batch": N_("batch"),
    "kind_command": N_("command"),
    "not_ours": N_("{code} is not a Packline code (a product barcode?). Scan the package label."),
    "broken": N_("The scan stopped half-way ({code}): nothing was recorded. Scan it again."),
    "extras_title": N_("Packages that came but are not on the list"),
    "no_extras": N_("None so far."),
    "finish": N_("Finish and save the receipt"),
    "finish_confirm": N_("{count} packages are not checked: they will be reported missing. Press again to finish."),
    "finish_name": N_("Write who checked the packages before finishing."),
    "finish_done": N_("The receipt {file} was saved: give it to the sending side. The summary is below; print it "
                      "for signatures."),
    "finish_blocked": N_("This kit cannot write a receipt: its lines do not match the manifest hash."),
    "summary_title": N_("Receipt of batch {batch}, version {version}"),
    "summary_counts": N_("Expected {total}: received {received}, damaged {damaged}, missing {missing}; extra "
                         "{extra}."),
    "summary_missing": N_("Missing packages"),
    "summary_damaged": N_("Damaged packages"),
    "summary_extra": N_("Extra packages"),
    "summary_hash": N_("Receipt SHA-256: {hash}"),
    "print": N_("Print the summary"),
    "signature": N_("Received by (name, signature, date)"),
    "witness": N_("Witness (name, signature, date)"),
    "storage_bad": N_("This browser does not keep the progress (its storage is off or full): do not close this tab "
                      "until you have finished."),
    "resumed": N_("Progress restored: {done} of {total} checked."),
    "kit_station": N_("Check-off kit"),
}
"""Every text of the kit: key for the script, message id for the catalogs (`{name}` fields filled by the script)."""


def _texts(language: str) -> dict[str, str]:
    t = translator(language)
    return {key: t.gettext(message) for key, message in TEXTS.items()}


def _asset(name: str) -> str:
    return resources.path("kit", name).read_text(encoding="utf-8")


def _script_json(document: Mapping[str, Any]) -> str:
    """JSON safe inside a `<script>` element: `<` is escaped, so no name can close the element."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def kit_document(batch: BatchFile, language: str) -> dict[str, Any]:
    """What the kit's script reads: the batch, its lines, the receipt format and the texts of every language.

    Each line has its Latin line by the campaign's scheme ("" when the campaign prints none) and, for the search,
    both passports' spellings of the name, whatever the campaign prints.
    """
    return {
        "format": KIT_FORMAT, "format_version": KIT_VERSION, "campaign": batch.campaign, "batch": batch.batch_code,
        "version": batch.version, "count": len(batch.lines),
        "manifest_sha256": batch.sha256, "signed": batch.signed, "place": batch.details.place,
        "handed_over": batch.details.handover_at[:10], "qr_length": PAYLOAD_LENGTH,
        "receipt": {"format": RECEIPT_FORMAT, "format_version": RECEIPT_VERSION},
        "language": language if language in LANGUAGES else "en",
        "lines": [{"code": line.code, "list_number": line.list_number,
                   "name": line.full_name, "latin": latin_name(line.full_name, batch.latin_names),
                   "spellings": search_forms(line.full_name),
                   "birth_date": line.birth_date, "place": line.place, "carton": line.carton}
                  for line in batch.lines],
        "texts": {code: _texts(code) for code in LANGUAGES},
    }


def render_kit(batch: BatchFile, language: str = "en") -> bytes:
    """The kit of a batch version as HTML bytes (UTF-8)."""
    script = _asset("checkoff.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    document = kit_document(batch, language)
    title = document["texts"][document["language"]]["title"].format(batch=batch.batch_code, version=batch.version)
    values = {
        "lang": document["language"],
        "csp": f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src data:; "
               "base-uri 'none'; form-action 'none'",
        "title": html.escape(title, quote=False), "style": _asset("checkoff.css"), "data": _script_json(document),
        "script": script,
    }
    # One pass, so that nothing a value holds (a name, say) is ever read as a placeholder.
    page = _PLACEHOLDER.sub(lambda match: values[match.group(1)], _asset("checkoff.html"))
    return page.encode("utf-8")
