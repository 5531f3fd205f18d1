"""Statistics Denmark's StatBank: AUF02, AUP02, AUK01 and FOLK1E as official observations.

The API (`POST https://api.statbank.dk/v1/data`, JSON body) answers `;`-separated CSV
with a header of variable codes (`OMRÅDE;…;TID;INDHOLD`), decimal comma, `..` for a
missing value, and errors as JSON (`{"errorTypeCode": …, "message": …}`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.importers.batch import Batch, SourceInfo
from dashboard.importers.categories import age, gender, origin, single_years
from dashboard.importers.cells import Dimension, value
from dashboard.importers.errors import Problems, reject
from dashboard.importers.progress import Progress
from dashboard.importers.reference import Reference
from dashboard.importers.tabular import Layout, add_rows
from dashboard.importers.text import SemicolonCsv, column_key

API_URL = "https://api.statbank.dk/v1/data"
NAME = "Danmarks Statistik"


@dataclass(frozen=True)
class StatbankTable:
    table_id: str
    indicator_id: str
    title: str
    kind: str
    grain: str
    dims: tuple[Dimension, ...]
    filters: tuple[Dimension, ...]
    request: tuple[tuple[str, tuple[str, ...]], ...]


AUF02_BENEFITS = Dimension("YDELSESTYPE", "group_code", [
    value("TOT", "Bruttoledige", "Bruttoledige i alt", to="alle"),
    value("LDP", "Nettoledige dagpengemodtagere", to="dagpenge"),
    value("ADP", "Aktiverede dagpengeberettigede", "Aktiverede dagpengemodtagere", to="dagpenge"),
    value("LKT", "Nettoledige kontanthjælpsmodtagere", to="kontanthjaelp-jobparat"),
    value("AKT", "Aktiverede kontanthjælpsmodtagere (arbejdsmarkedsparate)", "Aktiverede kontanthjælpsmodtagere",
          to="kontanthjaelp-jobparat"),
])
AUK01_BENEFITS = Dimension("YDELSESTYPE", "group_code", [
    value("TOTUSU", "I alt uden SU-modtagere", to="alle"),
    value("SY", "Sygedagpenge mv.", "Sygedagpenge", to="sygedagpenge"),
    value("JA", "Jobafklaringsforløb", to="jobafklaring"),
    value("RES", "Ressourceforløb", to="ressourceforloeb"),
], strict=False)
ALL_FUNDS = Dimension("AKASSE", None, [value("TOT", "I alt")], strict=False, keep=frozenset({"TOT"}))
AGES_16_64 = tuple(str(n) for n in range(16, 65))

TABLES = {
    t.table_id: t
    for t in (
        StatbankTable("AUF02", "fuldtidsledige", "Fuldtidsledige efter område, ydelsestype, a-kasse, alder og køn",
                      "count", "month", (AUF02_BENEFITS, age("ALDER", sums=False), gender("KØN")), (ALL_FUNDS,),
                      (("YDELSESTYPE", ("TOT", "LDP", "ADP", "LKT", "AKT")), ("AKASSE", ("TOT",)),
                       ("ALDER", ("*",)), ("KØN", ("*",)))),
        StatbankTable("AUP02", "ledighedsprocent", "Fuldtidsledige i pct. af arbejdsstyrken efter område, alder og køn",
                      "rate", "month", (age("ALDER", sums=False), gender("KØN")), (),
                      (("ALDER", ("*",)), ("KØN", ("*",)))),
        StatbankTable("AUK01", "modtagere", "Offentligt forsørgede (fuldtidsmodtagere) efter område, ydelsestype, køn og alder",
                      "count", "quarter", (AUK01_BENEFITS, gender("KØN"), age("ALDER", sums=True)), (),
                      (("YDELSESTYPE", ("TOTUSU", "SY", "JA", "RES")), ("KØN", ("*",)), ("ALDER", ("*",)))),
        StatbankTable("FOLK1E", "befolkning_16_64", "Befolkningen den 1. i kvartalet efter område, køn, alder og herkomst",
                      "count", "quarter", (gender("KØN"), single_years("ALDER"), origin("HERKOMST")), (),
                      (("KØN", ("*",)), ("ALDER", AGES_16_64), ("HERKOMST", ("*",)))),
    )
}


def request_body(table: StatbankTable, areas: list[str]) -> dict:
    """The JSON the API is sent: codes for the areas, every period (filtered here with --from)."""
    variables = [{"code": "OMRÅDE", "values": areas}]
    variables += [{"code": code, "values": list(values)} for code, values in table.request]
    variables.append({"code": "Tid", "values": ["*"]})
    return {"table": table.table_id, "format": "CSV", "lang": "da", "valuePresentation": "Code", "variables": variables}


def error_message(raw: bytes) -> str | None:
    """The message of a StatBank JSON error body, if `raw` is one."""
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff \r\n\t")
    if not text.startswith(("{", "[")):
        return None
    try:
        body = json.loads(text)
    except ValueError:
        return "svaret er JSON, ikke CSV, og kan ikke læses"
    if isinstance(body, dict):
        message = body.get("message") or body.get("Message") or json.dumps(body, ensure_ascii=False)[:300]
        code = body.get("errorTypeCode")
        return f"Danmarks Statistik svarede med en fejl{f' ({code})' if code else ''}: {message}"
    return "svaret er JSON, ikke CSV"


def source_info(table: StatbankTable, fetched_at, ref: str) -> SourceInfo:
    return SourceInfo("dst", f"{NAME}, {table.table_id}", table.table_id,
                      f"https://www.statistikbanken.dk/{table.table_id}", fetched_at, ref)


def parse_file(path: Path, display: str, table: StatbankTable, ref: Reference, source: SourceInfo, *,
               max_bytes: int, first_day: date | None = None) -> Batch:
    """Validate a saved StatBank CSV response and return its observations."""
    with path.open("rb") as fh:
        head = fh.read(64 * 1024)
    if head.strip():
        message = error_message(head)
        if message:
            raise reject(display, message, row=1)
    progress = Progress(f"Læser {table.table_id}", total=max(1, path.stat().st_size))
    csv_file = SemicolonCsv(path, display, max_bytes, on_bytes=progress.advance)
    header = csv_file.header
    keys = [column_key(h) for h in header]

    def find(name: str, *alternatives: str, required: bool = True) -> int | None:
        for candidate in (name, *alternatives):
            if column_key(candidate) in keys:
                return keys.index(column_key(candidate))
        if required:
            raise reject(display, f"kolonnen {name} mangler – er filen et svar fra tabellen {table.table_id}? "
                                  f"Overskriften er: {';'.join(header)}", row=csv_file.header_line)
        return None

    area, period = find("OMRÅDE"), find("TID")
    amount = find("INDHOLD", "VALUE", "VÆRDI")
    dims = [(d, find(d.column)) for d in table.dims]
    filters = [(d, i) for d in table.filters if (i := find(d.column, required=False)) is not None]
    known = {area, period, amount, *(i for _, i in dims), *(i for _, i in filters)}
    extra = [h for i, h in enumerate(header) if i not in known]
    if extra:
        raise reject(display, f"ukendt kolonne {', '.join(extra)} for {table.table_id}; forventede "
                              f"OMRÅDE, {', '.join(d.column for d in table.dims + table.filters)}, TID og INDHOLD",
                     row=csv_file.header_line)
    layout = Layout(table.indicator_id, table.kind, (table.grain,), area, period, amount, dims, filters,
                    columns=header)
    batch = Batch(table.table_id, source)
    rows = ((row.line, row.cells) for row in csv_file.rows())
    add_rows(batch, rows, layout, ref, Problems(display), first_day)
    progress.finish(f"{len(batch.observations)} tal")
    return batch
