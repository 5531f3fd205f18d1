"""Statistics Denmark's StatBank: AUF02, AUP02, AUK01 and FOLK1E as official observations.

The API (`POST https://api.statbank.dk/v1/data`, JSON body) answers `;`-separated CSV
(UTF-8 with BOM, CRLF) with a header of variable codes (`OMRÅDE;…;TID;INDHOLD`) in the
table's own order, no thousands separator, `..` for a missing value, and errors as JSON
(`{"errorTypeCode": …, "message": …}`). Values are codes, Danish labels, English labels
(`lang=en`: `All Denmark`, `Total`, `2007Q1`, decimal point) or both (`CodeAndValue`:
`151 Ballerup`). An all-areas answer also holds landsdele (`01`–`11`, our LD01–LD11),
Christiansø, "not stated" and abroad: the rows for areas we don't hold are skipped and
counted. See ../shared/reference/real/FORMATS.md.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
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
from dashboard.importers.text import SemicolonCsv, column_key, norm, parse_number

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
    presentation: str = "Code"


AUF02_BENEFITS = Dimension(
    "YDELSESTYPE",
    "group_code",
    [
        value("TOT", "Bruttoledige", "Bruttoledige i alt", to="alle"),
        value("LDP", "Nettoledige dagpengemodtagere", to="dagpenge"),
        value("ADP", "Aktiverede dagpengeberettigede", "Aktiverede dagpengemodtagere", to="dagpenge"),
        value("LKT", "Nettoledige kontanthjælpsmodtagere", to="kontanthjaelp-jobparat"),
        value(
            "AKT",
            "Aktiverede kontanthjælpsmodtagere (arbejdsmarkedsparate)",
            "Aktiverede kontanthjælpsmodtagere",
            to="kontanthjaelp-jobparat",
        ),
    ],
)
NET_SOCIAL_ASSISTANCE = "kontanthjaelp_nettoledige"
# AUK01's benefit type decides the indicator too (`indicator/group`). The code of the net
# unemployed recipients of social assistance is not known here, so AUK01 is asked for
# with codes and labels (CodeAndValue) and that type is recognised by its label.
AUK01_SERIES = Dimension(
    "YDELSESTYPE",
    "series",
    [
        value("TOTUSU", "I alt uden SU-modtagere", to="modtagere/alle"),
        value("SY", "Sygedagpenge mv.", "Sygedagpenge", to="modtagere/sygedagpenge"),
        value("JA", "Jobafklaringsforløb", to="modtagere/jobafklaring"),
        value("RES", "Ressourceforløb", to="modtagere/ressourceforloeb"),
        value(
            "Nettoledige kontanthjælpsmodtagere",
            "Net unemployed recipients of social assistance",
            to=f"{NET_SOCIAL_ASSISTANCE}/alle",
        ),
    ],
    strict=False,
)
ALL_FUNDS = Dimension("AKASSE", None, [value("TOT", "I alt")], strict=False, keep=frozenset({"TOT"}))
AGES_16_64 = tuple(str(n) for n in range(16, 65))

TABLES = {
    t.table_id: t
    for t in (
        StatbankTable(
            "AUF02",
            "fuldtidsledige",
            "Fuldtidsledige efter område, ydelsestype, a-kasse, alder og køn",
            "count",
            "month",
            (AUF02_BENEFITS, age("ALDER", sums=False), gender("KØN")),
            (ALL_FUNDS,),
            (
                ("YDELSESTYPE", ("TOT", "LDP", "ADP", "LKT", "AKT")),
                ("AKASSE", ("TOT",)),
                ("ALDER", ("*",)),
                ("KØN", ("*",)),
            ),
        ),
        StatbankTable(
            "AUP02",
            "ledighedsprocent",
            "Fuldtidsledige i pct. af arbejdsstyrken efter område, alder og køn",
            "rate",
            "month",
            (age("ALDER", sums=False), gender("KØN")),
            (),
            (("ALDER", ("*",)), ("KØN", ("*",))),
        ),
        StatbankTable(
            "AUK01",
            "modtagere",
            "Offentligt forsørgede (fuldtidsmodtagere) efter område, ydelsestype, køn og alder",
            "count",
            "quarter",
            (AUK01_SERIES, gender("KØN"), age("ALDER", sums=True)),
            (),
            (("YDELSESTYPE", ("*",)), ("KØN", ("*",)), ("ALDER", ("*",))),
            "CodeAndValue",
        ),
        StatbankTable(
            "FOLK1E",
            "befolkning_16_64",
            "Befolkningen den 1. i kvartalet efter område, køn, alder og herkomst",
            "count",
            "quarter",
            (gender("KØN"), single_years("ALDER"), origin("HERKOMST")),
            (),
            (("KØN", ("*",)), ("ALDER", AGES_16_64), ("HERKOMST", ("*",))),
        ),
    )
}


def request_body(table: StatbankTable, areas: list[str]) -> dict:
    """The JSON the API is sent: codes for the areas, every period (filtered here with --from)."""
    variables = [{"code": "OMRÅDE", "values": areas}]
    variables += [{"code": code, "values": list(values)} for code, values in table.request]
    variables.append({"code": "Tid", "values": ["*"]})
    return {
        "table": table.table_id,
        "format": "CSV",
        "lang": "da",
        "valuePresentation": table.presentation,
        "variables": variables,
    }


def error_message(raw: bytes) -> str | None:
    """The message of a StatBank JSON error body, if `raw` is one."""
    text = raw.decode("utf-8", errors="replace").lstrip("\ufeff \r\n\t")
    if not text.startswith(("{", "[")):
        return None
    try:
        body = json.loads(text)
    except ValueError:
        return "svaret er JSON, ikke CSV, og kan ikke læses"
    if isinstance(body, dict) and ("dataset" in body or body.get("class") == "dataset" or "dimension" in body):
        return (
            'svaret er JSON-stat (format "JSONSTAT"), ikke CSV; bed API\'et om CSV med "format": "CSV" i '
            "forespørgslen – eller lad `python -m dashboard import statbank --table …` hente tabellen"
        )
    if isinstance(body, dict):
        message = body.get("message") or body.get("Message") or json.dumps(body, ensure_ascii=False)[:300]
        code = body.get("errorTypeCode")
        return f"Danmarks Statistik svarede med en fejl{f' ({code})' if code else ''}: {message}"
    return "svaret er JSON, ikke CSV"


ENGLISH_AREAS = {"all denmark": "000", "denmark": "000", "copenhagen": "101"}
# Areas in StatBank's all-areas answers that the dashboard does not hold.
OTHER_AREA_CODES = frozenset({"411", "997"})  # Christiansø, not stated
OTHER_AREA_LABELS = frozenset(
    {
        "christianso",
        "abroad",
        "udlandet",
        "not stated municipality",
        "uoplyst kommune",
        "uoplyst",
        "ukendt kommune",
        "not stated",
        "uden fast bopael",
    }
)
PERIOD_CELL = re.compile(r"\d{4}(?:[MKQ]\d{1,2}|H[12])?", re.IGNORECASE)
ENGLISH_MARKERS = frozenset({"all denmark", "total", "age, total", "men", "women"})


def _area_keys(cell: object) -> list[str]:
    key = norm(cell)
    return [key, *key.split(" ", 1)] if " " in key else [key]


def area_code(ref: Reference, cell: object) -> str | None:
    """A StatBank area as a code, a Danish or English label or both; landsdele `01`–`11` are LD01–LD11."""
    for key in _area_keys(cell):
        if re.fullmatch(r"\d{2}", key) and 1 <= int(key) <= 11:
            return f"LD{key}"
        key = ENGLISH_AREAS.get(key, key)
        if key.startswith("province "):
            key = "landsdel " + key.removeprefix("province ")
        if (geo := ref.area(key)) is not None:
            return geo
    return None


def is_other_area(cell: object) -> bool:
    """Christiansø, a not-stated municipality or abroad: in StatBank's answers, not in the dashboard."""
    return any(k in OTHER_AREA_CODES or k in OTHER_AREA_LABELS for k in _area_keys(cell))


