"""Issue 18: ``--data-dir`` means what it says wherever it stands on the command line.

argparse copies a nested parser's defaults over what an outer level parsed, so ``users
--data-dir D add …`` used to act on the *default* data folder. Every command, nested or not, is
walked here with the option before the command, between the command and its action, and last.
"""

from __future__ import annotations

import argparse
import io
import os

import pytest

from pos_app.cli import build_parser, main, parse_args

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    children = _subparsers(parser)
    if not children:
        yield path, parser
    for name, child in children.items():
        yield from _leaves(child, (*path, name))


def _placeholder(action: argparse.Action) -> str:
    """A value the option's type accepts: a word, a number or a date."""
    for value in ("x", "1", "2026-12-01"):
        try:
            if action.type is None or callable(action.type) and action.type(value) is not None:
                return value
        except (TypeError, ValueError, argparse.ArgumentTypeError):
            continue
    return "x"


def _required_args(parser: argparse.ArgumentParser) -> list[str]:
    """Placeholder values for a leaf's required positionals and options."""
    out: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        value = str(next(iter(action.choices))) if action.choices else _placeholder(action)
        if not action.option_strings and action.nargs not in ("?", "*"):
            out.append(value)
        elif action.option_strings and action.required:
            out += [action.option_strings[0], value]
    return out


LEAVES = [path for path, _ in _leaves(build_parser())]


def test_the_walk_finds_the_nested_commands():
    assert ("users", "add") in LEAVES and ("shift", "z") in LEAVES and ("bench",) in LEAVES


@pytest.mark.parametrize("path", LEAVES, ids=" ".join)
def test_every_command_honours_data_dir_wherever_it_stands(path, tmp_path):
    leaf = dict(_leaves(build_parser()))[path]
    rest = _required_args(leaf)
    folder = str(tmp_path / "chosen")
    for cut in range(len(path) + 1):
        argv = [*path[:cut], "--data-dir", folder, *path[cut:], *rest]
        assert parse_args(argv).data_dir == folder, argv
    assert parse_args([*path, *rest]).data_dir is None


def test_users_add_with_data_dir_before_the_action_acts_on_that_folder(tmp_path, monkeypatch,
                                                                        capsys, qapp):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "default-config"))
    monkeypatch.delenv("OCOP_POS_DATA_DIR", raising=False)
    data = str(tmp_path / "data")
    monkeypatch.setattr("sys.stdin", io.StringIO("1111\n"))  # the new PIN, never an argument
    assert main(["users", "--data-dir", data, "add", "lan", "--name", "Thu ngân Lan",
                 "--role", "cashier"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "users", "list"]) == 0
    assert "lan" in capsys.readouterr().out
    assert not (tmp_path / "default-data").exists()  # the default folder was never touched
    assert main(["shift", "--data-dir", data, "x"]) in (0, 1, 4)  # 4: asks who you are
    assert not (tmp_path / "default-data").exists()
