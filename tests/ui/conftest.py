"""UI test fixtures: a themed QApplication, lanes that are shut down, the main window."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def themed_app(qapp):
    """The pytest-qt QApplication with the app's fonts, stylesheet and Vietnamese installed."""
    from pos_app.ui.i18n import install_translator
    from pos_app.ui.theme import apply_theme

    apply_theme(qapp)
    install_translator(qapp, "vi")
    yield qapp
    # The QApplication lives for the whole run (tests/conftest.py): leave it in the source
    # language, so tests after this one that read English messages are not given Vietnamese.
    install_translator(qapp, "en")


@pytest.fixture
def lanes(qapp):
    from pos_app.ui.tasks import Lanes

    lanes = Lanes()
    yield lanes
    lanes.shutdown()


def demo_actor(ctx, login: str):
    """The demo showroom's person ``login`` (lan: cashier, minh: manager, admin) as an Actor,
    without writing a log-in."""
    from pos_app.services.people.approval import Actor

    user = ctx.services.users.get(login)
    return Actor(user.id, user.name, user.role)


class Approvals:
    """Stands in for ``CounterSession.approve``: records what was asked, answers as the demo
    manager (or refuses when told to)."""

    def __init__(self, ctx) -> None:
        self.ctx = ctx
        self.asked: list[tuple[str, ...]] = []
        self.refuse = False

    def __call__(self, parent, codes):
        from pos_app.services.people.approval import Approval

        self.asked.append(tuple(codes))
        return None if self.refuse else Approval(approver=demo_actor(self.ctx, "minh"))


@pytest.fixture
def counter_session(demo_ctx):
    """The counter session with the demo cashier (Thu ngân Lan) logged in."""
    from pos_app.ui.common.session import CounterSession

    session = CounterSession(demo_ctx.services.users)
    session.set_actor(demo_actor(demo_ctx, "lan"))
    return session


@pytest.fixture
def approvals(demo_ctx, counter_session, monkeypatch):
    """Approvals without a PIN dialog, for tests that approve: ``approvals.asked`` records the
    codes; ``approvals.refuse = True`` refuses."""
    answer = Approvals(demo_ctx)
    monkeypatch.setattr(counter_session, "approve", answer)
    return answer


@pytest.fixture
def main_window(qtbot, themed_app, demo_ctx, lanes):
    """The main window with the demo cashier logged in (tests of the lock screen lock it)."""
    from pos_app.ui.main_window import MainWindow

    window = MainWindow(demo_ctx.services, lanes)
    window.session.set_actor(demo_actor(demo_ctx, "lan"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
