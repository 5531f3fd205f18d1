"""STAR's Jobindsats: benefit tables as `modtagere` by target group, Y30R21 as `benchmark`.

API v2, as in STAR's "API Eksempler" (2022): the key goes as is in the `Authorization`
header; `GET https://api.jobindsats.dk/v2/data/<TABLE>/json/?period=l(m:12)&area=Hele landet&_kon=*`,
or `POST` to the same address with a JSON body (lists of values, as the recorded Y30R21
request). Breakdowns come only when asked for, by each table's dimension parameters
(`_kon`, `_aldera`, `_oprinda`, `_ygrp_y30r21`, …); without them the answer holds totals
only. The JSON answer is a list whose first element has `Variables` (each with `Name` and
`Label`) and `Data` (rows in that order). A wrong or expired key answers
`{"Forkert nøgle eller nøglen er udløbet.": ""}`.
"""

from __future__ import annotations

import json
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dashboard.importers.batch import Batch, SourceInfo
from dashboard.importers.categories import age, gender, origin
from dashboard.importers.cells import Dimension, value
from dashboard.importers.errors import Problems, reject
from dashboard.importers.jsonfile import load_json
from dashboard.importers.network import HttpRequest
from dashboard.importers.reference import Reference
from dashboard.importers.tabular import Layout, add_rows
from dashboard.importers.text import SemicolonCsv, column_key, norm, parse_number

API_URL = "https://api.jobindsats.dk/v2/data"
NAME = "Jobindsats (STAR)"
BENCHMARK_TABLE = "Y30R21"
COMBINED = ("Y08A02", "Y09A02")

MATCH_GROUPS = Dimension(
    "Matchgruppe",
    "group_code",
    [
        value("JOB", "Jobparate", "Jobparat", to="kontanthjaelp-jobparat"),
        value("AKT", "Aktivitetsparate", "Aktivitetsparat", to="kontanthjaelp-aktivitetsparat"),
        value("TOT", "I alt", "Alle", "Matchgruppe i alt"),
        value("UOPL", "Uoplyst", "Ikke visiteret"),
    ],
)
ALL_MATCH_GROUPS = Dimension(
    "Matchgruppe", None, [value("TOT", "I alt", "Alle", "Matchgruppe i alt")], strict=False, keep=frozenset({"TOT"})
)


# The breakdowns the mapping reads: sex, age and origin (every value, `*`).
BREAKDOWNS = (("_kon", "*"), ("_aldera", "*"), ("_oprinda", "*"))
# The match group (jobparat/aktivitetsparat) of Y36A02. Its parameter name is not in the
# real answers or STAR's examples we hold; it follows the tables' naming (unverified).
MATCH_GROUP_PARAMETER = ("_matchgr", "*")
Y30R21_GROUPS = ("Ydelsesgrupper i alt", "A-dagpenge mv.", "Sygedagpenge mv.", "Kontanthjælp mv.")


@dataclass(frozen=True)
class JobindsatsTable:
    table_id: str
    title: str
    group: str | None  # fixed target group; None: from the match group column
    dimensions: tuple[tuple[str, str | tuple[str, ...]], ...] = BREAKDOWNS  # parameters the request sends


TABLES = {
    t.table_id: t
    for t in (
        JobindsatsTable("Y01A02", "Dagpenge", "dagpenge"),
        JobindsatsTable(
            "Y36A02", "Kontanthjælp (jobparate og aktivitetsparate)", None, (*BREAKDOWNS, MATCH_GROUP_PARAMETER)
        ),
        JobindsatsTable("Y38A02", "Uddannelseshjælp", "uddannelseshjaelp"),
        JobindsatsTable("Y07A02", "Sygedagpenge", "sygedagpenge"),
        JobindsatsTable("Y12A02", "Jobafklaringsforløb", "jobafklaring"),
        JobindsatsTable("Y11A02", "Ressourceforløb", "ressourceforloeb"),
        JobindsatsTable("Y09A02", "Ledighedsydelse (sammen med Y08A02)", "ledighedsydelse-fleksjob"),
        JobindsatsTable("Y08A02", "Fleksjob (sammen med Y09A02)", "ledighedsydelse-fleksjob"),
        JobindsatsTable("PTVA02", "Offentligt forsørgede i alt", "alle"),
        JobindsatsTable(
            BENCHMARK_TABLE,
            "Benchmark: faktisk og forventet antal på offentlig forsørgelse",
            None,
            (("_ygrp_y30r21", Y30R21_GROUPS),),
        ),
    )
}
PERSON_MEASURES = ("antalpersoner", "personer", "antal", "antalfuldtidspersoner", "fuldtidspersoner")


