"""Customers of the showroom: records found by phone or name, purchase history, and the
privacy requests (export, erase). No Qt here."""

from pos_app.services.customers.service import CustomerInfo, CustomerService, Purchase

__all__ = ["CustomerInfo", "CustomerService", "Purchase"]
