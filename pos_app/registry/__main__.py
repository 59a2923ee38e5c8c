"""``ocop-registry`` (or ``python -m pos_app.registry``): run and administer the reference registry.

    ocop-registry serve --db sqlite:///registry.sqlite3 --host 127.0.0.1 --port 8600
    ocop-registry create-showroom HN01 "Điểm bán OCOP Hà Nội"
    ocop-registry enroll-till HN01 Q01          # prints the till's token (only its hash is kept)
    ocop-registry load-catalog producers.csv products.csv
    ocop-registry revoke OCOP-HN-2024-01902     # a certificate number or a SKU
    ocop-registry restore OCOP-HN-2024-01902
    ocop-registry openapi [--write]             # the protocol's OpenAPI document

``--db`` defaults to ``$OCOP_REGISTRY_DB``, else ``sqlite:///registry.sqlite3``. ``serve --port 0``
picks a free port; the first line printed is ``listening on http://HOST:PORT`` (``https`` with
``--certfile`` / ``--keyfile``).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos_app.registry.store import RegistryStore

DEFAULT_DB = "sqlite:///registry.sqlite3"
MAX_BODY = 8 * 1024 * 1024  # pos_app.formats.protocol.MAX_BODY, without importing pydantic here


def _store(args: argparse.Namespace) -> RegistryStore:
    from pos_app.registry.store import RegistryStore

    return RegistryStore(args.db)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from pos_app.registry.server import create_app

    store = _store(args)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((args.host, args.port))
    sock.listen(2048)  # accept (into the backlog) from now on, before uvicorn is up
    port = sock.getsockname()[1]
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    tls = bool(args.certfile)
    app = create_app(store, max_body=args.max_body)
    config = uvicorn.Config(app, log_level=args.log_level, access_log=False,
                            ssl_certfile=args.certfile or None, ssl_keyfile=args.keyfile or None)
    server = uvicorn.Server(config)
    print(f"listening on {'https' if tls else 'http'}://{host}:{port}", flush=True)
    try:
        server.run(sockets=[sock])
    finally:
        store.close()
    return 0


def _create_showroom(args: argparse.Namespace) -> int:
    store = _store(args)
    store.create_showroom(args.code, args.name)
    print(f"showroom {args.code} created")
    return 0


def _enroll(args: argparse.Namespace) -> int:
    token = _store(args).enroll_till(args.showroom, args.till)
    print(token)
    return 0


def _load(args: argparse.Namespace) -> int:
    result = _store(args).load_catalog_files([Path(f) for f in args.files])
    print(f"producers changed: {result.producers_changed}, products changed: "
          f"{result.products_changed}, unchanged: {result.unchanged}")
    return 0


def _load_campaigns(args: argparse.Namespace) -> int:
    from pos_app.formats import protocol as p
    from pos_app.formats.campaigns import read_campaign_csv

    result = read_campaign_csv(Path(args.file).read_text(encoding="utf-8"))
    if not result.ok:
        for row, column, code in result.problems:
            print(f"row {row}, column {column}: {code}", file=sys.stderr)
        return 2
    changed = _store(args).load_campaigns(
        [p.Campaign.model_validate(x.to_dict()) for x in result.promotions])
    print(f"campaigns changed: {changed}, unchanged: {len(result.promotions) - changed}")
    return 0


def _revoke(args: argparse.Namespace, revoked: bool) -> int:
    skus = _store(args).set_revoked(args.target, revoked, args.reason)
    print(("revoked: " if revoked else "restored: ") + ", ".join(skus))
    return 0


def _tills(args: argparse.Namespace) -> int:
    rows = _store(args).tills()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"{'showroom':<10} {'till':<6} {'last push':<27} {'flagged':>7}  audit warning")
    for r in rows:
        print(f"{r['showroom']:<10} {r['till']:<6} {r['last_push_at'] or '-':<27} "
              f"{r['flagged_events']:>7}  {r['audit_warning'] or '-'}")
    return 0


def _openapi(args: argparse.Namespace) -> int:
    from pos_app.registry.server import openapi_document

    text = json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if args.write:
        from pos_app.config import resources_dir

        target = resources_dir() / "openapi" / "registry-v1.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(target)
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", default=os.environ.get("OCOP_REGISTRY_DB", DEFAULT_DB),
                        help="database URL: sqlite:///FILE or postgresql://USER:PW@HOST/DB")
    parser = argparse.ArgumentParser(prog="ocop-registry",
                                     description="Reference city OCOP registry")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", parents=[common], help="serve protocol v1 over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument("--log-level", default="warning")
    serve.add_argument("--certfile", default="", help="TLS certificate (PEM): serve HTTPS")
    serve.add_argument("--keyfile", default="", help="TLS private key (PEM)")
    serve.add_argument("--max-body", type=int, default=MAX_BODY, metavar="BYTES",
                       help=f"largest request body accepted (default {MAX_BODY})")
    serve.set_defaults(func=_serve)
    show = sub.add_parser("create-showroom", parents=[common], help="add a showroom")
    show.add_argument("code")
    show.add_argument("name")
    show.set_defaults(func=_create_showroom)
    enroll = sub.add_parser("enroll-till", parents=[common],
                            help="enroll a till (or renew its token); prints the token")
    enroll.add_argument("showroom")
    enroll.add_argument("till")
    enroll.set_defaults(func=_enroll)
    load = sub.add_parser("load-catalog", parents=[common],
                          help="load producers/products from CSV or XLSX files")
    load.add_argument("files", nargs="+")
    load.set_defaults(func=_load)
    campaigns = sub.add_parser("load-campaigns", parents=[common],
                               help="load city campaigns (promotions) from a campaign CSV")
    campaigns.add_argument("file")
    campaigns.set_defaults(func=_load_campaigns)
    for name, revoked in (("revoke", True), ("restore", False)):
        cmd = sub.add_parser(name, parents=[common],
                             help=f"{name} a certificate number or a SKU")
        cmd.add_argument("target", metavar="CERT_OR_SKU")
        cmd.add_argument("--reason", default="")
        cmd.set_defaults(func=lambda a, r=revoked: _revoke(a, r))
    tills = sub.add_parser("tills", parents=[common],
                           help="list tills: last push, flagged events, audit warnings")
    tills.add_argument("--json", action="store_true")
    tills.set_defaults(func=_tills)
    api = sub.add_parser("openapi", help="print (or --write into resources/) the OpenAPI document")
    api.add_argument("--write", action="store_true")
    api.set_defaults(func=_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from pos_app.registry.store import RegistryError

    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except RegistryError as exc:
        print(f"error: {exc.code}" + (f": {exc.detail}" if exc.detail else ""), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
