"""``screenshots``: a PNG of every screen and registered dialog, on the demo showroom, offscreen."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "screenshots", parents=[common],
        help="save a PNG of each screen, using the demo showroom (a temporary copy unless "
             "--data-dir is given)",
    )
    p.add_argument("outdir", metavar="OUTDIR", help="folder for the PNG files")
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="interface language")
    p.add_argument("--size", default="1366x768", metavar="WxH", help="window size in pixels")
    p.set_defaults(func=_screenshots)


def parse_size(text: str) -> tuple[int, int]:
    width, sep, height = text.lower().partition("x")
    if not sep or not width.isdigit() or not height.isdigit():
        raise ValueError(text)
    w, h = int(width), int(height)
    if not (640 <= w <= 7680 and 480 <= h <= 4320):
        raise ValueError(text)
    return w, h


def _screenshots(args: argparse.Namespace) -> int:
    try:
        width, height = parse_size(args.size)
    except ValueError:
        print(f"--size: expected WIDTHxHEIGHT such as 1366x768, got {args.size!r}",
              file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSize

    from pos_app.app import open_context
    from pos_app.ui import screenshots, startup

    app = startup.create_application(offscreen=True)
    startup.install_language(app, args.lang)
    with tempfile.TemporaryDirectory(prefix="ocop-pos-shots-") as tmp:
        data_dir = args.data_dir or tmp
        with open_context(data_dir, demo=True) as ctx:
            shell = startup.build_shell(ctx.services, app)
            try:
                shell.window.resize(width, height)
                shell.window.show()
                shell.window.start()
                screenshots.load_scene_modules()
                scene_ctx = screenshots.SceneContext(
                    app=app, services=ctx.services, lanes=shell.lanes, window=shell.window,
                    size=QSize(width, height), lang=args.lang,
                )
                scene_ctx.wait_until(lambda: shell.window.status.status is not None, 5000)
                scene_ctx.settle(200)
                files, errors = screenshots.render_scenes(scene_ctx, Path(args.outdir))
            finally:
                shell.window.close()
                shell.shutdown()
    for path in files:
        print(path)
    for error in errors:
        print(f"failed: {error}", file=sys.stderr)
    return 1 if errors or not files else 0