def is_english(cells: list[str]) -> bool:
    """An answer asked for with `lang=en` (quarters `2007Q1`, labels `All Denmark`, `Total`)."""
    return any(re.fullmatch(r"\d{4}Q[1-4]", c.strip()) or norm(c) in ENGLISH_MARKERS for c in cells)


def english_number(text: object) -> float | None:
    """A number of a `lang=en` answer: decimal point, no thousands separator, `..` when missing."""
    cell = str(text).strip()
    if re.fullmatch(r"[+-]?\d+\.\d+", cell):
        return float(cell)
    return parse_number(cell)


def check_not_web_download(head: bytes, display: str, table_id: str) -> None:
    """A table saved from statistikbanken.dk (title rows, periods as columns) is not the API's CSV."""
    lines = [line for line in head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines() if line.strip()]
    if not lines:
        return
    cells = [c.strip().strip('"') for c in lines[0].split(";")]
    other_separator = re.split(r"[,\t|]", lines[0])
    if len(other_separator) > 1 and all(re.fullmatch(r"[A-ZÆØÅ0-9_]+", c.strip().strip('"')) for c in other_separator):
        return  # a header of variable codes with the wrong separator: SemicolonCsv says so
    if len([c for c in cells if c]) <= 1 or any(PERIOD_CELL.fullmatch(c) for c in cells if c):
        raise reject(
            display,
            "filen ligner en download fra statistikbanken.dk (titelrækker og perioder som kolonner), "
            "ikke API'ets CSV; hent tabellen med `python -m dashboard import statbank --table "
            f'{table_id}` eller fra api.statbank.dk med "format": "CSV"',
            row=1,
        )


