"""`python -m dashboard refresh`: every table the dashboard uses, brought up to date at once.

StatBank's tables need no key; Jobindsats' tables are fetched when
DASHBOARD_JOBINDSATS_API_KEY is set, and otherwise skipped with one line each. Every
answer is read and validated by the same readers as `import` before anything is written;
then all of them are applied in one swap of the database (apply.py), so a rejected answer
or a network failure leaves the database as it was. A lock beside the database keeps a
second refresh (a timer firing twice) out. `--save DIR` keeps the answers; `--from-dir DIR`
replays saved answers offline. The summary (rows and newest period per table) is stored in
`meta` so that the next refresh can say what changed. Exit status as for `import`:
0 applied, 1 rejected or failed (database unchanged), 2 wrong arguments.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from dashboard import danish
from dashboard.cli import command
from dashboard.importers import apply, cli, jobindsats, statbank
from dashboard.importers.batch import Batch
from dashboard.importers.errors import ImportRejected, reject
from dashboard.importers.network import FetchFailed, redact
from dashboard.importers.reference import Reference
from dashboard.settings import Settings, get_settings

SUMMARY_KEY = "refresh_summary"
SERVICE = {"statbank": "Danmarks Statistik", "jobindsats": "Jobindsats"}


@dataclass(frozen=True)
class Step:
    """One request (or two tables that only make sense together: Y08A02 + Y09A02)."""

    source: str  # statbank | jobindsats
    tables: tuple[str, ...]

    @property
    def label(self) -> str:
        return "+".join(self.tables)


STEPS = (
    *(Step("statbank", (t,)) for t in statbank.TABLES),
    *(Step("jobindsats", (t,)) for t in jobindsats.TABLES if t not in jobindsats.COMBINED),
    Step("jobindsats", jobindsats.COMBINED),
)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Kør den hver nat, fx med cron: `15 3 * * * cd /srv/noegletal && .venv/bin/python -m dashboard "
        "refresh`. Se docs/import.md."
    )
    parser.add_argument("--db", help="databasen der skal opdateres (standard: DASHBOARD_DB_PATH)")
    parser.add_argument(
        "--from",
        dest="first",
        metavar="PERIODE",
        default="2014M01",
        help="første periode fra Statistikbanken (standard 2014M01)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--save", metavar="MAPPE", help="gem også svarene i MAPPE (til senere --from-dir)")
    where.add_argument("--from-dir", metavar="MAPPE", help="læs gemte svar fra MAPPE i stedet for at hente over nettet")


def refresh_lock(db_path: Path) -> contextlib.AbstractContextManager[None]:
    """One refresh at a time per database (the import lock itself is taken only for the swap)."""
    return apply.held_lock(db_path, "refresh", "en anden opdatering (refresh) er i gang med denne database")


def saved_answer(directory: Path, step: Step, table: str) -> Path | None:
    """The answer `--save` wrote for a table (`statbank_AUK01.csv`, `Y01A02.json` or `.csv`)."""
    names = [f"statbank_{table}.csv"] if step.source == "statbank" else [f"{table}.json", f"{table}.csv"]
    return next((directory / n for n in names if (directory / n).is_file()), None)


def skip_reason(step: Step, args: argparse.Namespace, key: str) -> str | None:
    if args.from_dir:
        missing = [t for t in step.tables if saved_answer(Path(args.from_dir), step, t) is None]
        return f"intet gemt svar for {', '.join(missing)} i {args.from_dir}" if missing else None
    if step.source == "jobindsats" and not key:
        return "DASHBOARD_JOBINDSATS_API_KEY er ikke sat"
    return None


def read_step(
    step: Step, args: argparse.Namespace, settings: Settings, ref: Reference, max_bytes: int, work: Path
) -> list[Batch]:
    """The step's batches, read by the `import` command's own readers."""
    files = [str(saved_answer(Path(args.from_dir), step, t)) for t in step.tables] if args.from_dir else None
    if args.save:
        Path(args.save).mkdir(parents=True, exist_ok=True)
    if step.source == "statbank":
        (table,) = step.tables
        save = str(Path(args.save) / f"statbank_{table}.csv") if args.save else None
        options = argparse.Namespace(
            table=table, area=None, first=args.first, file=files[0] if files else None, save=save
        )
        return cli._statbank(options, settings, ref, max_bytes, work)
    options = argparse.Namespace(table=list(step.tables), area=None, period=None, file=files, save=args.save)
    return cli._jobindsats(options, settings, ref, max_bytes, work)


def table_summary(batches: list[Batch]) -> dict[str, dict[str, object]]:
    return {b.label: {"rows": len(b), "newest": str(b.data_as_of) if b.data_as_of else None} for b in batches}


def previous_summary(db_path: Path) -> dict[str, dict[str, object]]:
    with contextlib.suppress(duckdb.Error, ValueError), duckdb.connect(str(db_path), read_only=True) as con:
        row = con.execute("SELECT value FROM meta WHERE key = ?", [SUMMARY_KEY]).fetchone()
        return json.loads(row[0]) if row else {}
    return {}


def change_text(before: dict[str, object] | None, now: dict[str, object]) -> str:
    """What changed for one table since the last refresh."""
    if before is None:
        return "ny siden sidste opdatering"
    parts = []
    if before.get("newest") != now["newest"]:
        parts.append(f"nyeste periode {before.get('newest') or '–'} → {now['newest'] or '–'}")
    if before.get("rows") != now["rows"]:
        parts.append(f"{danish.number(before.get('rows') or 0)} → {danish.number(now['rows'])} rækker")
    return "; ".join(parts) or "uændret"


def summary_lines(
    summary: dict[str, dict[str, object]], before: dict[str, dict[str, object]], skipped: list[str]
) -> list[str]:
    lines = ["Opdateret:"]
    for label, now in summary.items():
        newest = (
            f", data til og med {danish.month_label(date.fromisoformat(str(now['newest'])))}" if now["newest"] else ""
        )
        since = change_text(before.get(label), now) if before else "første opdatering"
        lines.append(f"  {label}: {danish.number(now['rows'])} rækker{newest} ({since})")
    if skipped:
        lines.append(f"Sprunget over: {', '.join(skipped)}")
    return lines


@command(
    "refresh", "hent alle tabeller dashboardet bruger og opdatér databasen i ét skridt (se docs/import.md)", _arguments
)
def run_refresh(args: argparse.Namespace) -> int:
    settings = get_settings()
    db_path = Path(args.db) if args.db else settings.db_path
    max_bytes = settings.import_max_mb * 1_000_000
    key = settings.jobindsats_api_key.get_secret_value().strip() if settings.jobindsats_api_key else ""
    batches: list[Batch] = []
    skipped: list[str] = []
    try:
        if args.from_dir and not Path(args.from_dir).is_dir():
            raise reject(args.from_dir, "mappen findes ikke")
        with refresh_lock(db_path):
            ref = Reference.load(db_path, settings.home_geo)
            before = previous_summary(db_path)
            with tempfile.TemporaryDirectory(prefix="noegletal-refresh-") as work:
                for number, step in enumerate(STEPS, start=1):
                    print(f"[{number}/{len(STEPS)}] {SERVICE[step.source]} {step.label} …", file=sys.stderr)
                    reason = skip_reason(step, args, key)
                    if reason:
                        for table in step.tables:
                            print(f"  springer {table} over: {reason}")
                        skipped.append(step.label)
                        continue
                    found = read_step(step, args, settings, ref, max_bytes, Path(work))
                    print(f"  {danish.number(sum(len(b) for b in found))} rækker læst og godkendt", file=sys.stderr)
                    batches += found
            if not batches:
                raise reject(str(db_path), "ingen tabeller at opdatere (alle blev sprunget over)")
            cli.check_indicators(batches, ref)
            summary = table_summary(batches)
            print(
                f"Skriver {danish.number(sum(len(b) for b in batches))} rækker til en kopi af {db_path} …",
                file=sys.stderr,
            )
            outcome = apply.apply_batches(db_path, batches, {SUMMARY_KEY: json.dumps(summary, ensure_ascii=False)})
    except ImportRejected as exc:
        print("Opdateringen blev afvist – databasen er ikke ændret.", file=sys.stderr)
        print(redact(exc.text(), key or None), file=sys.stderr)
        return 1
    except FetchFailed as exc:
        print(redact(f"{exc}. Databasen er ikke ændret.", key or None), file=sys.stderr)
        return 1
    except (duckdb.Error, OSError) as exc:
        print(
            redact(f"Opdateringen mislykkedes ({type(exc).__name__}: {exc}). Databasen er ikke ændret.", key or None),
            file=sys.stderr,
        )
        return 1
    print("\n".join(summary_lines(summary, before, skipped)))
    if outcome.support_ratio_rows:
        print(f"Forsørgertryk beregnet af officielle tal: {danish.number(outcome.support_ratio_rows)} tal")
    print(f"Databasen {db_path} er opdateret.")
    return 0
