"""``python -m pos_app.einvoice_gateway --port N``: run the reference e-invoice gateway."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pos_app.einvoice_gateway.server import GatewayState, make_server


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ocop-einvoice-gateway",
                                     description="Reference e-invoice gateway (local provider)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8790, help="0 picks a free port")
    parser.add_argument("--db", default=":memory:", help="SQLite file for received invoices")
    parser.add_argument("--token", default="", help="bearer token the till must send")
    parser.add_argument("--seller", action="append", default=[], metavar="MST:CODE",
                        help="a seller and the 5-character MTT code issued to it (repeatable)")
    parser.add_argument("--control", action="store_true",
                        help="accept POST /_control to simulate faults (tests only)")
    args = parser.parse_args(argv)
    sellers = dict(s.split(":", 1) for s in args.seller)
    state = GatewayState(args.db, args.token, sellers, args.control)
    server = make_server(args.host, args.port, state)
    print(f"listening on http://{args.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
