"""The registry protocol now lives in :mod:`pos_app.formats.protocol` (shared with the registry,
which may not import the till's packages); this name stays for older imports."""

from pos_app.formats.protocol import *  # noqa: F403