def source_info(table: StatbankTable, fetched_at, ref: str) -> SourceInfo:
    return SourceInfo(
        "dst",
        f"{NAME}, {table.table_id}",
        table.table_id,
        f"https://www.statistikbanken.dk/{table.table_id}",
        fetched_at,
        ref,
    )


def parse_file(
    path: Path,
    display: str,
    table: StatbankTable,
    ref: Reference,
    source: SourceInfo,
    *,
    max_bytes: int,
    first_day: date | None = None,
) -> Batch:
    """Validate a saved StatBank CSV response and return its observations."""
    with path.open("rb") as fh:
        head = fh.read(64 * 1024)
    if head.strip():
        message = error_message(head)
        if message:
            raise reject(display, message, row=1)
        check_not_web_download(head, display, table.table_id)
    progress = Progress(f"Læser {table.table_id}", total=max(1, path.stat().st_size))
    csv_file = SemicolonCsv(path, display, max_bytes, on_bytes=progress.advance)
    header = csv_file.header
    keys = [column_key(h) for h in header]

    def find(name: str, *alternatives: str, required: bool = True) -> int | None:
        for candidate in (name, *alternatives):
            if column_key(candidate) in keys:
                return keys.index(column_key(candidate))
        if required:
            raise reject(
                display,
                f"kolonnen {name} mangler – er filen et svar fra tabellen {table.table_id}? "
                f"Overskriften er: {';'.join(header)}",
                row=csv_file.header_line,
            )
        return None

    area, period = find("OMRÅDE"), find("TID")
    amount = find("INDHOLD", "VALUE", "VÆRDI")
    dims = [(d, find(d.column)) for d in table.dims]
    filters = [(d, i) for d in table.filters if (i := find(d.column, required=False)) is not None]
    known = {area, period, amount, *(i for _, i in dims), *(i for _, i in filters)}
    extra = [h for i, h in enumerate(header) if i not in known]
    if extra:
        raise reject(
            display,
            f"ukendt kolonne {', '.join(extra)} for {table.table_id}; forventede "
            f"OMRÅDE, {', '.join(d.column for d in table.dims + table.filters)}, TID og INDHOLD",
            row=csv_file.header_line,
        )
    rows = csv_file.rows()
    first = next(rows)
    layout = Layout(
        table.indicator_id,
        table.kind,
        (table.grain,),
        area,
        period,
        amount,
        dims,
        filters,
        columns=header,
        area_of=functools.partial(area_code, ref),
        skip_area=is_other_area,
        number=english_number if is_english(first.cells) else parse_number,
    )
    batch = Batch(table.table_id, source)
    numbered = ((row.line, row.cells) for row in itertools.chain([first], rows))
    add_rows(batch, numbered, layout, ref, Problems(display), first_day)
    progress.finish(f"{len(batch.observations)} tal")
    return batch
