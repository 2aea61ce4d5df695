"""Who packs at this station: the station's identity and the signed-in packer, and the calls they make.

Plain Python (no Qt). Every packing call goes to `ScanService` with this station and user and comes back as
the service's `ScanOutcome`; nothing here decides whether a scan is right. Messages are asked for in the UI
language, so the whole screen speaks one language.
"""

from __future__ import annotations

from models.core.errors import RefusedInput
from models.core.i18n import _, current_language
from models.core.types import Campaign
from models.packing.package_view import PackageView
from models.packing.scanning import ScanOutcome
from models.packing.station import Station
from models.packing.users import User
from ui.station.services import StationServices


class StationSession:
    def __init__(self, services: StationServices) -> None:
        self._services = services
        self.scans = services.scan_service()
        self.users = services.user_service()
        self.stations = services.station_service()
        self.station: Station | None = self.stations.identity()
        self.user: User | None = None

    # -- station and packer ------------------------------------------------------------------------------------

    def campaigns(self) -> list[Campaign]:
        return self._services.campaigns()

    @property
    def needs_setup(self) -> bool:
        """No name yet, or several campaigns and none chosen for this station."""
        station = self.station
        if station is None or not station.name:
            return True
        return station.campaign_id is None and len(self.campaigns()) > 1

    def set_up(self, name: str, campaign_id: int | None) -> Station:
        """Name the station (once) and choose its campaign; raises `RefusedInput` with a readable message."""
        station = self.stations.ensure(name)
        if campaign_id is not None and station.campaign_id != campaign_id:
            station = self.stations.set_campaign(campaign_id)
        self.station = station
        return station

    def _campaign(self, campaign_id: int | None = None) -> Campaign | None:
        """That campaign, or the station's."""
        wanted = campaign_id if campaign_id is not None else (self.station.campaign_id if self.station else None)
        return next((campaign for campaign in self.campaigns() if campaign.id == wanted), None)

    def campaign_name(self, campaign_id: int | None = None) -> str:
        found = self._campaign(campaign_id)
        return found.name if found else ""

    def label_language(self) -> str:
        """The language the station's campaign prints its labels in (the campaign's setting)."""
        found = self._campaign()
        return found.label_language if found else "en"

    def latin_names(self) -> str:
        """The scheme of the Latin line under the name on the campaign's labels (`models.core.latin`)."""
        found = self._campaign()
        return found.latin_names if found else "none"

    def active_users(self) -> list[User]:
        return [user for user in self.users.list() if user.active]

    def sign_in(self, name: str, pin: str) -> User:
        self.user = self.users.sign_in(name, pin)
        return self.user

    def sign_in_badge(self, code: str) -> User:
        self.user = self.users.sign_in_badge(code)
        return self.user

    def sign_out(self) -> None:
        self.user = None

    # -- packing: each call is one ScanService operation -------------------------------------------------------

    def _ready(self) -> tuple[Station, User]:
        if self.station is None or self.user is None:
            raise RefusedInput(_("Sign in first."))
        return self.station, self.user

    def scan(self, raw: str) -> ScanOutcome:
        station, user = self._ready()
        return self.scans.handle(station, user, raw, language=current_language())

    def seal(self) -> ScanOutcome:
        station, user = self._ready()
        return self.scans.seal(station, user, language=current_language())

    def undo(self) -> ScanOutcome:
        station, user = self._ready()
        return self.scans.undo(station, user, language=current_language())

    def reprint(self) -> ScanOutcome:
        station, user = self._ready()
        return self.scans.reprint(station, user, language=current_language())

    def next_package(self) -> ScanOutcome:
        station, user = self._ready()
        return self.scans.next_package(station, user, language=current_language())

    def enter_weight(self, grams: int) -> ScanOutcome:
        station, user = self._ready()
        return self.scans.enter_weight(station, user, grams, language=current_language())

    def acknowledge(self) -> ScanOutcome:
        station, user = self._ready()
        return self.scans.acknowledge(station, user, language=current_language())

    def waiting_note(self) -> str:
        """The packages left half packed here (another label was scanned twice), so none is forgotten."""
        waiting = self.scans.waiting_here(self.station) if self.station is not None else []
        if not waiting:
            return ""
        return _("Half packed at this station, waiting for their label: {packages}.").format(
            packages=", ".join(f"{code} ({name})" for code, name in waiting[:3]))

    def signed_in(self) -> tuple[Station, User]:
        """This station and who is signed in (a label printed in the background is recorded as theirs)."""
        return self._ready()

    def record_label_printed(self, package_id: int, by: tuple[Station, User] | None = None) -> ScanOutcome:
        """Record the label of `package_id` as printed, by `by` (default: who is signed in now)."""
        station, user = by if by is not None else self._ready()
        return self.scans.record_label_printed(station, user, package_id, language=current_language())

    # -- reading -----------------------------------------------------------------------------------------------

    def current_view(self) -> PackageView | None:
        return self.scans.current_view(self.station, recent_events=RECENT_EVENTS) if self.station else None

    def package_view(self, package_id: int) -> PackageView | None:
        return self.scans.package_view(package_id, recent_events=RECENT_EVENTS)

    def unlabelled_seal(self) -> str | None:
        return self.scans.unlabelled_seal(self.station) if self.station else None

    def pending_refusal(self) -> ScanOutcome | None:
        if self.station is None:
            return None
        return self.scans.pending_refusal(self.station, language=current_language())


RECENT_EVENTS = 6
