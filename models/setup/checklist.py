"""The set-up checklist: each step a campaign needs before packing, whether it is done, and what does it.

It reads facts gathered from every feature (`models.setup.sql.facts`) and never blocks: packing may start with
steps open, the checklist only says what is missing and where to fix it. Steps Packline cannot see (labels
printed in advance, the command sheet, badges handed out) are reminders: `done` is None.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.core.i18n import _, ngettext


@dataclass(frozen=True)
class SetupFacts:
    """What the checklist looks at, for one campaign."""

    max_weight_set: bool
    items: int
    template: str | None
    """"name (version n)" of the template in force, or None."""
    template_problems: tuple[str, ...]
    recipients: int
    target: int
    supervisors: int
    packers: int
    stations: int
    """Other stations the hub has heard from (0: this station works alone)."""
    packages_without_lot: int
    lots_in_force: bool
    completable: int | None
    """Packages stock allows now (None: no template to plan with)."""
    remaining: int


@dataclass(frozen=True)
class SetupStep:
    key: str
    text: str
    done: bool | None
    """True done, False missing, None a reminder Packline cannot check."""
    fix: str
    """What does it, on screen and headless; empty when done."""

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "text": self.text, "done": self.done, "fix": self.fix}


def setup_steps(facts: SetupFacts) -> list[SetupStep]:
    def step(key: str, text: str, done: bool | None, fix: str) -> SetupStep:
        return SetupStep(key, text, done, "" if done else fix)

    template_ok = facts.template is not None and not facts.template_problems
    return [
        step("rules", _("Campaign rules: maximum package weight set") if facts.max_weight_set else
             _("Campaign rules: no maximum package weight"), facts.max_weight_set,
             _("Campaign menu > Edit campaign and rules; campaign edit NAME --max-weight G")),
        step("catalog", ngettext("Catalog: {count} item", "Catalog: {count} items", facts.items).format(
            count=facts.items), facts.items > 0,
             _("File > Import catalog; import catalog FILE")),
        step("template", _("Content template: {template}").format(template=facts.template) if facts.template else
             _("Content template: none yet"), template_ok,
             "; ".join(facts.template_problems) if facts.template_problems else
             _("File > Import content template; import template --campaign NAME FILE")),
        step("recipients", _("Recipient list: {count} of a target of {target}").format(
            count=facts.recipients, target=facts.target), facts.recipients > 0,
             _("File > Import recipients; import recipients --campaign NAME FILE")),
        step("users", _("Users with PINs: {supervisors} supervisors, {packers} packers").format(
            supervisors=facts.supervisors, packers=facts.packers), facts.supervisors > 0,
             _("Settings > Users; users add NAME --role packer|supervisor")),
        _stations_step(facts),
        step("stock", _("Stock allows {count} of the {remaining} packages to pack").format(
            count=facts.completable, remaining=facts.remaining) if facts.completable is not None else
             _("Stock versus plan: needs a template"),
             facts.completable is not None and facts.completable >= facts.remaining,
             _("Stock and plan screen; stock intake --item ITEM --quantity N; plan")),
        step("labels", _("Package labels printed in advance (Packline does not know)"), None,
             _("Campaign > Print labels and sheets; labels --campaign NAME --packages planned --out FILE")),
        step("command_sheet", _("Command sheet at every station (Packline does not know)"), None,
             _("Campaign > Print labels and sheets; commands --out FILE")),
        step("badges", _("Badges handed to the users (Packline does not know)"), None,
             _("Settings > Users > Give a badge, then Campaign > Print labels and sheets")),
    ]


def _stations_step(facts: SetupFacts) -> SetupStep:
    if facts.stations == 0:
        return SetupStep("stations", _("Stations: this station works alone"), True, "")
    done = facts.lots_in_force and facts.packages_without_lot == 0
    text = ngettext("Stations: {count} other station", "Stations: {count} other stations", facts.stations).format(
        count=facts.stations)
    if facts.lots_in_force:
        text += "; " + ngettext("{count} package in no lot", "{count} packages in no lot",
                               facts.packages_without_lot).format(count=facts.packages_without_lot)
    return SetupStep("stations", text, done, "" if done else _("Stations screen > Lots; sync lot assign STATION"))