def data_request(table_id: str, areas: list[str], period: str, key: str) -> HttpRequest:
    """The request for one table with its dimension parameters: GET with a query, as STAR's
    examples; POST with a JSON body when a parameter takes a list of values (Y30R21's groups)."""
    table = TABLES[table_id]
    url = f"{API_URL}/{urllib.parse.quote(table_id)}/json/"
    headers = {"Authorization": key, "Accept": "application/json"}
    if any(isinstance(v, tuple) for _, v in table.dimensions):
        body = {
            "area": areas[0] if len(areas) == 1 else areas,
            "period": period,
            **{name: list(v) if isinstance(v, tuple) else v for name, v in table.dimensions},
        }
        return HttpRequest(
            "POST",
            url,
            headers | {"Content-Type": "application/json"},
            json.dumps(body, ensure_ascii=False).encode("utf-8"),
        )
    query = urllib.parse.urlencode(
        {"area": ",".join(areas), "period": period, **dict(table.dimensions)},
        safe=",*():",
        quote_via=urllib.parse.quote,
    )
    return HttpRequest("GET", f"{url}?{query}", headers)


def key_error(body: Any) -> str | None:
    """The message of an error answer (wrong key, or any other JSON object instead of data)."""
    if isinstance(body, dict):
        text = " ".join(str(k) for k in body) + " " + " ".join(str(v) for v in body.values())
        if "nøgle" in text.lower() or "key" in text.lower():
            return "Jobindsats afviste API-nøglen (forkert eller udløbet); tjek DASHBOARD_JOBINDSATS_API_KEY"
        message = body.get("message") or body.get("Message") or text.strip()
        return f"Jobindsats svarede med en fejl: {message[:300]}"
    return None


