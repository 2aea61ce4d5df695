"""One open station database and what it offers the screens and the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from models.journal import registry
from models.storage.db import cut_log, log_bytes
from models.storage.opening import open_database


def _import_projected_features() -> None:
    """The features whose projections the journal keeps: importing their SQL registers them
    (`models.journal.registry`). Run by the registry before the first event is appended or replayed, so a
    command that only reads never imports them."""
    import models.handover.sql.journal_projection  # noqa: F401
    import models.packing.sql.journal_projection  # noqa: F401


registry.load_with(_import_projected_features)

if TYPE_CHECKING:  # only named in annotations: the services import lazily, so opening a database stays cheap
    from collections.abc import Callable, Sequence
    from contextlib import AbstractContextManager

    from models.campaigns.catalog_service import CatalogService
    from models.campaigns.lifecycle import CampaignService
    from models.campaigns.queries import RecipientQueries
    from models.campaigns.reference import PackageChoice
    from models.core.cancel import CancelFlag
    from models.core.settings import Settings
    from models.core.types import Campaign
    from models.demo.removal import DemoRemoval
    from models.handover.batches import BatchService
    from models.handover.manifests import ManifestService
    from models.handover.receiving import ReceivingService
    from models.handover.sql.consistency import Finding
    from models.imports.service import ImportService
    from models.package_life.decisions import DecisionService
    from models.packing.letters import LetterService
    from models.packing.scanning import ScanService
    from models.packing.station import StationService
    from models.packing.users import User, UserService
    from models.progress.dashboard import DashboardService
    from models.progress.service import ProgressService
    from models.setup.checklist import SetupStep
    from models.stock.planning import PlanService
    from models.stock.service import StockService
    from models.storage.database import Database
    from models.sync.conflicts import ConflictService
    from models.sync.identity import IdentityCheck
    from models.sync.watch import FolderWatcher
    from printing.documents import LabelData, SlipData


class Workspace:
    """Owns the connection of one station database; built once in `main.py` and passed down."""

    def __init__(self, db: Database, path: Path) -> None:
        self.db = db
        self.path = path
        self._scan_service: ScanService | None = None

    @classmethod
    def open(cls, path: Path | str) -> Workspace:
        return cls(open_database(path), Path(path))

    def backup(self, reason: str = "auto") -> Path:
        """A backup now, the older ones pruned to the schedule and the size budget of Settings."""
        from models.core.settings import BACKUP_BUDGET_MB
        from models.storage.backup import make_backup

        return make_backup(self.db, self.path, reason, self.settings().get(BACKUP_BUDGET_MB) * 1_000_000)

    def cut_log(self) -> bool:
        """The write-ahead log copied into the database and cut to nothing (`models.storage.db.cut_log`)."""
        return cut_log(self.db)

    def log_bytes(self) -> int:
        return log_bytes(self.path)

    def close(self) -> None:
        self.db.close()

    def settings(self) -> Settings:
        """Typed business settings (language, label layout, printer, ...) of this database."""
        from models.core.settings import Settings
        from models.storage.settings_table import SettingsTable

        return Settings(SettingsTable(self.db))

    def campaigns(self) -> list[Campaign]:
        """Every campaign in this database, oldest first."""
        from models.campaigns.reference import list_campaigns

        return list_campaigns(self.db)

    def recipient_queries(self) -> RecipientQueries:
        """The recipient table's reads (ordered ids, rows by id) on this connection."""
        from models.campaigns.queries import RecipientQueries
        from models.campaigns.sql.recipient_queries import SqlRecipientStore

        return RecipientQueries(SqlRecipientStore(self.db))

    # -- packing engine (issue 3): services over this connection; the UI sees only their models/ types --

    def station_service(self) -> StationService:
        from models.packing.sql.stations_repo import SqlStationStore
        from models.packing.station import StationService

        return StationService(SqlStationStore(self.db))

    def scan_service(self) -> ScanService:
        """One per workspace: its store caches template versions (which never change once saved)."""
        from models.packing.scanning import ScanService
        from models.packing.sql.packing_store import SqlPackingStore

        if self._scan_service is None:
            self._scan_service = ScanService(SqlPackingStore(self.db))
        return self._scan_service

    def user_service(self) -> UserService:
        from models.core.settings import PIN_LOCK_AFTER
        from models.packing.sql.users_repo import SqlUserStore
        from models.packing.users import UserService

        settings = self.settings()
        return UserService(SqlUserStore(self.db), lock_after=lambda: int(settings.get(PIN_LOCK_AFTER)))

    def decision_service(self) -> DecisionService:
        """A supervisor's decisions on what a corrected recipient list could not do alone."""
        from models.package_life.decisions import DecisionService

        return DecisionService(self.db)

    def reissue(self, campaign: Campaign, code: str, supervisor: User, reason: str) -> str:
        """A replacement package for the voided package `code` (at a hub or a single workstation, never at a
        station of a hub); returns the replacement's code."""
        from models.package_life.replacements import reissue
        from models.sync.sql import sync_repo

        return reissue(self.db, campaign, code, supervisor, reason,
                       at_station=sync_repo.role(self.db) == sync_repo.ROLE_STATION)

    def void_package(self, code: str, supervisor: User, reason: str) -> str:
        """Void a sealed package (in no carton or batch) from the screens, as this station. Returns what was
        done, in a sentence; refused with the reason."""
        from models.core.errors import RefusedInput
        from models.core.i18n import _

        station = self.station_service().identity()
        if station is None:
            raise RefusedInput(_("Give this station a name first (Settings)."))
        outcome = self.scan_service().void(station, supervisor, code, reason)
        if not outcome.accepted:
            raise RefusedInput(outcome.message)
        return outcome.message

    def campaign_of_package(self, code: str) -> Campaign:
        """The campaign a package code belongs to (refused for a code that is no package here)."""
        from models.campaigns.sql.reference_repo import package_by_code
        from models.core.codes import classify
        from models.core.errors import RefusedInput
        from models.core.i18n import _

        package = package_by_code(self.db, classify(code).value)
        if package is None:
            raise RefusedInput(_("{code} is not a package of this campaign.").format(code=code))
        return self.campaign_service().by_id(package.campaign_id)

    def replacement_label(self, campaign: Campaign, code: str) -> list[LabelData]:
        """The label of a replacement package (planned: no copy is recorded, as with labels printed in advance)."""
        from models.campaigns.reference import PackageChoice

        return self.package_labels(campaign, self.chosen_packages(campaign, PackageChoice.ALL, codes=[code]),
                                   campaign.label_language)

    def reprint_label(self, campaign: Campaign, code: str, user: User) -> list[LabelData]:
        """Record a new copy of a sealed package's label, as this station, and return it to print (a lost label,
        or one a list correction made stale)."""
        from models.core.errors import RefusedInput
        from models.core.i18n import _

        station = self.station_service().identity()
        if station is None:
            raise RefusedInput(_("Give this station a name first (Settings)."))
        outcome = self.scan_service().reprint_package(station, user, code)
        if not outcome.accepted or outcome.package_id is None:
            raise RefusedInput(outcome.message)
        return self.package_labels(campaign, [outcome.package_id], campaign.label_language)

    def letter_service(self) -> LetterService:
        from models.packing.letters import LetterService
        from models.packing.sql.letters_repo import SqlLetterStore

        return LetterService(SqlLetterStore(self.db))

    def stock_service(self) -> StockService:
        from models.stock.service import StockService
        from models.stock.sql.stock_repo import SqlStockStore

        return StockService(SqlStockStore(self.db))

    def plan_service(self) -> PlanService:
        from models.stock.planning import PlanService
        from models.stock.sql.stock_repo import SqlStockStore

        store = SqlStockStore(self.db)
        return PlanService(store, self.stock_service())

    def progress_service(self) -> ProgressService:
        from models.progress.service import ProgressService
        from models.progress.sql.progress_repo import SqlProgressStore

        return ProgressService(SqlProgressStore(self.db))

    def quick_check(self) -> None:
        """SQLite's check of the whole file (an open reads only its header): DatabaseCorrupt on damage."""
        from models.storage.db import quick_check

        quick_check(self.db, self.path)

    def consistency_findings(self, *, replay: bool = True) -> list[Finding]:
        """Where the handover papers disagree with the packages, and (`replay`) the projections with the journal
        replayed whole."""
        from models.handover.sql.consistency import findings

        return findings(self.db, replay=replay)

    def rebuild_projections(self) -> int:
        """Recompute package states, contents and stock consumption from the journal alone."""
        from models.journal.sql.rebuild import rebuild_projections

        return rebuild_projections(self.db)

    # -- campaign screens (issue 6) ----------------------------------------------------------------------

    def connection_factory(self) -> Callable[[], Workspace]:
        """Opens another Workspace on the same database file: for work on a worker thread, which must never
        share the UI thread's connection. The caller closes what it opened."""
        from models.storage.db import connect

        path = self.path
        return lambda: Workspace(connect(path, check=False), path)

    def interruptible(self, flag: CancelFlag) -> AbstractContextManager[None]:
        """While inside, SQL on this connection stops soon after `flag` is set, raising `Cancelled`."""
        from models.storage.interrupt import interruptible

        return interruptible(self.db, flag)

    def import_service(self) -> ImportService:
        from models.imports.service import ImportService

        return ImportService(self.db, self.interruptible)

    def campaign_service(self) -> CampaignService:
        """Create, edit, close and archive campaigns; their rule versions."""
        from models.campaigns.lifecycle import CampaignService

        return CampaignService(self.db)

    def package_labels(self, campaign: Campaign, package_ids: Sequence[int], language: str) -> list[LabelData]:
        """The labels of these packages as the station prints them (a label printed before is the next COPY)."""
        from printing.labels import label_for_package

        scans = self.scan_service()
        views = (scans.package_view(package_id, recent_events=0) for package_id in package_ids)
        return [label_for_package(view, campaign.name, view.label_copies, language, campaign.latin_names)
                for view in views if view]

    def package_slips(self, campaign: Campaign, package_ids: Sequence[int]) -> list[SlipData]:
        """The content slips of those packages that are sealed (a slip lists what went in), dated at sealing."""
        from datetime import date

        from models.core.events import EventType
        from models.journal.sql import events_repo
        from models.packing.states import PackageState
        from printing.slips import slip_for_package

        scans = self.scan_service()
        slips = []
        for package_id in package_ids:
            view = scans.package_view(package_id, recent_events=0)
            if view is None or view.state is not PackageState.SEALED:
                continue
            sealed = next((event.at for event in events_repo.read(self.db, package_id=package_id, newest_first=True)
                           if event.type == EventType.PACKAGE_SEALED.value), "")
            slips.append(slip_for_package(view, campaign.name, date.fromisoformat(sealed[:10]) if sealed else None))
        return slips

    def chosen_packages(self, campaign: Campaign, choice: PackageChoice, numbers: tuple[int, int] | None = None,
                        codes: Sequence[str] | None = None) -> list[int]:
        """The packages a run of labels is for: by choice and list numbers, or the codes given (each checked)."""
        from models.campaigns.reference import package_id_of, package_ids

        if codes is not None:
            return [package_id_of(self.db, campaign, code) for code in codes]
        return package_ids(self.db, campaign, choice, numbers=numbers)

    def delete_demo(self, campaign: Campaign) -> DemoRemoval:
        """Delete the demo campaign once a real one exists (refused when work was recorded in it)."""
        from models.demo.removal import delete_demo

        return delete_demo(self.db, campaign)

    def item_categories(self) -> list[str]:
        """The categories of the catalog's items, for the rules panel's forbidden categories."""
        from models.campaigns.reference import list_items

        return sorted({item.category for item in list_items(self.db) if item.category})

    def create_demo(self, recipients: int) -> Campaign:
        """The demo campaign (first start's "Explore the demo"), under the first free name Demo, Demo 2, ..."""
        from models.demo.campaign import create_demo

        taken = {campaign.name for campaign in self.campaigns()}
        name, number = "Demo", 1
        while name in taken:
            number += 1
            name = f"Demo {number}"
        return create_demo(self.db, name, recipients=recipients).campaign

    def setup_checklist(self, campaign: Campaign) -> list[SetupStep]:
        """What the campaign still lacks before packing (never a block: packing may start anyway)."""
        from models.setup.checklist import setup_steps
        from models.setup.sql.facts import setup_facts

        return setup_steps(setup_facts(self.db, campaign, self.plan_service()))

    def catalog_service(self) -> CatalogService:
        from models.campaigns.catalog_service import CatalogService
        from models.campaigns.sql.catalog_queries import SqlTemplateUse

        return CatalogService(self.db, SqlTemplateUse(self.db))

    def dashboard_service(self) -> DashboardService:
        from models.progress.dashboard import DashboardService
        from models.progress.sql.dashboard_queries import SqlDashboardStore

        return DashboardService(SqlDashboardStore(self.db), self.progress_service())


    # -- handover (issue 7): cartons, batches, manifests, receiving ---------------------------------------------

    def batch_service(self) -> BatchService:
        """Cartons and batches; attached signed sheets are kept in `manifests/` beside the database."""
        from models.handover.batches import BatchService
        from models.handover.sql.batches_repo import SqlBatchStore

        return BatchService(SqlBatchStore(self.db, self.path))

    def manifest_service(self) -> ManifestService:
        from models.handover.manifests import ManifestService
        from models.handover.sql.batches_repo import SqlBatchStore

        return ManifestService(SqlBatchStore(self.db, self.path))

    def receiving_service(self) -> ReceivingService:
        from models.handover.receiving import ReceivingService
        from models.handover.sql.batches_repo import SqlBatchStore
        from models.handover.sql.receiving_repo import SqlReceivingStore

        return ReceivingService(SqlReceivingStore(self.db), SqlBatchStore(self.db, self.path))

    # -- several stations (issue 8) -------------------------------------------------------------------------

    def check_station_identity(self) -> IdentityCheck:
        """Call right after opening, before anything is recorded: a copied or restored database takes a new
        station identity here, so its sequence numbers never repeat under the old one."""
        from models.sync.identity import check_identity

        return check_identity(self.db, self.path)

    def conflict_service(self) -> ConflictService:
        """The hub's flagged packages and their resolution (the Conflicts screen)."""
        from models.sync.conflicts import ConflictService

        return ConflictService(self.db)

    def sync_watcher(self, folder: Path, passphrase: str | None = None,
                     settled: set[tuple[str, int, int]] | None = None) -> FolderWatcher:
        """The automatic exchange through `folder`; call `poll_once()` from a timer, on this workspace's own
        connection (open one with `connection_factory()` for a worker thread). `settled`: the files a watcher
        made earlier imported or refused for good (`FolderWatcher`)."""
        from models.sync.watch import FolderWatcher

        return FolderWatcher(self.db, self.path, folder, passphrase=passphrase, settled=settled)

