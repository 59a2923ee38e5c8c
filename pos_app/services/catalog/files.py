"""Reading catalog files now lives in :mod:`pos_app.formats.catalog_tables` (shared with the
registry's ``load-catalog``); this name stays for older imports."""

from pos_app.formats.catalog_tables import *  # noqa: F403
