"""Save and restore the root logger (handlers, their levels and formatters, its level) and
sys.excepthook around code that calls pos_app.logging_setup.setup_logging()."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def restore_root_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers = list(root.handlers)
    state = [(h, h.level, h.formatter) for h in handlers]
    level = root.level
    hook = sys.excepthook
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        for handler, handler_level, formatter in state:
            handler.setLevel(handler_level)
            handler.setFormatter(formatter)
            if handler not in root.handlers:
                root.addHandler(handler)
        root.setLevel(level)
        sys.excepthook = hook
        logging.captureWarnings(False)
