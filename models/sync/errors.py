"""Why an exchange file or campaign pack was refused: a stable kind for programs, a sentence for people."""

from __future__ import annotations

import enum

from models.core.errors import RefusedInput
from models.core.i18n import _


class Problem(enum.StrEnum):
    NOT_PACKLINE = "not_packline"
    UNKNOWN_FORMAT = "unknown_format"
    TRUNCATED = "truncated"
    CORRUPT = "corrupt"
    WRONG_HASH = "wrong_hash"
    PASSPHRASE_NEEDED = "passphrase_needed"
    WRONG_PASSPHRASE = "wrong_passphrase"
    UNKNOWN_SCHEMA = "unknown_schema"
    WRONG_KIND = "wrong_kind"
    SEQUENCE_CLASH = "sequence_clash"
    SEQUENCE_GAP = "sequence_gap"
    OTHER_HUB = "other_hub"
    NOT_JOINED = "not_joined"
    WRONG_ROLE = "wrong_role"
    OLDER_PACK = "older_pack"
    UNKNOWN_PACKAGE = "unknown_package"
    CANNOT_WRITE = "cannot_write"
    BAD_SIGNATURE = "bad_signature"
    NOT_ENROLLED = "not_enrolled"
    REVOKED = "revoked"


class ExchangeRefused(RefusedInput):
    """A file was refused and nothing was changed. `problem` says why, for the watcher and for tests."""

    def __init__(self, problem: Problem, message: str, problems: list[str] | None = None, *,
                 seq: int | None = None, request: tuple[str, str, bytes] | None = None) -> None:
        super().__init__(message, problems)
        self.problem = problem
        self.seq = seq
        """For a sequence clash: the first number that clashed."""
        self.request = request
        """For a station not enrolled: (station id, name, public key), for the hub's list of requests."""

    @property
    def may_still_be_arriving(self) -> bool:
        """A file cut short or with a wrong hash may still be being copied or replicated: try it later."""
        return self.problem in (Problem.TRUNCATED, Problem.WRONG_HASH)

    @property
    def may_succeed_later(self) -> bool:
        """Refusals that go away by themselves (a file still arriving, an earlier file not imported yet)."""
        return self.may_still_be_arriving or self.problem is Problem.SEQUENCE_GAP


def not_joined(file: str) -> ExchangeRefused:
    """At a station: `file` (a pack or an acknowledgement) comes from another hub than the one it joined."""
    return ExchangeRefused(Problem.OTHER_HUB, _("{file} comes from a hub this station has not joined.").format(
        file=file))
