"""Build the DuckDB file of key figures from the files under `data/`.

Staged like a dbt project: reference CSVs become dimension tables, generated demo
cells are staged and aggregated in SQL, documented figures replace demo values at
their keys, then the finished file is swapped in with one atomic rename. Last, the real
public files in `data/real/` are imported as official figures, each line of
`data/real/imports.txt` run as `python -m dashboard import …` (the importer a user runs).
"""

from __future__ import annotations

import csv
import os
import shlex
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from dashboard.build import benchmark, covid, demo
from dashboard.db import store_hidden_cells

SCHEMA = Path(__file__).with_name("schema.sql")
STAGE_CUBES = Path(__file__).with_name("stage_cubes.sql")
STAGE_LEVELS = Path(__file__).with_name("stage_levels.sql")
DERIVED = Path(__file__).with_name("derived.sql")
REAL_IMPORTS = Path("real") / "imports.txt"
FIRST_MONTH, LAST_MONTH = "2014-01", "2022-12"
FULL_CUBE_GEOS = ["151", "000", "084", "hovedstadsomraadet", "LD02", "KG1"]
REGION_SLUGS = {
    "081": "region-nordjylland",
    "082": "region-midtjylland",
    "083": "region-syddanmark",
    "084": "region-hovedstaden",
    "085": "region-sjaelland",
}
AGE_NAMES = {"alle": "Alle aldre"} | {a: f"{a.replace('-', '–')} år" for a in demo.AGES}
GENDER_NAMES = {"alle": "Alle", "kvinder": "Kvinder", "maend": "Mænd"}
ORIGIN_NAMES = {
    "alle": "Alle",
    "dansk": "Dansk oprindelse",
    "vestlig": "Vestlig oprindelse",
    "ikke-vestlig": "Ikke-vestlig oprindelse",
}
# Extra demo generators (name, function(con, munis, settings) -> None) registered by
# other modules; each writes its own rows into the staging tables.
EXTRA_STAGES: list[Callable[[duckdb.DuckDBPyConnection, demo.Municipalities, str], None]] = []


def slugify(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "–": "-", " ": "-", ".": "", "/": "-"})
    return "-".join(part for part in name.lower().translate(table).split("-") if part)