def is_csv_answer(path: Path) -> bool:
    """A saved answer from the API's `/csv` endpoint (or an export from jobindsats.dk)
    rather than `/json`: by its name, or by not starting like JSON."""
    if path.suffix.lower() == ".csv":
        return True
    if path.suffix.lower() == ".json":
        return False
    with path.open("rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    return not head.startswith((b"[", b"{"))


def read_csv_answer(path: Path, display: str, max_bytes: int) -> tuple[list[str], list[str], list[tuple[int, list]]]:
    """(names, labels, numbered rows) of a CSV answer: `;`-separated, decimal comma, the
    header holding the variables' labels. Rows are numbered by their line in the file."""
    csv_file = SemicolonCsv(path, display, max_bytes)
    rows = [(row.line, row.cells) for row in csv_file.rows()]
    return list(csv_file.header), list(csv_file.header), rows


def read_answer(path: Path, display: str, max_bytes: int) -> tuple[list[str], list[str], list[tuple[int, list]]]:
    """(names, labels, numbered rows) of a saved Jobindsats answer, JSON or CSV."""
    if is_csv_answer(path):
        return read_csv_answer(path, display, max_bytes)
    body = load_json(path, display, max_bytes)
    message = key_error(body)
    if message:
        raise reject(display, message)
    if isinstance(body, list) and body and isinstance(body[0], dict):
        body = body[0]
    if not isinstance(body, dict) or "Variables" not in body or "Data" not in body:
        raise reject(display, "uventet JSON-format: forventede en liste med 'Variables' og 'Data' (Jobindsats API v2)")
    variables, data = body["Variables"], body["Data"]
    if not isinstance(variables, list) or not all(isinstance(v, dict) for v in variables) or not isinstance(data, list):
        raise reject(
            display, "uventet JSON-format: 'Variables' skal være en liste af objekter og 'Data' en liste af rækker"
        )
    names = [str(v.get("Name") or v.get("Label") or "") for v in variables]
    labels = [str(v.get("Label") or v.get("Name") or "") for v in variables]
    if not data:
        raise reject(display, "svaret har ingen datarækker ('Data' er tom)")
    problems = Problems(display)
    rows = []
    for i, row in enumerate(data, start=1):
        if not isinstance(row, list) or len(row) != len(names):
            problems.add(
                i,
                None,
                f"rækken har {len(row) if isinstance(row, list) else 0} værdier, men der er {len(names)} variable",
            )
            continue
        rows.append((i, row))
    problems.raise_if_any()
    return names, labels, rows


def find_column(names: list[str], labels: list[str], *prefixes: str) -> int | None:
    for i, (name, label) in enumerate(zip(names, labels, strict=True)):
        for key in (column_key(name), column_key(label)):
            if any(key == p or key.startswith(p) for p in prefixes):
                return i
    return None


def is_number(cell: object) -> bool:
    """A measure cell: a number, a missing-value marker or empty (JSON null)."""
    if cell is None or not str(cell).strip():
        return True
    try:
        parse_number(cell)
    except ValueError:
        return False
    return True


def unmapped_dimension_filters(
    labels: list[str], rows: list[tuple[int, list]], used: set[int], display: str
) -> list[tuple[Dimension, int]]:
    """A breakdown column the dashboard does not map (e.g. `Fleksjobtype`) is reduced to its total
    (`… i alt`); without a total it is refused by name, so that its rows never pass as duplicates."""
    filters = []
    for i, label in enumerate(labels):
        if i in used or all(is_number(cells[i]) for _, cells in rows):
            continue
        totals = sorted(
            {str(cells[i]) for _, cells in rows if norm(cells[i]) == "i alt" or norm(cells[i]).endswith(" i alt")}
        )
        if len(totals) != 1:
            raise reject(
                display,
                f"kolonnen {label!r} er en opdeling som dashboardet ikke bruger, og svaret har "
                f"{'ingen total' if not totals else 'flere totaler'} ('… i alt') for den; hent "
                "tabellen uden den opdeling (uden parameteren for den)",
            )
        filters.append((Dimension(label, None, [value(totals[0])], strict=False, keep=frozenset({totals[0]})), i))
    return filters


def source_info(table_id: str, fetched_at, ref: str) -> SourceInfo:
    return SourceInfo(
        "jobindsats",
        f"{NAME}, {table_id}",
        table_id,
        f"https://www.jobindsats.dk/jobindsats/?table={table_id}",
        fetched_at,
        ref,
    )


def parse_benefit_file(
    path: Path, display: str, table: JobindsatsTable, ref: Reference, source: SourceInfo, *, max_bytes: int
) -> Batch:
    names, labels, rows = read_answer(path, display, max_bytes)
    area = find_column(names, labels, "area", "omraade", "omrade", "kommune", "jobcenter")
    period = find_column(names, labels, "period", "periode", "tid", "maaned")
    for needed, what in ((area, "område (area)"), (period, "periode (period)")):
        if needed is None:
            raise reject(display, f"svaret har ingen kolonne for {what}; variable: {', '.join(labels)}")
    dims: list[tuple[Dimension, int]] = []
    filters: list[tuple[Dimension, int]] = []
    for make, prefixes in (
        (gender, ("kon", "koen")),
        (lambda c: age(c, sums=True), ("alder",)),
        (origin, ("herkomst", "oprindelse")),
    ):
        if (i := find_column(names, labels, *prefixes)) is not None:
            dims.append((make(labels[i]), i))
    match = find_column(names, labels, "matchgr", "matchgruppe", "mgrp")
    if table.group is None:
        if match is None:
            raise reject(
                display,
                f"{table.table_id} skal hentes opdelt på matchgruppe (jobparate/aktivitetsparate); "
                "svaret har ingen matchgruppe-kolonne",
            )
        dims.append((Dimension(labels[match], "group_code", MATCH_GROUPS.values), match))
    elif match is not None:
        filters.append(
            (Dimension(labels[match], None, ALL_MATCH_GROUPS.values, strict=False, keep=ALL_MATCH_GROUPS.keep), match)
        )
    used = {area, period, *(i for _, i in dims), *(i for _, i in filters)}
    filters += unmapped_dimension_filters(labels, rows, used, display)
    used |= {i for _, i in filters}
    measures = {column_key(labels[i]): i for i in range(len(names)) if i not in used}
    measures.update({column_key(names[i]): i for i in range(len(names)) if i not in used})
    amount = next((measures[m] for m in PERSON_MEASURES if m in measures), None)
    if amount is None:
        raise reject(display, f"svaret har ingen kolonne med antal personer; variable: {', '.join(labels)}")
    fixed = {"group_code": table.group} if table.group else {}
    layout = Layout("modtagere", "count", ("month",), area, period, amount, dims, filters, fixed, columns=labels)
    batch = Batch(table.table_id, source)
    add_rows(batch, rows, layout, ref, Problems(display))
    return batch


def combine(first: Batch, second: Batch, source: SourceInfo) -> Batch:
    """Ledighedsydelse + fleksjob = the target group `ledighedsydelse-fleksjob`, cell by cell."""

    def by_key(batch: Batch) -> dict[tuple, tuple]:
        return {(r[0], r[1], r[2], r[3], r[5], r[6], r[7], r[8]): r for r in batch.observations}

    a, b = by_key(first), by_key(second)
    out = Batch(
        f"{first.label}+{second.label}",
        source,
        rows_read=first.rows_read + second.rows_read,
        skipped=Counter(first.skipped) + Counter(second.skipped),
    )
    for key in sorted(a.keys() & b.keys(), key=lambda k: (k[1], k[3], k[4], k[5], k[6], k[7])):
        ra, rb = a[key], b[key]
        total = ra[9] + rb[9]
        out.observations.append((*ra[:9], total, round(total)))
    out.skipped["incomplete"] += len(a.keys() ^ b.keys())
    if not out.observations:
        raise reject(
            f"{first.label}+{second.label}",
            "ingen celler findes i begge tabeller (samme område, periode og "
            "opdeling); ledighedsydelse og fleksjob kan ikke lægges sammen",
        )
    return out


def normalise_area_arguments(areas: list[str], ref: Reference) -> list[str]:
    """Jobindsats wants area names (`Ballerup`, `Hele landet`); `*` is passed on."""
    out = []
    for a in areas:
        if a.strip() == "*":
            out.append("*")
            continue
        code = ref.area(a)
        if code is None or ref.levels.get(code) not in ("kommune", "region", "land"):
            raise reject(
                "--area", f"ukendt område {a!r} (brug et kommune- eller regionsnavn, en kode som 151, eller *)"
            )
        out.append(ref.area_name(code))
    return out
