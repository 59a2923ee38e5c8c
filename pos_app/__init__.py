"""OCOP Showroom POS — an offline-first point of sale for Hanoi's OCOP showrooms."""

__version__ = "0.1.0"
APP_NAME = "ocop-pos"
APP_AUTHOR = "OCOP"
