"""Packaging hook: put the repository's ``resources/`` inside the wheel as ``pos_app/resources``.

Everything else is declared in pyproject.toml. The app looks for ``pos_app/resources`` first (an
installed wheel), then for ``resources/`` next to the package (a checkout or editable install);
see ``pos_app.ui.i18n.resources_dir`` and ``pos_app.config.resources_dir``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


class BuildPyWithResources(build_py):
    """Copy ``resources/`` (fonts, translations, icons, receipt texts, demo catalog) into the
    built package; an editable install reads them from the checkout instead."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        source = ROOT / "resources"
        if source.is_dir():
            shutil.copytree(
                source, Path(self.build_lib) / "pos_app" / "resources", dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"),
            )


setup(cmdclass={"build_py": BuildPyWithResources})
