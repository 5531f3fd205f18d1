"""`python -m dashboard import statbank|jobindsats|benchmark|csv …` (see docs/import.md).

Exit status 0 only when the import was applied; 1 when it was rejected or failed (the
database is then unchanged); 2 for wrong arguments.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from dashboard import danish
from dashboard.cli import command
from dashboard.importers import apply, benchmark, jobindsats, statbank, tidy
from dashboard.importers.batch import SKIP_REASONS, Batch
from dashboard.importers.errors import ImportRejected, Problems, reject
from dashboard.importers.network import FetchFailed, HttpRequest, Transport, download, redact, urllib_transport
from dashboard.importers.periods import parse_period
from dashboard.importers.reference import Reference
from dashboard.settings import Settings, get_settings

# Replaced by tests: the network (a fake transport) and the wait between retries.
transport: Transport = urllib_transport
sleep: Callable[[float], None] = time.sleep

EXAMPLES = {
    "statbank": "eksempel: python -m dashboard import statbank --table AUF02 --area 151 --area 084 --area 000 --from 2014M01",
    "jobindsats": "eksempel: DASHBOARD_JOBINDSATS_API_KEY=… python -m dashboard import jobindsats --table Y30R21",
    "benchmark": "eksempel: python -m dashboard import benchmark benchmark_2020.xlsx",
    "csv": "eksempel: python -m dashboard import csv egne_tal.csv --kilde 'Jobcenter Ballerup, KMD Momentum'",
}


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", help="databasen der skal opdateres (standard: DASHBOARD_DB_PATH)")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Se docs/import.md for formater og regler."
    sub = parser.add_subparsers(dest="source", required=True, metavar="statbank|jobindsats|benchmark|csv")

    p = sub.add_parser(
        "statbank",
        help="hent en tabel fra Danmarks Statistiks Statistikbank",
        description="Hent en tabel fra Danmarks Statistiks Statistikbank (api.statbank.dk) og gem den "
        "som officielle tal. Uden --file hentes data over nettet.",
        epilog=EXAMPLES["statbank"],
    )
    p.add_argument(
        "--table",
        required=True,
        type=str.upper,
        choices=sorted(statbank.TABLES),
        help="; ".join(f"{t.table_id}: {t.title}" for t in statbank.TABLES.values()),
    )
    p.add_argument(
        "--area",
        action="append",
        metavar="OMRÅDE",
        help="områdekode eller navn, fx 151, 084, 000 (kan gentages; standard: hjemkommunen, dens region og hele landet)",
    )
    p.add_argument(
        "--from",
        dest="first",
        metavar="PERIODE",
        default="2014M01",
        help="første periode der importeres, fx 2014M01 (standard) eller 2014K1",
    )
    p.add_argument("--file", metavar="SVAR", help="læs et gemt svar (CSV) i stedet for at hente over nettet")
    p.add_argument("--save", metavar="FIL", help="gem også det hentede svar i FIL (til senere --file)")
    _common(p)

    p = sub.add_parser(
        "jobindsats",
        help="hent tabeller fra Jobindsats (STAR); kræver API-nøgle",
        description="Hent tabeller fra Jobindsats (api.jobindsats.dk) med nøglen i "
        "DASHBOARD_JOBINDSATS_API_KEY. Ydelsestabellerne bliver til modtagere pr. målgruppe; "
        "Y30R21 fylder benchmarktabellen. Y08A02 og Y09A02 importeres sammen.",
        epilog=EXAMPLES["jobindsats"],
    )
    p.add_argument(
        "--table",
        required=True,
        action="append",
        type=str.upper,
        choices=sorted(jobindsats.TABLES),
        help="tabel-id (kan gentages): " + "; ".join(f"{t.table_id}: {t.title}" for t in jobindsats.TABLES.values()),
    )
    p.add_argument(
        "--area",
        action="append",
        metavar="OMRÅDE",
        help="område (navn eller kode; * for alle). Standard: hjemkommunen, dens region og hele landet; "
        "for Y30R21 alle (*)",
    )
    p.add_argument(
        "--period",
        metavar="PERIODE",
        help="periodeudtryk som Jobindsats forstår det, fx 'l(M:60)' (standard for ydelsestabellerne) eller '*'",
    )
    p.add_argument(
        "--file",
        action="append",
        metavar="SVAR",
        help="læs et gemt svar (JSON eller Jobindsats' CSV) i stedet for at hente (ét pr. --table, i samme rækkefølge)",
    )
    p.add_argument("--save", metavar="MAPPE", help="gem også de hentede svar i MAPPE som <TABEL>.json")
    _common(p)

    p = sub.add_parser(
        "benchmark",
        help="indlæs Beskæftigelsesministeriets benchmark fra en CSV- eller XLSX-fil",
        description="Indlæs benchmarkfilen (kolonner som Jobindsats Y30R21: område, periode, "
        "ydelsesgruppe, forventet antal, faktisk antal og befolkning eller andele).",
        epilog=EXAMPLES["benchmark"],
    )
    p.add_argument("file", metavar="FIL", help="CSV (semikolon) eller XLSX")
    p.add_argument("--kilde", help="kildens navn i kildelinjen (standard: Beskæftigelsesministeriets benchmark)")
    _common(p)

    p = sub.add_parser(
        "csv",
        help="indlæs jobcentrets egne tal fra en tidy CSV-fil",
        description="Indlæs jobcentrets egne tal (samtaler, tilbud inden for 13 uger, samarbejdsgrad …) "
        "fra en CSV-fil med én værdi pr. række; formatet står i docs/import.md.",
        epilog=EXAMPLES["csv"],
    )
    p.add_argument("file", metavar="FIL", help="CSV-fil adskilt med semikolon, UTF-8")
    p.add_argument("--kilde", help="kildens navn i kildelinjen (standard: Jobcenter <hjemkommune> (egne tal))")
    _common(p)


def _mtime(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return datetime.now(UTC)


def _default_areas(ref: Reference) -> list[str]:
    home = ref.home_geo
    return [home, *([ref.regions[home]] if home in ref.regions else []), "000"]


def _statbank(args: argparse.Namespace, settings: Settings, ref: Reference, max_bytes: int, work: Path) -> list[Batch]:
    table = statbank.TABLES[args.table]
    try:
        first_day = parse_period(args.first).start
    except ValueError as exc:
        raise reject("--from", str(exc)) from None
    if args.file:
        path = Path(args.file)
        source = statbank.source_info(table, _mtime(path), f"file:{path.name}")
        return [statbank.parse_file(path, args.file, table, ref, source, max_bytes=max_bytes, first_day=first_day)]
    areas = []
    for a in args.area or _default_areas(ref):
        code = ref.area(a)
        if code is None or ref.levels.get(code) not in ("kommune", "region", "land"):
            raise reject("--area", f"ukendt område {a!r} i Statistikbanken (brug fx 151, 084 eller 000)")
        areas.append(code)
    body = statbank.request_body(table, areas)
    request = HttpRequest(
        "POST",
        statbank.API_URL,
        {"Content-Type": "application/json", "Accept": "text/csv"},
        json.dumps(body, ensure_ascii=False).encode("utf-8"),
    )
    answer = work / f"statbank_{table.table_id}.csv"
    try:
        download(request, answer, service="Danmarks Statistik", transport=transport, max_bytes=max_bytes, sleep=sleep)
    except FetchFailed as exc:
        message = statbank.error_message(exc.body) if exc.body else None
        raise FetchFailed(message or str(exc)) from None
    if args.save:
        shutil.copyfile(answer, args.save)
    source = statbank.source_info(table, datetime.now(UTC), f"{statbank.API_URL}#{table.table_id}")
    return [
        statbank.parse_file(
            answer,
            f"{table.table_id} (svar fra api.statbank.dk)",
            table,
            ref,
            source,
            max_bytes=max_bytes,
            first_day=first_day,
        )
    ]


def _jobindsats(
    args: argparse.Namespace, settings: Settings, ref: Reference, max_bytes: int, work: Path
) -> list[Batch]:
    tables: list[str] = list(dict.fromkeys(args.table))
    if args.file and len(args.file) != len(args.table):
        raise reject("--file", f"angiv én --file pr. --table ({len(args.table)} tabeller, {len(args.file)} filer)")
    combined = [t for t in tables if t in jobindsats.COMBINED]
    if combined and set(combined) != set(jobindsats.COMBINED):
        raise reject(
            "--table",
            "Y08A02 (fleksjob) og Y09A02 (ledighedsydelse) udgør tilsammen målgruppen "
            "ledighedsydelse/fleksjob; importér dem sammen: --table Y08A02 --table Y09A02",
        )
    files: dict[str, tuple[Path, str, datetime]] = {}
    if args.file:
        for table_id, name in zip(args.table, args.file, strict=True):
            files[table_id] = (Path(name), name, _mtime(Path(name)))
    else:
        key = settings.jobindsats_api_key.get_secret_value() if settings.jobindsats_api_key else ""
        if not key.strip():
            raise reject(
                "DASHBOARD_JOBINDSATS_API_KEY",
                "mangler: sæt API-nøglen fra Jobindsats i miljøet eller i .env (eller brug --file med et gemt svar)",
            )
        for table_id in tables:
            is_benchmark = table_id == jobindsats.BENCHMARK_TABLE
            areas = jobindsats.normalise_area_arguments(
                args.area or (["*"] if is_benchmark else _default_areas(ref)), ref
            )
            period = args.period or ("*" if is_benchmark else "l(M:60)")
            request = jobindsats.data_request(table_id, areas, period, key)
            answer = work / f"{table_id}.json"
            try:
                download(
                    request,
                    answer,
                    service="Jobindsats",
                    transport=transport,
                    max_bytes=max_bytes,
                    sleep=sleep,
                    secret=key,
                )
            except FetchFailed as exc:
                if exc.status in (401, 403):
                    raise FetchFailed(
                        "Jobindsats afviste API-nøglen (forkert eller udløbet); tjek DASHBOARD_JOBINDSATS_API_KEY"
                    ) from None
                detail = exc.body.decode("utf-8", "replace")[:300] if exc.body else ""
                raise FetchFailed(redact(f"{exc}{': ' + detail if detail else ''}", key)) from None
            if args.save:
                Path(args.save).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(answer, Path(args.save) / f"{table_id}.json")
            files[table_id] = (answer, f"{table_id} (svar fra api.jobindsats.dk)", datetime.now(UTC))
    batches: list[Batch] = []
    parsed: dict[str, Batch] = {}
    for table_id in tables:
        path, display, fetched = files[table_id]
        ref_text = f"{'file:' + path.name if args.file else jobindsats.API_URL}#{table_id}"
        source = jobindsats.source_info(table_id, fetched, ref_text)
        if table_id == jobindsats.BENCHMARK_TABLE:
            names, labels, rows = jobindsats.read_answer(path, display, max_bytes)
            header = [
                n if benchmark_column(n) and not benchmark_column(lab) else lab
                for n, lab in zip(names, labels, strict=True)
            ]
            batch = Batch(table_id, jobindsats.source_info(table_id, fetched, ref_text))
            benchmark.add_benchmark_rows(batch, header, rows, ref, Problems(display))
            batches.append(batch)
        else:
            parsed[table_id] = jobindsats.parse_benefit_file(
                path, display, jobindsats.TABLES[table_id], ref, source, max_bytes=max_bytes
            )
    for table_id, batch in parsed.items():
        if table_id not in jobindsats.COMBINED:
            batches.append(batch)
    if combined:
        first, second = (parsed[t] for t in jobindsats.COMBINED)
        source = jobindsats.source_info("+".join(jobindsats.COMBINED), first.source.fetched_at, first.source.ref)
        batches.append(jobindsats.combine(first, second, source))
    return batches


def benchmark_column(text: str) -> bool:
    return any(v is not None for v in benchmark.columns([text]).values())


def _benchmark(args: argparse.Namespace, settings: Settings, ref: Reference, max_bytes: int, work: Path) -> list[Batch]:
    path = Path(args.file)
    source = benchmark.source_info("Y30R21", args.kilde or benchmark.NAME, None, _mtime(path), f"file:{path.name}")
    return [benchmark.parse_file(path, args.file, ref, source, max_bytes=max_bytes)]


def _csv(args: argparse.Namespace, settings: Settings, ref: Reference, max_bytes: int, work: Path) -> list[Batch]:
    path = Path(args.file)
    name = args.kilde or f"Jobcenter {ref.area_name(ref.home_geo)} (egne tal)"
    source = tidy.source_info(name, path.name, _mtime(path), f"file:{path.name}")
    return [tidy.parse_file(path, args.file, ref, source, max_bytes=max_bytes)]


READERS = {"statbank": _statbank, "jobindsats": _jobindsats, "benchmark": _benchmark, "csv": _csv}


def check_indicators(batches: list[Batch], ref: Reference) -> None:
    """Every indicator an import writes must be in the database (it is defined in data/indicators.csv)."""
    for batch in batches:
        missing = sorted({r[0] for r in batch.observations} - ref.indicators.keys())
        if missing:
            raise reject(
                batch.label,
                f"indikatoren {', '.join(missing)} findes ikke i databasen; den er defineret i "
                "data/indicators.csv – byg databasen igen med `python -m dashboard build`",
            )


def _summary(batch: Batch, result: apply.Applied) -> list[str]:
    as_of = result.data_as_of
    when = f" (data til og med {danish.month_label(as_of)})" if isinstance(as_of, date) else ""
    lines = [
        (
            f"{batch.source.name_da}: {danish.number(result.inserted)} tal importeret{when}; "
            f"{danish.number(result.replaced)} demo- eller tidligere rækker erstattet"
        )
    ]
    if result.kept_documents:
        lines.append(
            f"  {danish.number(result.kept_documents)} tal fra planer/referater står uændret (dokumenterede tal vinder)"
        )
    for reason, count in sorted(batch.skipped.items()):
        if count:
            lines.append(f"  sprunget over: {danish.number(count)} {SKIP_REASONS.get(reason, reason)}")
    lines += [f"  bemærk: {w}" for w in batch.warnings]
    return lines


@command("import", "importér rigtige tal: statbank | jobindsats | benchmark | csv (se docs/import.md)", _arguments)
def run_import(args: argparse.Namespace) -> int:
    settings = get_settings()
    db_path = Path(args.db) if args.db else settings.db_path
    max_bytes = settings.import_max_mb * 1_000_000
    secret = settings.jobindsats_api_key.get_secret_value() if settings.jobindsats_api_key else None
    try:
        ref = Reference.load(db_path, settings.home_geo)
        with tempfile.TemporaryDirectory(prefix="noegletal-import-") as work:
            batches = READERS[args.source](args, settings, ref, max_bytes, Path(work))
        check_indicators(batches, ref)
        print(f"Skriver {sum(len(b) for b in batches)} rækker til en kopi af {db_path} …", file=sys.stderr)
        outcome = apply.apply_batches(db_path, batches)
    except ImportRejected as exc:
        print("Importen blev afvist – databasen er ikke ændret.", file=sys.stderr)
        print(redact(exc.text(), secret), file=sys.stderr)
        return 1
    except FetchFailed as exc:
        print(redact(f"{exc}. Databasen er ikke ændret.", secret), file=sys.stderr)
        return 1
    except (duckdb.Error, OSError) as exc:
        print(
            redact(f"Importen mislykkedes ({type(exc).__name__}: {exc}). Databasen er ikke ændret.", secret),
            file=sys.stderr,
        )
        return 1
    for batch, result in zip(batches, outcome.applied, strict=True):
        print("\n".join(_summary(batch, result)))
    if outcome.support_ratio_rows:
        print(
            f"Forsørgertryk beregnet af officielle tal: {danish.number(outcome.support_ratio_rows)} tal "
            "(modtagere i alt / befolkningen 16–64 år)"
        )
    print(f"Databasen {db_path} er opdateret.")
    return 0
