"""Where the till's registry token lives: the OS keyring when one works, else a 0600 file.

Never in ``settings.json`` and never in logs. ``mode`` is ``auto`` (keyring if a real backend is
available, else the file), ``keyring`` or ``file``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

SERVICE = "ocop-pos-registry"
TOKEN_FILE = "registry.token"


def _keyring() -> Any | None:
    """The keyring module if it has a usable backend (not the 'fail' or 'null' one)."""
    try:
        import keyring
        from keyring.backends import fail
    except Exception:  # not installed, or a backend that breaks on import
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    name = type(backend).__module__
    if name.startswith(("keyring.backends.null", "keyrings.alt")):
        return None
    return keyring


class TokenStore:
    def __init__(self, config_dir: Path, *, account: str = "till", mode: str = "auto",
                 kind: str = "registry") -> None:
        """``kind``: whose token — ``registry`` (the city registry) or ``einvoice`` (the
        e-invoice provider); each has its own keyring entry and file."""
        self.path = Path(config_dir) / (TOKEN_FILE if kind == "registry" else f"{kind}.token")
        self.service = SERVICE if kind == "registry" else f"ocop-pos-{kind}"
        self.account = account
        self.mode = mode

    def _ring(self) -> Any | None:
        return None if self.mode == "file" else _keyring()

    @property
    def backend(self) -> str:
        return "keyring" if self._ring() is not None else "file"

    def get(self) -> str:
        ring = self._ring()
        if ring is not None:
            try:
                value = ring.get_password(self.service, self.account)
            except Exception:
                value = None
            if value:
                return str(value)
        try:
            return self.path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def set(self, token: str) -> str:
        """Store the token; returns where it went ("keyring" or "file")."""
        ring = self._ring()
        if ring is not None:
            try:
                ring.set_password(self.service, self.account, token)
                with contextlib.suppress(OSError):
                    self.path.unlink()
                return "keyring"
            except Exception:
                if self.mode == "keyring":
                    raise
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with contextlib.suppress(OSError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token)
        os.replace(tmp, self.path)
        with contextlib.suppress(OSError):
            os.chmod(self.path, 0o600)
        return "file"

    def clear(self) -> None:
        ring = self._ring()
        if ring is not None:
            with contextlib.suppress(Exception):
                ring.delete_password(self.service, self.account)
        with contextlib.suppress(OSError):
            self.path.unlink()
