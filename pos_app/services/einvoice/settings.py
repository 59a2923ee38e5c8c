"""The till's e-invoice settings, kept in ``app_meta`` under ``einvoice.*`` (never the
provider's credentials: those live with the token store, like the registry token).

The seller's legal name, address and tax code are the showroom settings already on the till.
Round 2 moves these into the settings screen and the setup wizard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_app import config
from pos_app.config import Settings
from pos_app.db.database import set_meta
from pos_app.db.models import AppMeta
from pos_app.domain.einvoice import (
    VAT_METHOD_TEMPLATE,
    EInvoiceError,
    Party,
    validate_authority_code,
    validate_symbol,
    validate_tax_code,
)
from pos_app.domain.ids import new_id
from pos_app.domain.utc import naive_utc

PREFIX = "einvoice."
VERSION_KEY = PREFIX + "version"
"""A fresh token written with every save, so a service caches the settings and reads only this
row (a primary-key lookup) per sale to know they are still current, across processes too (the
CLI or another window saving). A database without it (older, or written by hand) is never
cached."""

DEMO_TAX_CODE = "0101234565"  # passes the check digit; the gateway is started with it
DEMO_GATEWAY = "http://127.0.0.1:8790"


@dataclass(frozen=True)
class EInvoiceSettings:
    enabled: bool
    seller: Party
    vat_method: str  # credit | direct
    symbol_letters: str  # the till's own 2 letters: C<yy>M<letters>
    authority_code: str  # the 5 characters the tax authority issued
    till_slot: int  # 0-99, unique per till of the seller
    provider_url: str = ""
    provider_tax_code: str = ""
    lookup_url: str = ""  # the buyer's lookup page, e.g. http://gw/tra-cuu
    since: dt.datetime | None = None  # sales from then on get invoices

    @property
    def template(self) -> int:
        return VAT_METHOD_TEMPLATE[self.vat_method]

    def symbol(self, year: int) -> str:
        return f"C{year % 100:02d}M{self.symbol_letters}"

    def check(self) -> EInvoiceSettings:
        """Raise :class:`EInvoiceError` for a setting that would make unlawful invoices."""
        validate_tax_code(self.seller.tax_code)
        if not self.seller.name.strip() or not self.seller.address.strip():
            raise EInvoiceError("seller_incomplete")
        if self.vat_method not in VAT_METHOD_TEMPLATE:
            raise EInvoiceError("bad_vat_method", self.vat_method)
        validate_symbol(self.symbol(2026))
        validate_authority_code(self.authority_code)
        if not 0 <= self.till_slot <= 99:
            raise EInvoiceError("bad_till_slot", str(self.till_slot))
        if self.provider_tax_code:
            validate_tax_code(self.provider_tax_code)
        return self


def version(session: Session) -> str | None:
    """The settings' current version token (None: not cacheable)."""
    row = session.connection().exec_driver_sql(
        "SELECT value FROM app_meta WHERE key = ?", (VERSION_KEY,)).first()
    return str(row[0]) if row is not None else None


def demo_values(seller: Party) -> EInvoiceSettings:
    """The demo showroom's e-invoice settings, stored switched off: a lab starts the reference
    gateway on ``DEMO_GATEWAY`` for the seller ``DEMO_TAX_CODE:A1B2C``, keeps its token and
    ticks "on" (README)."""
    return EInvoiceSettings(
        enabled=False, seller=seller, vat_method="credit", symbol_letters="AA",
        authority_code="A1B2C", till_slot=1, provider_url=DEMO_GATEWAY,
        lookup_url=DEMO_GATEWAY + "/tra-cuu")


def load(session: Session, settings: Settings) -> EInvoiceSettings:
    stored: dict[str, str] = dict(session.execute(
        select(AppMeta.key, AppMeta.value).where(AppMeta.key.startswith(PREFIX))).all())

    def meta(key: str, default: str = "") -> str:
        return stored.get(PREFIX + key) or default

    since = meta("since")
    return EInvoiceSettings(
        enabled=meta("enabled") == "1",
        seller=Party(name=settings.get(config.SHOWROOM_NAME),
                     address=settings.get(config.SHOWROOM_ADDRESS),
                     tax_code=settings.get(config.SHOWROOM_TAX_CODE)),
        vat_method=meta("vat_method", "credit"),
        symbol_letters=meta("symbol_letters"),
        authority_code=meta("authority_code"),
        till_slot=int(meta("till_slot", "0") or 0),
        provider_url=meta("provider_url"),
        provider_tax_code=meta("provider_tax_code"),
        lookup_url=meta("lookup_url"),
        since=dt.datetime.fromisoformat(since) if since else None,
    )


def save(session: Session, values: EInvoiceSettings, now: dt.datetime) -> None:
    """Store checked settings; switching on for the first time stamps ``since``."""
    if values.enabled:
        values.check()
    since = values.since or (naive_utc(now) if values.enabled else None)
    for key, value in (
        ("enabled", "1" if values.enabled else "0"), ("vat_method", values.vat_method),
        ("symbol_letters", values.symbol_letters.strip().upper()),
        ("authority_code", values.authority_code.strip().upper()),
        ("till_slot", str(values.till_slot)), ("provider_url", values.provider_url),
        ("provider_tax_code", values.provider_tax_code), ("lookup_url", values.lookup_url),
        ("since", since.isoformat() if since else ""),
    ):
        set_meta(session, PREFIX + key, value)
    set_meta(session, VERSION_KEY, new_id())
