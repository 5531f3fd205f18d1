"""A tiny hand-made database for the focus-area and target queries, with known answers.

Region 084 has four municipalities (151 is home). Every number below is chosen so that
a test can state its answer by hand; the comments say which test relies on what.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb

from dashboard.build import SCHEMA

GEOS = [
    ("000", "hele-landet", "Hele landet", "land", None, None, None, 0),
    ("084", "region-hovedstaden", "Region Hovedstaden", "region", None, None, None, 1),
    ("KG1", "hovedstadskommuner", "Hovedstadskommuner", "kommunegruppe", None, None, None, 2),
    ("151", "ballerup", "Ballerup", "kommune", "084", "LD02", "KG1", 3),
    ("153", "broendby", "Brøndby", "kommune", "084", "LD02", "KG1", 4),
    ("157", "gentofte", "Gentofte", "kommune", "084", "LD02", "KG1", 5),
    ("159", "gladsaxe", "Gladsaxe", "kommune", "084", "LD02", "KG1", 6),
]
REGION = ["151", "153", "157", "159"]
GROUPS = [
    ("alle", "Alle målgrupper", None, 0),
    ("dagpenge", "Dagpenge", True, 1),
    ("kontanthjaelp-aktivitetsparat", "Kontanthjælp – aktivitetsparate", False, 2),
    ("ressourceforloeb", "Ressourceforløb", False, 3),
]
INDICATORS = [
    # id, name, focus, unit, higher_is_better, grain, decimals
    ("aktivt_tilbud_13_uger", "Andel i aktivt tilbud inden for 13 uger", "samarbejde", "pct", True, "month", 1),
    ("andel_forsikrede_ledige", "Forsikrede ledige", "forsikrede", "pct", False, "month", 1),
    ("ledighedsprocent", "Ledighedsprocent", "overblik", "pct", False, "month", 1),
    ("arbejdsstyrke", "Arbejdsstyrken", "overblik", "personer", None, "month", 0),
    ("kompetencegivende_uddannelse", "Unge i kompetencegivende uddannelse", "unge", "pct", True, "month", 1),
    ("andel_aktiverede", "Andel aktiverede borgere", "aktivering", "pct", True, "year", 0),
    ("sagsvarighed", "Sagsvarighed", "ikke_vestlig", "uger", False, "month", 1),
    ("varighed_under_1_aar", "Forløb under 1 år", "udfordringer", "pct", True, "month", 1),
    ("varighed_1_3_aar", "Forløb 1–3 år", "udfordringer", "pct", None, "month", 1),
    ("varighed_over_3_aar", "Forløb over 3 år", "udfordringer", "pct", False, "month", 1),
    ("loentilskud_andel", "Løntilskud", "udfordringer", "pct", True, "month", 1),
]
SOURCES = [
    ("demo", "demo", "demo", "Demodata", None),
    ("plan-2021", "000.txt", "document", "Beskæftigelsesplan 2021", "documents/000.txt"),
    ("plan-2018", "001.txt", "document", "Beskæftigelsesplan 2018", "documents/001.txt"),
]
TARGETS = [
    # id, plan, focus, text, comparator, value_text, low, high, unit, from, to, source, locator, indicator, group
    (
        "TA",
        "Plan 2021/2022",
        "samarbejde",
        "Aktivt tilbud inden for 13 uger",
        ">=",
        "85",
        85,
        85,
        "pct",
        2021,
        2022,
        "plan-2021",
        "Ministermål 2",
        "aktivt_tilbud_13_uger",
        "alle",
    ),
    (
        "TB",
        "Plan 2021/2022",
        "forsikrede",
        "Blandt de to laveste",
        "rank<=",
        "2",
        2,
        2,
        "rank of 4",
        2021,
        2022,
        "plan-2021",
        "Mål 2",
        "andel_forsikrede_ledige",
        "alle",
    ),
    (
        "TC",
        "Plan 2021/2022",
        "unge",
        "Kompetencegivende uddannelse",
        "level_with",
        "landsniveau",
        None,
        None,
        "pct",
        2021,
        2022,
        "plan-2021",
        "Mål 4",
        "kompetencegivende_uddannelse",
        "alle",
    ),
    (
        "TD",
        "Plan 2021/2022",
        "ikke_vestlig",
        "Ledighed for ikke-vestlige",
        "level_with",
        "ledighed for øvrige borgere i Ballerup",
        None,
        None,
        "pct",
        2021,
        2022,
        "plan-2021",
        "Mål 5",
        "ledighedsprocent",
        "alle",
    ),
    (
        "TE",
        "Beskæftigelsesplan 2018",
        "aktivering",
        "Andel aktiverede borgere",
        "between",
        "38-40",
        38,
        40,
        "pct",
        2018,
        2018,
        "plan-2018",
        "Aktiveringsomfang",
        "andel_aktiverede",
        "alle",
    ),
    (
        "TF",
        "Plan 2015",
        "unge",
        "Uden indikator",
        "<=",
        "13",
        13,
        13,
        "måneder",
        2015,
        2015,
        "plan-2018",
        "3.1 Mål 1",
        None,
        None,
    ),
    (
        "TG",
        "Plan 2030",
        "samarbejde",
        "Plan uden data endnu",
        ">=",
        "85",
        85,
        85,
        "pct",
        2030,
        2030,
        "plan-2021",
        "Fremtid",
        "aktivt_tilbud_13_uger",
        "alle",
    ),
]
FACTS = [
    (
        "F39",
        "plan2018",
        "andel_aktiverede",
        "151",
        "2016",
        "alle",
        40.0,
        "pct",
        "plan-2018",
        "Aktiveringsomfang",
        "realised",
        "andel_aktiverede",
    ),
    (
        "F40",
        "plan2018",
        "andel_aktiverede",
        "151",
        "2017",
        "alle",
        38.0,
        "pct",
        "plan-2018",
        "Aktiveringsomfang",
        "expected",
        None,
    ),
]


def month(year: int, m: int) -> date:
    return date(year, m, 1)


def months(first: tuple[int, int], last: tuple[int, int]) -> list[date]:
    out, (y, m) = [], first
    while (y, m) <= last:
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def observations() -> list[tuple]:
    rows: list[tuple] = []

    def add(
        ind,
        geo,
        day,
        value,
        persons=100,
        group="alle",
        origin="alle",
        age="alle",
        grain="month",
        source="demo",
        quality="demo",
    ):
        end = date(day.year, 12, 31) if grain == "year" else day
        rows.append((ind, geo, grain, day, end, group, age, "alle", origin, value, persons, source, quality))

    # Target TA (>= 85): 2021-12 80.0 -> 2022-12 84.9 (gap 5.1 < 8.5 tolerance, closing);
    # 2023-01 on 90 is after the plan's years and must not count.
    for day in months((2021, 1), (2023, 1)):
        value = {month(2021, 12): 80.0, month(2022, 12): 84.9, month(2023, 1): 90.0}.get(day, 82.0)
        add("aktivt_tilbud_13_uger", "151", day, value)
        add("aktivt_tilbud_13_uger", "000", day, 86.0)
        add("aktivt_tilbud_13_uger", "084", day, 85.5)
        add("aktivt_tilbud_13_uger", "KG1", day, 85.0)
    add("aktivt_tilbud_13_uger", "151", month(2022, 12), 83.0, group="dagpenge")
    add("aktivt_tilbud_13_uger", "151", month(2022, 12), 70.0, persons=3, group="kontanthjaelp-aktivitetsparat")

    # Target TB (rank <= 2, lower is better): 2022-12 151 ties with 153 for 2nd place;
    # 2021-12 151 was 4th.
    for day, values in {
        month(2021, 12): {"151": 4.0, "153": 3.0, "157": 1.0, "159": 2.0},
        month(2022, 12): {"151": 2.5, "153": 2.5, "157": 1.0, "159": 3.0},
        month(2022, 6): {"151": 3.5, "153": 2.5, "157": 1.0, "159": 3.0},
    }.items():
        for geo, value in values.items():
            add("andel_forsikrede_ledige", geo, day, value, persons=500)

    # Target TC (level with the national level, higher is better): 2022-12 60.0 vs 62.0,
    # a year before 58.0 vs 61.0: the gap narrowed from 3.0 to 2.0.
    for day, home, national in ((month(2021, 12), 58.0, 61.0), (month(2022, 12), 60.0, 62.0)):
        add("kompetencegivende_uddannelse", "151", day, home)
        add("kompetencegivende_uddannelse", "000", day, national)

    # Target TD and the gap query: ledige and labour force by origin. Others' rate in
    # 2022-12 = (400 + 100) / (9000 + 1000) = 5.0 %, ikke-vestlig 12.0 %: gap 7.0.
    # 2021-12: others (450 + 90) / (9000 + 1000) = 5.4 %, ikke-vestlig 13.0: gap 7.6.
    for day, cells in {
        month(2021, 12): {"dansk": (450, 9000), "vestlig": (90, 1000), "ikke-vestlig": (260, 2000)},
        month(2022, 12): {"dansk": (400, 9000), "vestlig": (100, 1000), "ikke-vestlig": (240, 2000)},
    }.items():
        for origin, (ledige, force) in cells.items():
            add("ledighedsprocent", "151", day, round(100 * ledige / force, 1), persons=ledige, origin=origin)
            add("arbejdsstyrke", "151", day, force, persons=force, origin=origin)
        total_l = sum(c[0] for c in cells.values())
        total_f = sum(c[1] for c in cells.values())
        add("ledighedsprocent", "151", day, round(100 * total_l / total_f, 1), persons=total_l)
        add("arbejdsstyrke", "151", day, total_f, persons=total_f)
    # A small area: its ikke-vestlig cell has 3 unemployed, so its rates must be hidden.
    for origin, (ledige, force) in {"dansk": (50, 1000), "vestlig": (10, 200), "ikke-vestlig": (3, 100)}.items():
        add("ledighedsprocent", "153", month(2022, 12), round(100 * ledige / force, 1), persons=ledige, origin=origin)
        add("arbejdsstyrke", "153", month(2022, 12), force, persons=force, origin=origin)

    # Target TE (38-40, annual): 2018 on 39 (reached); 2019 on 45 must not count.
    for year, value in ((2016, 40.0), (2017, 36.0), (2018, 39.0), (2019, 45.0)):
        source, quality = ("plan-2018", "document") if year == 2016 else ("demo", "demo")
        add("andel_aktiverede", "151", date(year, 1, 1), value, grain="year", source=source, quality=quality)

    # Case duration (weeks) by group and origin: base persons are the cases.
    # dagpenge: ikke-vestlig 30 weeks (50 cases); others (20 * 300 + 24 * 100) / 400 = 21.0.
    for group, cells in {
        "dagpenge": {"dansk": (20.0, 300), "vestlig": (24.0, 100), "ikke-vestlig": (30.0, 50)},
        "kontanthjaelp-aktivitetsparat": {"dansk": (50.0, 60), "vestlig": (55.0, 10), "ikke-vestlig": (70.0, 4)},
    }.items():
        for origin, (value, persons) in cells.items():
            add("sagsvarighed", "151", month(2022, 12), value, persons=persons, group=group, origin=origin)
    # A share by origin: persons count those with the attribute, so the base is persons*100/value.
    # dansk 10 % of 500 (50), vestlig 20 % of 100 (20): others 70 / 600 = 11.67 %.
    for origin, (value, persons) in {"dansk": (10.0, 50), "vestlig": (20.0, 20), "ikke-vestlig": (5.0, 10)}.items():
        add("loentilskud_andel", "151", month(2022, 12), value, persons=persons, group="dagpenge", origin=origin)
    add("loentilskud_andel", "151", month(2022, 12), 3.5, persons=40, group="kontanthjaelp-aktivitetsparat")
    add("loentilskud_andel", "000", month(2022, 12), 3.0, persons=4000, group="kontanthjaelp-aktivitetsparat")
    add("loentilskud_andel", "151", month(2022, 12), 2.0, persons=10, group="ressourceforloeb")
    add("loentilskud_andel", "000", month(2022, 12), 2.0, persons=2000, group="ressourceforloeb")

    # Young age bands: 25-29 rests on 3 unemployed and must be hidden.
    add("ledighedsprocent", "151", month(2022, 12), 6.0, persons=150, age="16-24")
    add("ledighedsprocent", "151", month(2022, 12), 9.0, persons=3, age="25-29")
    add("ledighedsprocent", "000", month(2022, 12), 7.0, persons=20000, age="16-24")

    # Duration bands for kontanthjælp (aktivitetsparat): 151 30/45/25, country 33/44/23.
    for geo, shares in {"151": (30.0, 45.0, 25.0), "000": (33.0, 44.0, 23.0)}.items():
        for ind, value in zip(("varighed_under_1_aar", "varighed_1_3_aar", "varighed_over_3_aar"), shares, strict=True):
            add(ind, geo, month(2022, 12), value, persons=int(value * 4), group="kontanthjaelp-aktivitetsparat")
    return rows


def build_focus_fixture(path: Path) -> Path:
    con = duckdb.connect(str(path))
    con.execute(SCHEMA.read_text(encoding="utf-8"))
    con.execute("INSERT INTO meta VALUES ('data_as_of', '2023-01-31'), ('home_geo', '151')")
    con.executemany("INSERT INTO source (source_id, ref, kind, name_da, url) VALUES (?, ?, ?, ?, ?)", SOURCES)
    con.executemany("INSERT INTO geography VALUES (?, ?, ?, ?, ?, ?, ?, ?)", GEOS)
    members = [("000", m) for m in REGION] + [("084", m) for m in REGION] + [("KG1", m) for m in REGION]
    members += [(m, m) for m in REGION]
    con.executemany("INSERT INTO geography_member VALUES (?, ?)", members)
    con.executemany("INSERT INTO target_group VALUES (?, ?, ?, ?)", GROUPS)
    con.executemany(
        "INSERT INTO age_band VALUES (?, ?, ?)",
        [("alle", "Alle aldre", 0), ("16-24", "16–24 år", 1), ("25-29", "25–29 år", 2)],
    )
    con.executemany("INSERT INTO gender VALUES (?, ?, ?)", [("alle", "Alle", 0)])
    con.executemany(
        "INSERT INTO origin VALUES (?, ?, ?)",
        [("alle", "Alle", 0), ("dansk", "Dansk", 1), ("vestlig", "Vestlig", 2), ("ikke-vestlig", "Ikke-vestlig", 3)],
    )
    con.executemany("INSERT INTO indicator VALUES (?, ?, ?, ?, ?, ?, ?, 'fixture')", INDICATORS)
    con.executemany("INSERT INTO target VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", TARGETS)
    con.executemany("INSERT INTO document_fact VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", FACTS)
    con.executemany("INSERT INTO observation (indicator_id, geo_code, grain, period_start, period_end, group_code, age_band, gender, origin, value, persons, source_id, quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", observations())
    con.close()
    return path
