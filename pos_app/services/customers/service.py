"""Customers: add, edit, find by phone or name, purchase history, export and erase.

API (plain Python; run on the DB lane)::

    svc = CustomerService(db, clock, audit)
    c = svc.add(CustomerInput("Nguyễn Thị Lan", "+84 912 345 678", consent=True), user="Lan")
    svc.update(c.id, CustomerInput(...), user="Hùng")
    svc.by_phone("0912 345 678") -> CustomerInfo | None      # normalised first
    svc.search("lan") / svc.search("0912") -> list[CustomerInfo]  # folded name or phone prefix
    svc.history(c.id) -> list[Purchase]                     # sales recorded to the customer
    svc.export(c.id) -> dict                                # all kept about them (JSON-able)
    svc.erase(c.id, user="Hùng")                            # personal data blanked, sales kept

Errors: :class:`pos_app.domain.customers.CustomerError` codes (``phone_taken``,
``no_such_customer``, ``customer_erased`` and the input checks). Every change is audited in its
own transaction; an erased record keeps only its id, so its sales stay whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from pos_app.db.customer_models import Customer, SaleCustomer
from pos_app.db.database import Database
from pos_app.db.models import Sale
from pos_app.domain.customers import (
    CustomerError,
    CustomerInput,
    check_customer,
    name_key,
    phone_search_key,
)
from pos_app.domain.ids import new_id
from pos_app.services.audit import AuditLog
from pos_app.services.ports import Clock, SystemClock

SEARCH_LIMIT = 20


@dataclass(frozen=True)
class CustomerInfo:
    id: str
    name: str
    phone: str
    email: str
    address: str
    tax_code: str
    consent: bool
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclass(frozen=True)
class Purchase:
    sale_id: str
    receipt_no: str
    created_at: dt.datetime
    kind: str
    status: str
    total: int


def _info(row: Customer) -> CustomerInfo:
    return CustomerInfo(
        id=row.id, name=row.name, phone=row.phone, email=row.email, address=row.address,
        tax_code=row.tax_code, consent=row.consent, created_at=row.created_at,
        updated_at=row.updated_at,
    )


class CustomerService:
    def __init__(self, db: Database, clock: Clock | None = None,
                 audit: AuditLog | None = None) -> None:
        self.db = db
        self.clock = clock or SystemClock()
        self.audit = audit or AuditLog(self.clock)

    # --- changing

    def add(self, data: CustomerInput, *, user: str) -> CustomerInfo:
        clean = check_customer(data)
        now = self.clock.now()
        with self.db.transaction() as session:
            self._refuse_taken(session, clean.phone, None)
            row = Customer(
                id=new_id(), name=clean.name, name_key=name_key(clean.name), phone=clean.phone,
                email=clean.email, address=clean.address, tax_code=clean.tax_code,
                consent=clean.consent, created_at=now, created_by=user, updated_at=now,
                updated_by=user,
            )
            session.add(row)
            session.flush()
            self.audit.append(session, action="customer_add", user=user, target=row.id,
                              detail={"consent": clean.consent})
            return _info(row)

    def update(self, customer_id: str, data: CustomerInput, *, user: str) -> CustomerInfo:
        clean = check_customer(data)
        with self.db.transaction() as session:
            row = self._live(session, customer_id)
            self._refuse_taken(session, clean.phone, customer_id)
            changed = sorted(
                field for field in ("name", "phone", "email", "address", "tax_code", "consent")
                if getattr(row, field) != getattr(clean, field)
            )
            for field in changed:
                setattr(row, field, getattr(clean, field))
            row.name_key = name_key(clean.name)
            row.updated_at = self.clock.now()
            row.updated_by = user
            session.flush()
            self.audit.append(session, action="customer_edit", user=user, target=row.id,
                              detail={"fields": changed})
            return _info(row)

    def erase(self, customer_id: str, *, user: str, approved_by: str = "") -> None:
        """Blank the customer's personal data on request; their sales stay (amounts only)."""
        with self.db.transaction() as session:
            row = self._live(session, customer_id)
            row.name, row.name_key, row.phone, row.email = "", "", "", ""
            row.address, row.tax_code, row.consent = "", "", False
            row.erased_at = row.updated_at = self.clock.now()
            row.updated_by = user
            self.audit.append(session, action="customer_erase", user=user,
                              approved_by=approved_by, target=customer_id)

    # --- reading

    def get(self, customer_id: str) -> CustomerInfo:
        with self.db.reader() as session:
            return _info(self._live(session, customer_id))

    def by_phone(self, phone: str) -> CustomerInfo | None:
        key = phone_search_key(phone)
        with self.db.reader() as session:
            row = session.scalars(select(Customer).where(
                Customer.phone == key, Customer.erased_at.is_(None))).first()
            return None if row is None else _info(row)

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> list[CustomerInfo]:
        """By phone (prefix of the normalised number) or by name without tone marks."""
        text = text.strip()
        if not text:
            return []
        digits = phone_search_key(text)
        folded = name_key(text)
        conditions = []
        if digits and len(digits) >= 3 and sum(c.isdigit() for c in text) >= len(text) // 2:
            conditions.append(Customer.phone.like(f"{digits}%"))
        if folded:
            conditions.append(Customer.name_key.like(f"%{folded}%"))
        with self.db.reader() as session:
            rows = session.scalars(
                select(Customer).where(Customer.erased_at.is_(None), or_(*conditions))
                .order_by(Customer.name_key).limit(limit)
            ).all()
            return [_info(r) for r in rows]

    def all(self, limit: int = 1000) -> list[CustomerInfo]:
        with self.db.reader() as session:
            rows = session.scalars(
                select(Customer).where(Customer.erased_at.is_(None))
                .order_by(Customer.name_key).limit(limit)
            ).all()
            return [_info(r) for r in rows]

    def history(self, customer_id: str) -> list[Purchase]:
        with self.db.reader() as session:
            self._row(session, customer_id)
            rows = session.execute(
                select(Sale.id, Sale.receipt_no, Sale.created_at, Sale.kind, Sale.status,
                       Sale.total)
                .join(SaleCustomer, SaleCustomer.sale_id == Sale.id)
                .where(SaleCustomer.customer_id == customer_id)
                .order_by(Sale.created_at.desc())
            ).all()
            return [Purchase(sale_id=r.id, receipt_no=r.receipt_no, created_at=r.created_at,
                             kind=r.kind, status=r.status, total=r.total) for r in rows]

    def export(self, customer_id: str) -> dict[str, Any]:
        """Everything this till keeps about the customer, for a privacy request."""
        info = self.get(customer_id)
        return {
            "customer": {
                "id": info.id, "name": info.name, "phone": info.phone, "email": info.email,
                "address": info.address, "tax_code": info.tax_code, "consent": info.consent,
                "created_at": info.created_at.isoformat(),
                "updated_at": info.updated_at.isoformat(),
            },
            "purchases": [
                {"receipt_no": p.receipt_no, "at": p.created_at.isoformat(), "kind": p.kind,
                 "status": p.status, "total": p.total}
                for p in self.history(customer_id)
            ],
        }

    # --- inside a transaction

    def _row(self, session: Session, customer_id: str) -> Customer:
        row = session.get(Customer, customer_id)
        if row is None:
            raise CustomerError("no_such_customer")
        return row

    def _live(self, session: Session, customer_id: str) -> Customer:
        row = self._row(session, customer_id)
        if row.erased_at is not None:
            raise CustomerError("customer_erased")
        return row

    @staticmethod
    def _refuse_taken(session: Session, phone: str, own_id: str | None) -> None:
        other = session.scalar(select(Customer.id).where(
            Customer.phone == phone, Customer.erased_at.is_(None)))
        if other is not None and other != own_id:
            raise CustomerError("phone_taken", customer_id=other)


def attach(session: Session, sale_id: str, customer_id: str) -> None:
    """Record inside the sale's transaction that ``sale_id`` was sold to ``customer_id``
    (refused if the customer does not exist or was erased)."""
    row = session.get(Customer, customer_id)
    if row is None or row.erased_at is not None:
        raise CustomerError("no_such_customer")
    session.add(SaleCustomer(sale_id=sale_id, customer_id=customer_id))