def read_csv(data_dir: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(data_dir / name, dtype=str, keep_default_na=False, encoding="utf-8")


def geography_frames(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All areas (municipalities, regions, landsdele, hovedstadsområdet, groups, the cluster of
    comparable municipalities (data/clusters.csv), country)."""
    munis = read_csv(data_dir, "municipalities.csv")
    landsdele = read_csv(data_dir, "landsdele.csv")
    landsdel_of = {c: r.landsdel_code for r in landsdele.itertuples() for c in r.municipalities.split()}
    rows, members = [], []

    def add(code: str, slug: str, name: str, level: str, member_codes: list[str], **extra: str) -> None:
        rows.append({"geo_code": code, "slug": slug, "name_da": name, "level": level, "sort_order": len(rows)} | extra)
        members.extend({"geo_code": code, "member_code": m} for m in member_codes)

    all_codes = munis["code"].tolist()
    add("000", "hele-landet", "Hele landet", "land", all_codes)
    for code, slug in REGION_SLUGS.items():
        name = munis.loc[munis.region_code == code, "region_name"].iloc[0]
        add(code, slug, name, "region", munis.loc[munis.region_code == code, "code"].tolist())
    omegn = landsdele.set_index("landsdel_code")
    add(
        "hovedstadsomraadet",
        "hovedstadsomraadet",
        "Hovedstadsområdet",
        "hovedstadsomraade",
        omegn.loc["LD01", "municipalities"].split() + omegn.loc["LD02", "municipalities"].split(),
    )
    for r in landsdele.itertuples():
        add(r.landsdel_code, slugify(f"landsdel {r.name}"), f"Landsdel {r.name}", "landsdel", r.municipalities.split())
    clusters = read_csv(data_dir, "clusters.csv")
    for code, members_of in clusters.groupby("cluster_code", sort=True):
        first_row = members_of.iloc[0]
        add(code, first_row["slug"], first_row["name_da"], "klynge", members_of["member_code"].tolist())
    for code, name in munis.groupby("municipality_group_code")["municipality_group"].first().items():
        add(
            f"KG{code}",
            slugify(name),
            name,
            "kommunegruppe",
            munis.loc[munis.municipality_group_code == code, "code"].tolist(),
        )
    for r in munis.itertuples():
        add(
            r.code,
            slugify(r.name),
            r.name,
            "kommune",
            [r.code],
            region_code=r.region_code,
            landsdel_code=landsdel_of[r.code],
            municipality_group_code=f"KG{r.municipality_group_code}",
        )
    return pd.DataFrame(rows), pd.DataFrame(members)


def load_dimensions(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    areas, members = geography_frames(data_dir)
    con.execute("INSERT INTO geography BY NAME SELECT * FROM areas")
    con.execute("INSERT INTO geography_member SELECT * FROM members")
    source_rows = read_csv(data_dir, "sources.csv").replace("", None)
    con.execute("INSERT INTO source BY NAME SELECT * FROM source_rows")
    group_rows = read_csv(data_dir, "target_groups.csv").replace("", None)
    con.execute(
        "INSERT INTO target_group SELECT group_code, name_da, is_ledig::BOOLEAN, sort_order::INTEGER FROM group_rows"
    )
    for table, names in (("age_band", AGE_NAMES), ("gender", GENDER_NAMES), ("origin", ORIGIN_NAMES)):
        con.executemany(f"INSERT INTO {table} VALUES (?, ?, ?)", [(k, v, i) for i, (k, v) in enumerate(names.items())])
    indicator_rows = read_csv(data_dir, "indicators.csv").replace("", None)
    con.execute(
        """INSERT INTO indicator SELECT indicator_id, name_da, focus_area, unit, higher_is_better::BOOLEAN,
                  grain, decimals::INTEGER, description_da FROM indicator_rows"""
    )
    event_rows = read_csv(data_dir, "events.csv").replace("", None)
    con.execute("INSERT INTO event SELECT event_date::DATE, end_date::DATE, label_da, kind, source_id FROM event_rows")


def load_documents(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Every documented fact and target, with its source, exactly as stated."""
    facts = read_csv(data_dir, "seed_facts.csv")
    series = read_csv(data_dir, "fact_series.csv")
    con.execute(
        """INSERT INTO document_fact
           SELECT f.fact_id, f.topic, f.measure, f.geography, f.period, f.target_group, f.value::DOUBLE, f.unit,
                  s.source_id, f.locator, nullif(f.note, ''), nullif(m.indicator_id, '')
           FROM facts f JOIN source s ON s.ref = f.source LEFT JOIN series m USING (fact_id)"""
    )
    target_rows = read_csv(data_dir, "seed_targets.csv")
    links = read_csv(data_dir, "target_indicators.csv")
    con.execute(
        """INSERT INTO target
           SELECT t.target_id, t.plan, t.focus_area, t.indicator_text, t.comparator, t.value,
                  CASE WHEN t.comparator = 'between' THEN split_part(t.value, '-', 1)::DOUBLE
                       ELSE try_cast(t.value AS DOUBLE) END,
                  CASE WHEN t.comparator = 'between' THEN split_part(t.value, '-', 2)::DOUBLE
                       ELSE try_cast(t.value AS DOUBLE) END,
                  t.unit, t.applies_from::INTEGER, t.applies_to::INTEGER, s.source_id, t.locator,
                  nullif(l.indicator_id, ''), nullif(l.group_code, '')
           FROM target_rows t JOIN source s ON s.ref = t.source LEFT JOIN links l USING (target_id)"""
    )


def anchors_from_facts(data_dir: Path) -> pd.DataFrame:
    """The documented figures that fall on a series, keyed like observations."""
    facts = read_csv(data_dir, "seed_facts.csv")[["fact_id", "value", "note"]]
    series = read_csv(data_dir, "fact_series.csv")
    out = series.merge(facts, on="fact_id")
    out["value"] = out["value"].astype(float)
    return out


def as_anchor(row: pd.Series) -> demo.Anchor:
    return demo.Anchor(pd.Timestamp(row.period_start), pd.Timestamp(row.period_end), row.value)


def labour_market(
    con: duckdb.DuckDBPyConnection, data_dir: Path, munis: demo.Municipalities, months: pd.DatetimeIndex, home: str
) -> tuple[np.ndarray, np.ndarray]:
    """Labour force and unemployment rate (municipality × month), through the documented rates."""
    anchors = anchors_from_facts(data_dir)
    monthly = anchors[anchors.grain.isin(["month", "year"])]

    def rate_anchors(geo: str) -> list[demo.Anchor]:
        sel = monthly[
            (monthly.indicator_id == "ledighedsprocent") & (monthly.geo_code == geo) & (monthly.age_band == "alle")
        ]
        return [as_anchor(r) for r in sel.itertuples()]

    def in_window(a: demo.Anchor) -> bool:
        return bool(((months >= a.first) & (months <= a.last)).any())

    geography = con.execute("SELECT geo_code, member_code FROM geography_member").df()
    codes = np.array(munis.codes)

    def members(area: str) -> np.ndarray:
        return np.isin(codes, geography.loc[geography.geo_code == area, "member_code"])

    home_mask = codes == home
    area_anchors = []
    for a in rate_anchors("hovedstadsomraadet"):
        area_anchors.append((members("hovedstadsomraadet"), home_mask, a))
    for a in rate_anchors("000"):
        pinned = (
            members("hovedstadsomraadet")
            if a.first.month == a.last.month and a.first.year == a.last.year and a.first.month == 9
            else home_mask
        )
        area_anchors.append((members("000"), pinned, a))
    area_anchors = [x for x in area_anchors if in_window(x[2])]
    lf = demo.labour_force(munis, months)
    rate = demo.unemployment_rate(munis, months, home, rate_anchors(home), area_anchors, lf)
    return lf, rate


def stage_demo(con: duckdb.DuckDBPyConnection, data_dir: Path, home: str) -> None:
    """Generate the demo cells and stage them as observations (quality demo)."""
    munis_frame = read_csv(data_dir, "municipalities.csv")
    munis = demo.municipalities(munis_frame)
    months = demo.month_range(FIRST_MONTH, LAST_MONTH)
    anchors = anchors_from_facts(data_dir)
    monthly = anchors[anchors.grain.isin(["month", "year"])]
    lf, rate = labour_market(con, data_dir, munis, months, home)
    lf_cells = demo.labour_force_cells(munis, months, lf, home)
    ledige_cells = demo.unemployed_cells(munis, months, lf, rate, home)
    modtagere_cells = demo.recipient_cells(munis, months, rate, home)
    level_cells = level_frames(data_dir, munis, monthly, home)
    full_cube_geo = pd.DataFrame({"geo_code": FULL_CUBE_GEOS})
    for name, frame in (
        ("lf_cells", lf_cells),
        ("ledige_cells", ledige_cells),
        ("modtagere_cells", modtagere_cells),
        ("level_cells", level_cells),
        ("full_cube_geo", full_cube_geo),
    ):
        con.register(name, frame)
    con.execute(STAGE_CUBES.read_text(encoding="utf-8"))
    con.execute(STAGE_LEVELS.read_text(encoding="utf-8"))
    covid.stage(con, munis, home)
    benchmark.stage(con, munis, home)
    for stage in EXTRA_STAGES:
        stage(con, munis, home)


def level_frames(
    data_dir: Path,
    munis: demo.Municipalities,
    anchors: pd.DataFrame,
    home: str,
    first: str = FIRST_MONTH,
    last: str = LAST_MONTH,
) -> pd.DataFrame:
    specs = read_csv(data_dir, "indicators.csv")
    frames = {}
    for spec in specs.to_dict("records"):
        if spec["model"] not in ("level", "remainder"):
            continue
        periods = demo.month_range(first, last)
        if spec["grain"] == "year":
            periods = pd.date_range(f"{first[:4]}-01-01", f"{last[:4]}-01-01", freq="YS")
        own = anchors[(anchors.indicator_id == spec["indicator_id"]) & (anchors.geo_code == home)]
        by_key: dict[tuple[str, str, str], list[demo.Anchor]] = {}
        for r in own.itertuples():
            by_key.setdefault((r.indicator_id, r.group_code, r.origin), []).append(as_anchor(r))
        frames[spec["indicator_id"]] = demo.level_indicator(spec, munis, periods, by_key, home)
    under, over = frames["varighed_under_1_aar"], frames["varighed_over_3_aar"]
    remainder = under.copy()
    remainder["value"] = 100 - under["value"].to_numpy() - over["value"].to_numpy()
    frames["varighed_1_3_aar"] = remainder
    return pd.concat([f.assign(indicator_id=k) for k, f in frames.items()], ignore_index=True)


def finish_observations(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    """Demo rows everywhere, except where a document states the figure: that row wins."""
    anchors = anchors_from_facts(data_dir)
    con.register("fact_rows", anchors)
    con.execute(
        """
        CREATE TEMP TABLE document_observation AS
        SELECT a.indicator_id, a.geo_code, a.grain, a.period_start::DATE AS period_start,
               a.period_end::DATE AS period_end, a.group_code, a.age_band, a.gender, a.origin,
               a.value, NULL::INTEGER AS persons, d.source_id, 'document' AS quality
        FROM fact_rows a JOIN document_fact d USING (fact_id)
        """
    )
    con.execute(
        """
        INSERT INTO observation BY NAME
        SELECT s.indicator_id, s.geo_code, i.grain, s.period_start,
               CASE i.grain WHEN 'month' THEN last_day(s.period_start)
                            WHEN 'year' THEN (s.period_start + INTERVAL 1 YEAR - INTERVAL 1 DAY)::DATE
                            WHEN 'week' THEN (s.period_start + INTERVAL 6 DAY)::DATE END AS period_end,
               s.group_code, s.age_band, s.gender, s.origin, s.value, s.persons::INTEGER AS persons,
               'demo' AS source_id, 'demo' AS quality
        FROM stage_observation s JOIN indicator i USING (indicator_id)
        WHERE NOT EXISTS (
            SELECT 1 FROM document_observation d
            WHERE d.indicator_id = s.indicator_id AND d.geo_code = s.geo_code AND d.grain = i.grain
              AND d.period_start = s.period_start AND d.group_code = s.group_code
              AND d.age_band = s.age_band AND d.gender = s.gender AND d.origin = s.origin)
        ORDER BY s.indicator_id, s.geo_code, s.period_start, s.group_code, s.age_band, s.gender, s.origin
        """
    )
    con.execute("INSERT INTO observation BY NAME SELECT * FROM document_observation ORDER BY ALL")
    con.execute(DERIVED.read_text(encoding="utf-8"))


def write_meta(con: duckdb.DuckDBPyConnection, scale: str) -> None:
    last = con.execute("SELECT max(period_end) FROM observation WHERE quality = 'demo' AND grain = 'month'").fetchone()[
        0
    ]
    rows = {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "data_as_of": str(last),
        "scale": scale,
        "schema_version": "1",
        "home_geo": "151",
    }
    con.executemany("INSERT INTO meta VALUES (?, ?)", list(rows.items()))


def build_database(
    db_path: Path,
    data_dir: Path,
    scale: str = "bundled",
    home: str = "151",
    real_files: bool = True,
) -> dict[str, float]:
    """Write the database to a temporary file beside `db_path`, then rename it into place; then
    import the real files of data/real/ (bundled scale, unless `real_files` is False). The
    hidden cells of the privacy rule are stored by the last writer: the build itself, or each
    import after it (`db.store_hidden_cells`)."""
    started = time.perf_counter()
    imports = real_import_commands(data_dir) if scale == "bundled" and real_files else []
    db_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{db_path.name}.", suffix=".tmp", dir=db_path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        con = duckdb.connect(str(tmp))
        try:
            con.execute("SET preserve_insertion_order = true")
            schema = SCHEMA.read_text(encoding="utf-8")
            if scale == "national":
                from dashboard.build import national

                schema = national.schema(schema)
            con.execute(schema)
            load_dimensions(con, data_dir)
            load_documents(con, data_dir)
            if scale == "national":
                national.stage_and_finish(con, data_dir, home)
            else:
                stage_demo(con, data_dir, home)
                finish_observations(con, data_dir)
            write_meta(con, scale)
            rows = con.execute("SELECT count(*) FROM observation").fetchone()[0]
            if not imports:
                store_hidden_cells(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}.wal").unlink(missing_ok=True)
    if imports:
        import_real_files(db_path, imports)
        with duckdb.connect(str(db_path), read_only=True) as con:
            rows = con.execute("SELECT count(*) FROM observation").fetchone()[0]
    return {"observations": rows, "seconds": time.perf_counter() - started, "bytes": db_path.stat().st_size}


def real_import_commands(data_dir: Path) -> list[list[str]]:
    """The `import` argument lists of data/real/imports.txt, with --file paths made absolute."""
    listing = data_dir / REAL_IMPORTS
    if not listing.exists():
        return []
    commands = []
    for line in listing.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        args = shlex.split(line)
        commands.append([str(listing.parent / a) if before == "--file" else a for before, a in zip(["", *args], args)])
    return commands


def import_real_files(db_path: Path, commands: list[list[str]]) -> None:
    """Import the real public files (`real_import_commands`) through `python -m dashboard import`
    (a rejected file fails the build)."""
    from dashboard.cli import main

    for args in commands:
        if main(["import", *args, "--db", str(db_path)]) != 0:
            raise RuntimeError(f"data/{REAL_IMPORTS.as_posix()}: `import {shlex.join(args)}` blev afvist (se ovenfor)")


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
