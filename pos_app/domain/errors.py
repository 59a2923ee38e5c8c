"""One shape for a refusal: an exception that carries a machine ``code`` (the UI words it, never
the core) and, where useful, a ``detail`` string and ``info`` figures.

Every layer's refusals (domain, formats, hardware, services) derive from :class:`CodedError`, so
``except CodedError`` and ``error.code`` work the same everywhere and no module repeats the
constructor.
"""

from __future__ import annotations

from typing import Any


class CodedError(Exception):
    """A refusal; ``code`` says why, ``detail`` says more (for logs; also ``info["detail"]``),
    ``info`` carries figures."""

    def __init__(self, code: str, detail: str = "", **info: Any) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.info = {"detail": detail, **info} if detail else info


class CodedValueError(CodedError, ValueError):
    """A :class:`CodedError` about a value handed in (also a :class:`ValueError`)."""
