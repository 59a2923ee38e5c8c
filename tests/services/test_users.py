"""Users: PIN log-in, lock-out after five wrong PINs, disabled users, roles and approvals."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from pos_app.db.models import AuditEntry, User
from pos_app.services.audit import verify
from pos_app.services.people.approval import APPROVER_ROLES, Actor, check_approval
from pos_app.services.people.users import (
    APPROVAL_CODE_ACTIONS,
    MAX_FAILED,
    PERMISSIONS,
    ROLES,
    UserError,
    can,
    needs_approval,
)
from tests.services.people_fixtures import people_services


@pytest.fixture
def env(tmp_path):
    services, clock = people_services(tmp_path)
    users = services.users
    admin = users.create(login="admin", name="Quản trị", role="admin", secret="0000")
    lan = users.create(login="lan", name="Thu ngân Lan", role="cashier", secret="1111",
                       by=admin.actor())
    minh = users.create(login="minh", name="Quản lý Minh", role="manager", secret="9999",
                        by=admin.actor())
    yield services, clock, users, admin, lan, minh
    services.db.close()


def audit_actions(services) -> list[str]:
    with services.db.reader() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_pin_is_stored_as_an_argon2id_hash(env):
    services, *_ = env
    with services.db.reader() as session:
        hashes = list(session.scalars(select(User.pin_hash)))
    assert len(hashes) == 3
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert not any("1111" in h or "9999" in h for h in hashes)


def test_login_with_the_right_pin_gives_the_actor_and_is_audited(env):
    services, _, users, _, lan, _ = env
    actor = users.login("lan", "1111")
    assert actor == Actor(lan.id, "Thu ngân Lan", "cashier")
    assert users.login(lan.id, "1111") == actor
    assert audit_actions(services)[-1] == "login"


def test_wrong_pin_is_refused_counted_and_audited(env):
    services, _, users, _, lan, _ = env
    with pytest.raises(UserError) as err:
        users.login("lan", "1234")
    assert err.value.code == "wrong_pin"
    assert err.value.info["remaining"] == MAX_FAILED - 1
    assert audit_actions(services)[-1] == "login_failed"
    # a right PIN resets the counter
    users.login("lan", "1111")
    with pytest.raises(UserError) as err:
        users.login("lan", "0001")
    assert err.value.info["remaining"] == MAX_FAILED - 1


def test_five_wrong_pins_lock_for_five_minutes_then_release(env):
    services, clock, users, _, lan, _ = env
    for _ in range(1, MAX_FAILED):
        with pytest.raises(UserError) as err:
            users.login("lan", "2222")
        assert err.value.code == "wrong_pin"
    with pytest.raises(UserError) as err:
        users.login("lan", "2222")
    assert err.value.code == "locked"
    assert "user_locked" in audit_actions(services)
    # even the right PIN is refused while locked
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(UserError) as err:
        users.login("lan", "1111")
    assert err.value.code == "locked"
    assert users.get("lan").locked_until is not None
    clock.advance(seconds=2)
    assert users.get("lan").locked_until is None
    assert users.login("lan", "1111").user_id == lan.id
    # the counter started again from zero
    with pytest.raises(UserError) as err:
        users.login("lan", "2222")
    assert err.value.info["remaining"] == MAX_FAILED - 1


def test_disabled_user_cannot_log_in_even_with_the_right_pin(env):
    services, _, users, admin, lan, _ = env
    users.set_active("lan", False, by=admin.actor())
    with pytest.raises(UserError) as err:
        users.login("lan", "1111")
    assert err.value.code == "disabled"
    assert {u.login for u in users.active_users()} == {"minh", "admin"}
    users.set_active("lan", True, by=admin.actor())
    assert users.login("lan", "1111").name == "Thu ngân Lan"
    assert "user_changed" in audit_actions(services)


def test_unknown_user(env):
    _, _, users, *_ = env
    with pytest.raises(UserError) as err:
        users.login("nobody", "1111")
    assert err.value.code == "no_such_user"


@pytest.mark.parametrize("secret", ["123", "123456789", "12a4", " 1234", "short", ""])
def test_bad_pins_are_refused_and_nothing_is_created(env, secret):
    _, _, users, *_ = env
    with pytest.raises(UserError) as err:
        users.create(login="new", name="Người mới", role="cashier", secret=secret)
    assert err.value.code == "bad_pin"
    assert users.count() == 3


def test_password_instead_of_pin(env):
    _, _, users, *_ = env
    users.create(login="it", name="IT Hà", role="admin", secret="mật khẩu dài")
    assert users.login("it", "mật khẩu dài").role == "admin"


@pytest.mark.parametrize(("field", "value", "code"), [
    ("login", "Có dấu", "bad_login"), ("login", "lan", "login_taken"),
    ("name", "   ", "bad_name"), ("role", "boss", "bad_role"),
])
def test_bad_user_fields(env, field, value, code):
    _, _, users, *_ = env
    data = {"login": "new", "name": "Người mới", "role": "cashier", "secret": "4321"}
    data[field] = value
    with pytest.raises(UserError) as err:
        users.create(**data)
    assert err.value.code == code
    assert users.count() == 3


def test_the_last_admin_cannot_be_disabled_or_demoted(env):
    _, _, users, admin, *_ = env
    for change in (lambda: users.set_active("admin", False),
                   lambda: users.set_role("admin", "cashier")):
        with pytest.raises(UserError) as err:
            change()
        assert err.value.code == "last_admin"
    assert users.get("admin").active and users.get("admin").role == "admin"


def test_set_pin_and_unlock(env):
    _, _, users, admin, *_ = env
    users.set_secret("lan", "5678", by=admin.actor())
    with pytest.raises(UserError):
        users.login("lan", "1111")
    assert users.login("lan", "5678").name == "Thu ngân Lan"
    for _ in range(MAX_FAILED):
        with pytest.raises(UserError):
            users.login("lan", "0000")
    users.unlock("lan", by=admin.actor())
    assert users.login("lan", "5678").role == "cashier"


# --- permissions ---------------------------------------------------------------------------------

GUARDED = ["price_override", "discount_over_threshold", "void", "refund", "stock_adjustment",
           "stock_writeoff", "no_sale", "sell_expired_cert", "settings_change"]


@pytest.mark.parametrize("action", GUARDED)
def test_every_guarded_action_needs_a_manager_for_a_cashier(action):
    assert not can("cashier", action)
    assert can("admin", action)
    assert can("manager", action) == (action != "settings_change")


@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_sell_and_run_their_shift(role):
    for action in ("sell", "open_shift", "close_shift", "x_report", "cash_in_out"):
        assert can(role, action)
    assert not can(role, "no_such_action")


def test_permission_table_covers_every_checkout_approval_code():
    for code, action in APPROVAL_CODE_ACTIONS.items():
        assert action in PERMISSIONS, code
    assert needs_approval("cashier", ["void", "price_override"]) == ("void", "price_override")
    assert needs_approval("manager", ["void", "cart_discount", "expired_cert"]) == ()
    assert set(APPROVER_ROLES) == {"manager", "admin"}


# --- approvals ----------------------------------------------------------------------------------


def test_manager_approves_with_their_own_pin(env):
    _, _, users, _, lan, minh = env
    cashier = users.login("lan", "1111")
    approval = users.approve(minh.id, "9999", cashier=cashier, codes=["void"])
    assert approval.approver == Actor(minh.id, "Quản lý Minh", "manager")
    assert check_approval(["void"], cashier, approval) == "Quản lý Minh"


def test_wrong_manager_pin_is_refused_and_counts_towards_their_lockout(env):
    services, _, users, _, lan, minh = env
    cashier = users.login("lan", "1111")
    with pytest.raises(UserError) as err:
        users.approve(minh.id, "1111", cashier=cashier, codes=["refund"])
    assert err.value.code == "wrong_pin"
    with services.db.reader() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last.action == "approval_failed"
    assert json.loads(last.detail)["cashier"] == "Thu ngân Lan"


def test_self_approval_is_refused_even_with_the_right_pin(env):
    _, _, users, _, _, minh = env
    manager_at_till = users.login("minh", "9999")
    with pytest.raises(UserError) as err:
        users.approve(minh.id, "9999", cashier=manager_at_till, codes=["void"])
    assert err.value.code == "self_approval"


def test_a_cashier_cannot_approve(env):
    _, _, users, _, lan, _ = env
    other = users.create(login="hoa", name="Thu ngân Hoa", role="cashier", secret="3333")
    with pytest.raises(UserError) as err:
        users.approve(other.id, "3333", cashier=users.login("lan", "1111"), codes=["void"])
    assert err.value.code == "not_manager"


def test_audit_chain_still_verifies_after_all_that(env):
    services, _, users, _, _, minh = env
    with pytest.raises(UserError):
        users.login("lan", "0")
    users.login("lan", "1111")
    assert verify(services.db).ok


def test_verify_audit_catches_a_hand_edited_approval(env):
    import sqlite3

    services, _, users, _, _, minh = env
    cashier = users.login("lan", "1111")
    with pytest.raises(UserError):
        users.approve(minh.id, "0000", cashier=cashier, codes=["void"])
    assert verify(services.db).ok
    connection = sqlite3.connect(services.db.path)
    connection.execute("UPDATE audit_log SET user_name = 'Ai đó' WHERE action = 'approval_failed'")
    connection.commit()
    connection.close()
    result = verify(services.db)
    assert not result.ok and result.problem == "edited"
