"""Defence in depth (issue 13): on the app's connections a database file's own triggers and
views may not call functions with side effects (``PRAGMA trusted_schema = OFF``), so a planted
file that slipped past the schema check still cannot make SQL run a function on open or read."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from pos_app.db.engine import make_engine


def test_a_view_in_the_file_cannot_call_a_function_with_side_effects(tmp_path):
    path = tmp_path / "planted.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES (1)")
    con.execute("CREATE VIEW v AS SELECT side_effect(x) FROM t")
    con.commit()
    con.close()
    calls: list[object] = []
    engine = make_engine(path, writer=False)
    try:
        with engine.connect() as connection:
            raw = connection.connection.driver_connection
            assert raw is not None
            raw.create_function("side_effect", 1, lambda x: calls.append(x) or x)
            assert connection.exec_driver_sql("SELECT side_effect(x) FROM t").scalar() == 1
            calls.clear()  # the app's own SQL may call it; the file's view may not
            with pytest.raises(OperationalError, match="unsafe use"):
                connection.exec_driver_sql("SELECT * FROM v").all()
    finally:
        engine.dispose()
    assert calls == []
