"""Issue 18: the .deb's Depends, the README's apt-get line and the start-up check agree."""

from __future__ import annotations

import re
from pathlib import Path

from pos_app.ui.desktop_libs import DEBIAN_PACKAGES, apt_get_line

ROOT = Path(__file__).resolve().parents[2]


def _deb_depends() -> list[str]:
    script = (ROOT / "installer" / "linux" / "build-deb.sh").read_text(encoding="utf-8")
    (line,) = re.findall(r"^Depends: (.+)$", script, flags=re.MULTILINE)
    return [re.sub(r"\s*\(.*\)", "", part).strip() for part in line.split(",")]


def test_the_deb_depends_on_exactly_the_checked_packages():
    depends = _deb_depends()
    assert depends[0] == "libc6"
    assert depends[1:] == list(DEBIAN_PACKAGES)


def test_the_readme_quick_start_gives_the_same_apt_get_line():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (line,) = [ln for ln in quick_start.splitlines() if "apt-get install" in ln]
    assert f"`{apt_get_line()}`" in line  # the whole list, as one command to copy
    assert quick_start.index("apt-get install") < quick_start.index("```sh")  # before, not in
    assert "apt-get" not in quick_start.split("# 2. ", 1)[1].splitlines()[1]  # .ci/run's line
