"""First-run setup of a till: has it been through setup, enrolment with the registry, printers
the machine offers. No Qt here; the setup wizard (``pos_app.ui.setup_wizard``) and
``ocop-pos-admin enroll`` both use it.

    setup = setup_service(services)            # one per Services bundle
    setup.needs_wizard()                       # no users and never set up -> True
    setup.enroll(url, token)                   # -> Enrolled, or raises EnrollError(code)
    setup.discover_printers()                  # -> [FoundPrinter(uri, description)]
    setup.mark_done(by="admin")                # app_meta: setup_completed_at

The flag lives in the database (``app_meta``), beside the users it goes with: a database
restored from a backup carries its own answer. Enrolment error codes are the sync client's
(``offline``, ``timeout``, ``tls``, ``unauthorized``…, worded by ``ui.sync_messages``) plus
``bad_url`` and ``token_not_accepted`` (the registry answered but named no till).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database, get_meta, set_meta

if TYPE_CHECKING:
    from pos_app.services import Services

log = logging.getLogger(__name__)

SETUP_DONE_KEY = "setup_completed_at"


class EnrollError(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Enrolled:
    url: str
    showroom: str
    till: str
    token_place: str
    """"keyring" or "file": where the token is kept (never in settings.json)."""


@dataclass(frozen=True)
class FoundPrinter:
    uri: str
    description: str


def enroll(settings: Settings, url: str, token: str, *, ca_bundle: str = "") -> Enrolled:
    """Check ``token`` with the registry at ``url`` (its ``/health`` names this till), then keep
    the token in the token store and the URL, CA bundle, showroom and till codes in the
    settings. Nothing is saved unless the registry accepted the token."""
    from pos_app.sync.client import RegistryClient, SyncError
    from pos_app.sync.token_store import TokenStore

    url = url.strip().rstrip("/")
    token = token.strip()
    if not url.startswith(("http://", "https://")) or len(url) < 10:
        raise EnrollError("bad_url")
    if not token:
        raise EnrollError("unauthorized")
    ca = str(Path(ca_bundle).resolve()) if ca_bundle else ""
    client = RegistryClient(url, token, ca_bundle=ca,
                            read_timeout=float(settings.get(config.REGISTRY_TIMEOUT_S)))
    try:
        health = client.health()
    except SyncError as exc:
        raise EnrollError(exc.code) from exc
    finally:
        client.close()
    if not health.till or not health.showroom:
        raise EnrollError("token_not_accepted")
    settings.paths.ensure()
    where = TokenStore(settings.paths.config_dir, mode=settings.get(config.TOKEN_STORE)).set(token)
    settings.set(config.REGISTRY_URL, url)
    settings.set(config.REGISTRY_CA_BUNDLE, ca)
    settings.set(config.SHOWROOM_CODE, health.showroom)
    settings.set(config.TILL_CODE, health.till)
    log.info("enrolled with %s as till %s of showroom %s", url, health.till, health.showroom)
    return Enrolled(url, health.showroom, health.till, str(where))


class SetupService:
    def __init__(self, db: Database, settings: Settings, *, users: Any = None,
                 sync: Any = None, clock: Any = None) -> None:
        self.db = db
        self.settings = settings
        self.users = users
        self.sync = sync
        self.clock = clock

    # -- the first-run flag ----------------------------------------------------------------------

    def completed_at(self) -> str | None:
        with self.db.reader() as session:
            return get_meta(session, SETUP_DONE_KEY)

    def needs_wizard(self) -> bool:
        """At start: no users yet and this database has never been through setup."""
        users = self.users.count() if self.users is not None else 0
        return users == 0 and self.completed_at() is None

    def mark_done(self) -> None:
        now = self.clock.now() if self.clock is not None else dt.datetime.now(dt.UTC)
        with self.db.transaction() as session:
            set_meta(session, SETUP_DONE_KEY, now.astimezone(dt.UTC).isoformat(timespec="seconds"))

    # -- registry --------------------------------------------------------------------------------

    def enroll(self, url: str, token: str, *, ca_bundle: str = "") -> Enrolled:
        """:func:`enroll`, then the running sync service talks to the new registry (the pump
        starts with the counter window)."""
        done = enroll(self.settings, url, token, ca_bundle=ca_bundle)
        if self.sync is not None:
            from pos_app.services.sync.service import build_transport

            old = getattr(self.sync, "transport", None)
            self.sync.transport = build_transport(self.settings)
            if old is not None and hasattr(old, "close"):
                try:
                    old.close()
                except Exception:  # an old client that cannot close cleanly is no problem
                    log.debug("closing the previous registry client failed", exc_info=True)
        return done

    # -- printers --------------------------------------------------------------------------------

    def discover_printers(self) -> list[FoundPrinter]:
        """USB receipt printers and serial ports this machine offers (may take a second: call
        it off the GUI thread). Empty when the bus cannot be read."""
        from pos_app.hardware.printers import discover_serial, discover_usb

        found: list[FoundPrinter] = []
        for discover in (discover_usb, discover_serial):
            try:
                found += [FoundPrinter(p.uri, p.description) for p in discover()]
            except Exception:
                log.info("printer discovery %s failed", discover.__name__, exc_info=True)
        return found


def setup_service(services: Services) -> SetupService:
    """The bundle's setup service (made on first use, kept in ``services.extras``)."""
    existing = services.extras.get("setup")
    if isinstance(existing, SetupService):
        return existing
    made = SetupService(services.db, services.settings, users=services.users,
                        sync=services.sync, clock=services.clock)
    services.extras["setup"] = made
    return made
