"""E-invoices from the cash register, offline first (issue #14): see ``service.py``."""
