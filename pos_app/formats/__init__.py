"""Formats both the till and the city registry speak, with no database, UI or HTTP of their own.

* :mod:`pos_app.formats.protocol`: the registry protocol v1 (pydantic models, limits);
* :mod:`pos_app.formats.catalog_tables`: reading catalog CSV / XLSX files into rows;
* :mod:`pos_app.formats.catalog_rows`: checking those rows (the till's importer and the registry's
  ``load-catalog`` refuse the same rows, with the same row, column and code).

Only ``pos_app.domain`` and third-party parsers (pydantic, openpyxl) below this package; an
import-linter contract keeps ``pos_app.registry`` (and this package) off the till's services, db,
sync, hardware and UI.
"""
