"""A closed campaign is read-only: the one refusal every write into it meets, in one sentence."""

from __future__ import annotations

from models.core.errors import RefusedInput
from models.core.i18n import _
from models.core.types import Campaign


def closed_message(name: str) -> str:
    return _("Campaign {name} is closed: nothing in it can be changed any more. Its papers can still be shown, "
             "printed and exported.").format(name=name)


def require_writable(campaign: Campaign) -> None:
    """Refuse a write into a closed or archived campaign, saying what still works."""
    if not campaign.writable:
        raise RefusedInput(closed_message(campaign.name))
