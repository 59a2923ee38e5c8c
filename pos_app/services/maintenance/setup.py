"""First-run setup of a till: has it been through setup, enrolment with the registry, printers
the machine offers. No Qt here; the setup wizard (``pos_app.ui.setup_wizard``) and
``ocop-pos-admin enroll`` both use it.

    setup = services.setup                     # built by app.py with its ports
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
from typing import TYPE_CHECKING

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import Database, get_meta, set_meta
from pos_app.domain.errors import CodedError
from pos_app.services.ports import Clock, PrinterDiscovery, RegistryConnector, TokenStore

if TYPE_CHECKING:
    from pos_app.services.people.users import UsersService
    from pos_app.services.sync.service import SyncService

log = logging.getLogger(__name__)

SETUP_DONE_KEY = "setup_completed_at"


class EnrollError(CodedError):
    """Enrolment with the registry refused; ``code`` says why."""


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


def enroll(settings: Settings, url: str, token: str, *, ca_bundle: str = "",
           registry: RegistryConnector, tokens: TokenStore) -> Enrolled:
    """Check ``token`` with the registry at ``url`` (its ``/health`` names this till), then keep
    the token in the token store and the URL, CA bundle, showroom and till codes in the
    settings. Nothing is saved unless the registry accepted the token."""
    url = url.strip().rstrip("/")
    token = token.strip()
    if not url.startswith(("http://", "https://")) or len(url) < 10:
        raise EnrollError("bad_url")
    if not token:
        raise EnrollError("unauthorized")
    ca = str(Path(ca_bundle).resolve()) if ca_bundle else ""
    client = registry.connect(url, token, ca_bundle=ca,
                              read_timeout=float(settings.get(config.REGISTRY_TIMEOUT_S)))
    try:
        health = client.health()
    except Exception as exc:
        code = getattr(exc, "code", None)
        raise EnrollError(code if isinstance(code, str) else "offline") from exc
    finally:
        client.close()
    if not health.till or not health.showroom:
        raise EnrollError("token_not_accepted")
    settings.paths.ensure()
    where = tokens.set(token)
    settings.set(config.REGISTRY_URL, url)
    settings.set(config.REGISTRY_CA_BUNDLE, ca)
    settings.set(config.SHOWROOM_CODE, health.showroom)
    settings.set(config.TILL_CODE, health.till)
    log.info("enrolled with %s as till %s of showroom %s", url, health.till, health.showroom)
    return Enrolled(url, health.showroom, health.till, str(where))


class SetupService:
    def __init__(self, db: Database, settings: Settings, clock: Clock, *, users: UsersService,
                 sync: SyncService, registry: RegistryConnector, tokens: TokenStore,
                 printers: PrinterDiscovery) -> None:
        self.db = db
        self.settings = settings
        self.users = users
        self.sync = sync
        self.clock = clock
        self.registry = registry
        self.tokens = tokens
        self.printers = printers

    # -- the first-run flag ----------------------------------------------------------------------

    def completed_at(self) -> str | None:
        with self.db.reader() as session:
            return get_meta(session, SETUP_DONE_KEY)

    def needs_wizard(self) -> bool:
        """At start: no users yet and this database has never been through setup."""
        return self.users.count() == 0 and self.completed_at() is None

    def mark_done(self) -> None:
        now = self.clock.now().astimezone(dt.UTC)
        with self.db.transaction() as session:
            set_meta(session, SETUP_DONE_KEY, now.isoformat(timespec="seconds"))

    # -- registry --------------------------------------------------------------------------------

    def enroll(self, url: str, token: str, *, ca_bundle: str = "") -> Enrolled:
        """:func:`enroll`, then the running sync service talks to the new registry (the pump
        starts with the counter window)."""
        done = enroll(self.settings, url, token, ca_bundle=ca_bundle, registry=self.registry,
                      tokens=self.tokens)
        old = self.sync.transport
        self.sync.transport = self.registry.connect(
            done.url, self.tokens.get(),
            ca_bundle=self.settings.get(config.REGISTRY_CA_BUNDLE),
            read_timeout=float(self.settings.get(config.REGISTRY_TIMEOUT_S)))
        if old is not None:
            try:
                old.close()
            except Exception:  # an old client that cannot close cleanly is no problem
                log.debug("closing the previous registry client failed", exc_info=True)
        return done

    # -- printers --------------------------------------------------------------------------------

    def discover_printers(self) -> list[FoundPrinter]:
        """USB receipt printers and serial ports this machine offers (may take a second: call
        it off the GUI thread). Empty when the bus cannot be read."""
        try:
            return [FoundPrinter(p.uri, p.description) for p in self.printers.discover()]
        except Exception:
            log.info("printer discovery failed", exc_info=True)
            return []
