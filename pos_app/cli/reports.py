"""``report NAME``: a manager's report for a range of Hanoi days, printed or exported;
``bench-reports``: how fast the reports run on a million sale lines."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from pos_app.services.reports.service import REPORTS


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "report", parents=[common], help="a report for a date range (table, XLSX or CSV)",
        description="Reports: " + ", ".join(REPORTS) + ". Days are Hanoi business days, both "
        "ends included; figures are net of returns and leave voided sales out.",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", choices=REPORTS, metavar="NAME",
                   help="one of: " + ", ".join(REPORTS))
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", default=None,
                   help="first day (default: the first of this month)")
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", default=None,
                   help="last day (default: today)")
    p.add_argument("--format", choices=("table", "xlsx", "csv"), default=None,
                   help="table on screen (default), or a file (format from --out's extension)")
    p.add_argument("--out", metavar="FILE", default=None, help="write the report to FILE")
    p.set_defaults(func=_report)

    p = sub.add_parser("bench-reports", parents=[common],
                       help="time every report over a month on bulk data (a fresh database)")
    p.add_argument("--products", type=int, default=20_000)
    p.add_argument("--lines", type=int, default=1_000_000)
    p.set_defaults(func=_bench)


def _date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SystemExit(f"not a date (YYYY-MM-DD): {text}") from None


def _report(args: argparse.Namespace) -> int:
    from pos_app.app import open_context
    from pos_app.config import LANGUAGE
    from pos_app.services.reports.export import to_csv, to_xlsx
    from pos_app.services.reports.service import ReportError
    from pos_app.ui.reports import labels

    with open_context(args.data_dir) as ctx:
        labels.ensure_translation(ctx.settings.get(LANGUAGE))
        assert ctx.services.reports is not None
        today = ctx.services.reports.today()
        start = _date(args.date_from) or today.replace(day=1)
        end = _date(args.date_to) or today
        try:
            report = ctx.services.reports.run(args.name, start, end)
        except ReportError as exc:
            print(labels.error_text(exc.code), file=sys.stderr)
            return 2
    fmt = args.format
    if fmt is None and args.out:
        fmt = "csv" if args.out.lower().endswith(".csv") else "xlsx"
    titles, codes = labels.column_titles(), labels.code_labels()
    heading = "{title}: {start} – {end}".format(
        title=labels.report_titles()[args.name], start=start.strftime("%d/%m/%Y"),
        end=end.strftime("%d/%m/%Y"))
    if fmt in ("xlsx", "csv"):
        out = args.out or f"{args.name}_{start.isoformat()}_{end.isoformat()}.{fmt}"
        if fmt == "xlsx":
            to_xlsx(report, out, titles=titles, labels=codes, heading=heading,
                    total_label=labels.total_label())
        else:
            to_csv(report, out, titles=titles, labels=codes, total_label=labels.total_label())
        print(out)
        return 0
    _print_table(report, heading, titles, codes, labels)
    return 0


def _print_table(report: Any, heading: str, titles: dict[str, str], codes: dict[str, str],
                 labels: Any) -> None:
    from pos_app.domain.money import format_vnd

    def text(kind: str, value: object) -> str:
        if value is None or value == "":
            return ""
        if kind == "money" and isinstance(value, int):
            return format_vnd(value)
        if kind == "int" and isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        if kind == "date" and isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        if kind == "hour" and isinstance(value, int):
            return f"{value:02d}:00"
        return codes.get(str(value), str(value))

    kinds = [c.kind for c in report.columns]
    head = [titles.get(c.key, c.key) for c in report.columns]
    body = [[text(k, v) for k, v in zip(kinds, row, strict=True)] for row in report.rows]
    if report.totals is not None:
        totals = list(report.totals)
        totals[0] = labels.total_label()
        body.append([text(k, v) for k, v in zip(kinds, totals, strict=True)])
    widths = [max(len(h), *(len(r[i]) for r in body)) if body else len(h)
              for i, h in enumerate(head)]
    right = [k in ("money", "int") for k in kinds]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if r else c.ljust(w)
                         for c, w, r in zip(cells, widths, right, strict=True)).rstrip()

    print(heading)
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for row in body:
        print(line(row))
    for note in report.notes:
        print(labels.note_text(note))


def _bench(args: argparse.Namespace) -> int:
    import tempfile
    import time
    from pathlib import Path

    from pos_app.bench.data import seed_bulk_sales
    from pos_app.config import Settings
    from pos_app.db.database import Database
    from pos_app.services.catalog.demo import seed_bulk_catalog
    from pos_app.services.reports.service import bench_reports

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.sqlite3", Path(tmp) / "backups")
        start = time.perf_counter()
        seed_bulk_catalog(db, args.products)
        seed_bulk_sales(db, args.lines)
        print(f"seeded {args.products} products, {args.lines} sale lines in "
              f"{time.perf_counter() - start:.1f} s")
        settings = Settings.load(Path(tmp) / "data", env={})
        for key, value in bench_reports(db, settings, Path(tmp)).items():
            print(f"{key}: {value}")
        db.close()
    return 0
