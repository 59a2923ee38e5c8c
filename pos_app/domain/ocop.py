"""The OCOP programme's vocabulary: product groups, star ratings, certificate status."""

from __future__ import annotations

import datetime as dt
from enum import Enum

MIN_STARS = 3
MAX_STARS = 5


class ProductGroup(Enum):
    """The six OCOP product groups (Decision 148/QĐ-TTg, 2023)."""

    FOOD = "food"
    BEVERAGES = "beverages"
    HERBAL = "herbal"
    TEXTILES = "textiles"
    HANDICRAFTS = "handicrafts"
    TOURISM = "tourism"


class ProducerKind(Enum):
    ENTERPRISE = "enterprise"
    COOPERATIVE = "cooperative"
    HOUSEHOLD = "household"


class CertStatus(Enum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class Saleability(Enum):
    OK = "ok"
    EXPIRING = "expiring"  # sellable; the certificate ends within the warning window
    EXPIRED = "expired"  # needs approval or is blocked, by settings
    REVOKED = "revoked"  # never sellable


def effective_status(status: CertStatus, expires: dt.date | None, today: dt.date) -> CertStatus:
    """A certificate past its expiry date is expired whatever the stored status says."""
    if status is CertStatus.REVOKED:
        return status
    if expires is not None and expires < today:
        return CertStatus.EXPIRED
    return status


def saleability(
    status: CertStatus, expires: dt.date | None, today: dt.date, warning_days: int
) -> Saleability:
    current = effective_status(status, expires, today)
    if current is CertStatus.REVOKED:
        return Saleability.REVOKED
    if current is CertStatus.EXPIRED:
        return Saleability.EXPIRED
    if expires is not None and (expires - today).days <= warning_days:
        return Saleability.EXPIRING
    return Saleability.OK


def stars_text(stars: int) -> str:
    return "★" * stars
