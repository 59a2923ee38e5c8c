"""Users, shifts and backups on top of the sales-core test services (tests/services/fixtures)."""

from __future__ import annotations

from pathlib import Path

from argon2 import PasswordHasher

from pos_app.services import Services
from pos_app.services.maintenance.backup import BackupService
from pos_app.services.people.shifts import ShiftService
from pos_app.services.people.users import UsersService
from pos_app.services.ports import FixedClock
from tests.services.fixtures import make_services

# Still argon2id, with less memory and time so a test can hash dozens of PINs.
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def people_services(tmp_path: Path, **settings: object) -> tuple[Services, FixedClock]:
    services, clock = make_services(tmp_path, **settings)
    services.users = UsersService(services.db, clock, services.audit, hasher=FAST_HASHER)
    services.shifts = ShiftService(services.db, services.settings, clock, services.audit)
    services.backup = BackupService(services.db, services.settings, clock)
    return services, clock
