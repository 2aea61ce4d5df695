"""Files between the sending and the receiving side: the batch file (JSON), the batch list for spreadsheets
(CSV), the receiving side's ticked list read back, and the reconciliation as CSV.

CSV is written for spreadsheets in Russian and Ukrainian locales: UTF-8 with a BOM, `;` between cells, CRLF.
Package codes are written in digit groups ("1 0000000 000000123 4") so that a spreadsheet keeps them as text:
an 18-digit number would be rounded to 15 significant digits and lose the code. Every file is written under
a temporary name, made readable by its owner only (it holds personal data) and then renamed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from models.core import latin
from models.core.codes import CodeKind, classify
from models.core.errors import RefusedInput
from models.core.i18n import N_, Translator, _
from models.core.spreadsheets import csv_bytes as spreadsheet_csv
from models.handover.receiving_records import (
    CAUSE_TEXTS,
    FILE_FORMAT,
    FILE_VERSION,
    STATUS_NAMES,
    BatchFile,
    BatchFileLine,
    Cause,
    Reconciliation,
)
from models.handover.records import HandoverDetails
from models.handover.seal import manifest_hash

CSV_DELIMITER = ";"
MAX_BATCH_FILE_BYTES = 50 * 1024 * 1024

# The batch list's columns: (key, header msgid). The receiving side ticks "received" or "damaged" and may
# write a note; rows it adds at the bottom (packages that came but are not listed) are extras.
LIST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", N_("No.")), ("list_number", N_("List number")), ("code", N_("Package code")), ("surname", N_("Surname")),
    ("given_name", N_("Given name")), ("patronymic", N_("Patronymic")), ("birth_date", N_("Date of birth")),
    ("place", N_("Place")), ("carton", N_("Carton")), ("received", N_("Received")), ("damaged", N_("Damaged")),
    ("note", N_("Note")),
)
NOT_TICKED = frozenset({"", "0", "-", "–", "no", "n", "false", "нет", "ні", "ложь", "хибність"})


def grouped(code: str) -> str:
    """"1 0000000 000000123 4": readable, and kept as text by spreadsheets."""
    return f"{code[0]} {code[1:8]} {code[8:17]} {code[17:]}" if len(code) == 18 else code


def format_date(iso: str) -> str:
    try:
        return date.fromisoformat(iso).strftime("%d.%m.%Y") if iso else ""
    except ValueError:
        return iso


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """A header row and the rows, safe to open in a spreadsheet (`models.core.spreadsheets`)."""
    return spreadsheet_csv([header, *rows], delimiter=CSV_DELIMITER)


def list_csv(batch: BatchFile, t: Translator) -> bytes:
    """The batch list for any spreadsheet, with empty Received / Damaged / Note columns to fill in."""
    rows = [(str(number), line.list_number, grouped(line.code), line.surname, line.given_name, line.patronymic,
             format_date(line.birth_date), line.place, line.carton, "", "", "")
            for number, line in enumerate(batch.lines, start=1)]
    return csv_bytes([t.gettext(title) for _key, title in LIST_COLUMNS], rows)


def batch_json(batch: BatchFile) -> bytes:
    return (json.dumps(batch.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def reconciliation_csv(rec: Reconciliation, t: Translator) -> bytes:
    header = [t.gettext(text) for text in (N_("Status"), N_("Package code"), N_("List number"), N_("Recipient"),
                                          N_("Place"), N_("Carton"), N_("Reason"), N_("Note"), N_("Checked by"),
                                          N_("Time"))]
    rows = [(t.gettext(STATUS_NAMES[line.status]), grouped(line.code), line.list_number, line.name, line.place,
             line.carton,
             cause_text(line.cause, dict(line.cause_params), t), line.note, line.user, line.at)
            for line in rec.lines]
    return csv_bytes(header, rows)


def cause_text(cause: Cause, params: dict[str, str], t: Translator) -> str:
    try:
        return t.gettext(CAUSE_TEXTS[cause]).format(**params)
    except (KeyError, IndexError, ValueError):
        return CAUSE_TEXTS[cause].format(**params) if params else CAUSE_TEXTS[cause]


# -- reading the batch file ----------------------------------------------------------------------------------


def read_batch_file(path: Path) -> tuple[BatchFile, str, str]:
    """The batch file, its JSON text and the file's SHA-256; refused (RefusedInput, every problem listed) when
    it is not a complete, unaltered Packline batch file."""
    try:
        if path.stat().st_size > MAX_BATCH_FILE_BYTES:
            raise RefusedInput(_("{file} is too large for a batch file.").format(file=path.name))
        data = path.read_bytes()
    except OSError as error:
        raise RefusedInput(_("The batch file {file} cannot be read: {reason}").format(
            file=path.name, reason=error.strerror or error)) from None
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise RefusedInput(_("{file} is not a Packline batch file (it is not JSON text).").format(
            file=path.name)) from None
    if not isinstance(document, dict) or document.get("format") != FILE_FORMAT:
        raise RefusedInput(_("{file} is not a Packline batch file.").format(file=path.name))
    if document.get("format_version") != FILE_VERSION:
        raise RefusedInput(_("{file} is a batch file of format version {version}, which this Packline does not "
                             "read.").format(file=path.name, version=document.get("format_version")))
    batch = batch_from_document(document, path.name)
    return batch, json.dumps(document, ensure_ascii=False, sort_keys=True), hashlib.sha256(data).hexdigest()


def batch_from_document(document: dict[str, Any], name: str) -> BatchFile:
    problems: list[str] = []
    batch_code = str(document.get("batch", ""))
    if classify(batch_code).kind is not CodeKind.BATCH or not classify(batch_code).ok:
        problems.append(_("The batch code {code} is not valid.").format(code=batch_code))
    lines: list[BatchFileLine] = []
    seen: set[str] = set()
    packages = document.get("packages")
    for number, entry in enumerate(packages if isinstance(packages, list) else [], start=1):
        code = str(entry.get("code", "")) if isinstance(entry, dict) else ""
        scanned = classify(code)
        if not scanned.ok or scanned.kind is not CodeKind.PACKAGE or scanned.value != code:
            problems.append(_("Package {number}: {code} is not a package code.").format(number=number, code=code))
            continue
        if code in seen:
            problems.append(_("Package {number}: {code} is listed twice.").format(number=number, code=code))
        seen.add(code)
        lines.append(BatchFileLine(code, *(str(entry.get(key) or "") for key in (
            "surname", "given_name", "patronymic", "birth_date", "place", "carton", "list_number"))))
    if not isinstance(packages, list) or document.get("count") != len(lines):
        problems.append(_("The file says {count} packages but lists {listed}.").format(
            count=document.get("count"), listed=len(lines)))
    if not problems and manifest_hash(line.code for line in lines) != document.get("sha256"):
        problems.append(_("The hash of the package codes does not match the one in the file: the file was changed "
                          "or is incomplete."))
    latin_names = document.get("latin_names", latin.NONE)  # files of earlier releases have none
    if not isinstance(latin_names, str) or latin_names not in latin.SCHEMES:
        problems.append(_("The Latin line {scheme} is not one this Packline knows ({schemes}).").format(
            scheme=latin_names, schemes=", ".join(latin.SCHEMES)))
    version = document.get("version")
    if not isinstance(version, int) or not 1 <= version <= 999:
        problems.append(_("The manifest version {version} is not valid.").format(version=version))
    if problems:
        raise RefusedInput(_("{file} was not imported.").format(file=name), problems)
    marks = tuple((str(mark[0]), int(mark[1])) for mark in document.get("events_included") or ()
                  if isinstance(mark, list) and len(mark) == 2)
    assert isinstance(version, int)  # checked above: problems otherwise
    return BatchFile(str(document.get("campaign", "")), batch_code, version, str(document["sha256"]),
                     bool(document.get("signed")), HandoverDetails.from_json(document.get("handover")),
                     tuple(lines), marks, str(latin_names))
