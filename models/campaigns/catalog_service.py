"""The catalog and content templates as the editors see them: items, the current template, its use.

Saving goes through `models.campaigns.reference` (all-or-nothing, validated); saving a changed template always stores
a new version, so packages sealed under the old version keep the checklist they were packed against.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from models.campaigns import reference
from models.campaigns.reference import SaveResult
from models.core import codes
from models.core.i18n import _
from models.core.types import Campaign, Item, ItemData, Template, TemplateLineData


class TemplateUse(Protocol):
    """The SQL side (`models.campaigns.sql.catalog_queries.SqlTemplateUse`)."""

    def packages_using(self, template_id: int) -> dict[str, int]:
        """Packages packed under a template version, by state (open, sealed, voided)."""
        ...

    def versions(self, campaign_id: int) -> list[tuple[int, str, int, str]]:
        """(template id, name, version, created at) of every template of the campaign, newest first."""
        ...


def barcode_problem(text: str) -> str | None:
    """Why a typed barcode is not a valid EAN-8, UPC-A, EAN-13 or GTIN-14; None when it is."""
    value = text.strip()
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        return _("A barcode has digits only.")
    if len(value) not in (8, 12, 13, 14):
        return _("{count} digits: a barcode has 8, 12, 13 or 14.").format(count=len(value))
    try:
        codes.validate_item_barcode(value)
    except ValueError:
        return _("The check digit is wrong: check the number on the package.")
    return None


class CatalogService:
    def __init__(self, db: object, use: TemplateUse) -> None:
        self._db = db
        self._use = use

    def items(self) -> list[Item]:
        return reference.list_items(self._db)  # type: ignore[arg-type]

    def save_items(self, items: Sequence[ItemData]) -> SaveResult:
        """Add or update items (matched by name); refused with every problem, nothing changed."""
        return reference.save_items(self._db, items)  # type: ignore[arg-type]

    def template(self, campaign: Campaign) -> Template | None:
        return reference.current_template(self._db, campaign)  # type: ignore[arg-type]

    def save_template(self, campaign: Campaign, name: str, lines: Sequence[TemplateLineData]
                      ) -> tuple[Template, SaveResult]:
        return reference.save_template(self._db, campaign, name, lines)  # type: ignore[arg-type]

    def packages_using(self, template_id: int) -> dict[str, int]:
        return self._use.packages_using(template_id)

    def template_version(self, template_id: int) -> Template | None:
        """One stored version of a template, by its id (`versions` lists them)."""
        return reference.template_by_id(self._db, template_id)  # type: ignore[arg-type]

    def versions(self, campaign_id: int) -> list[tuple[int, str, int, str]]:
        return self._use.versions(campaign_id)
