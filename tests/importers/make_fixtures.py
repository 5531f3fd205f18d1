"""Write the recorded responses in tests/fixtures/ (run once; the outputs are committed).

They follow the documented formats of the two APIs (docs/import.md, shared
reference/SOURCES.md): StatBank CSV with codes (`valuePresentation=Code`), `;`,
decimal comma and `..` for a missing cell; Jobindsats v2 JSON (`Variables` + `Data`).
The numbers are made up but consistent (totals are the sums of their parts), and the
benchmark file reproduces what the committee minutes of 8 December 2020 state for
Ballerup (160 fewer than expected in total, 7th place …).

    .venv/bin/python tests/importers/make_fixtures.py
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fixtures"
AREAS = {"151": 1.0, "084": 34.0, "000": 130.0}
AREA_NAMES = {"151": "Ballerup", "084": "Region Hovedstaden", "000": "Hele landet"}
BANDS10 = ["16-24", "25-29", "30-39", "40-49", "50-59", "6099"]
BANDS5 = ["16-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "6099"]


def da(x: float, decimals: int = 0) -> str:
    text = f"{x:,.{decimals}f}"
    return text.replace(",", "X").replace(".", ",").replace("X", ".")


def write_csv(name: str, header: list[str], rows: list[list[str]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=";", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def auf02(rng: random.Random) -> None:
    months = ["2019M09", "2020M07", "2020M08", "2020M09"]
    rows = []
    for area, scale in AREAS.items():
        for month in months:
            cells = {}
            for ydelse, base in (("LDP", 60), ("ADP", 12), ("LKT", 25), ("AKT", 9)):
                for band in BANDS10:
                    for sex in ("M", "K"):
                        cells[(ydelse, band, sex)] = round(base * scale * rng.uniform(0.6, 1.4))
            for ydelse in ("TOT", "LDP", "ADP", "LKT", "AKT"):
                for band in ("TOT", *BANDS10):
                    for sex in ("TOT", "M", "K"):
                        value = sum(
                            v
                            for (y, b, s), v in cells.items()
                            if (ydelse == "TOT" or y == ydelse)
                            and (band == "TOT" or b == band)
                            and (sex == "TOT" or s == sex)
                        )
                        text = da(value)
                        if (area, month, ydelse, band, sex) == ("151", "2020M09", "AKT", "6099", "K"):
                            text = ".."
                        rows.append([area, ydelse, "TOT", band, sex, month, text])
    write_csv("statbank_AUF02.csv", ["OMRÅDE", "YDELSESTYPE", "AKASSE", "ALDER", "KØN", "TID", "INDHOLD"], rows)


def aup02(rng: random.Random) -> None:
    rows = []
    level = {"151": 4.6, "084": 4.9, "000": 4.5}
    for area in AREAS:
        for month in ["2019M09", "2020M07", "2020M08", "2020M09"]:
            for band in ("TOT", *BANDS10):
                for sex in ("TOT", "M", "K"):
                    rate = level[area] * (1 if band == "TOT" and sex == "TOT" else rng.uniform(0.7, 1.4))
                    if month == "2019M09":
                        rate *= 0.8
                    rows.append([area, band, sex, month, da(rate, 1)])
    write_csv("statbank_AUP02.csv", ["OMRÅDE", "ALDER", "KØN", "TID", "INDHOLD"], rows)


def auk01(rng: random.Random) -> None:
    rows = []
    for area, scale in AREAS.items():
        for quarter in ["2020K2", "2020K3"]:
            cells = {}
            for ydelse, base in (("SY", 30), ("JA", 8), ("RES", 9), ("FP", 70), ("DP", 50)):
                for band in BANDS5:
                    for sex in ("M", "K"):
                        cells[(ydelse, band, sex)] = round(base * scale * rng.uniform(0.5, 1.5))
            for ydelse in ("TOTUSU", "SY", "JA", "RES", "FP"):
                for sex in ("TOT", "M", "K"):
                    for band in ("TOT", *BANDS5):
                        value = sum(
                            v
                            for (y, b, s), v in cells.items()
                            if (ydelse == "TOTUSU" or y == ydelse)
                            and (band == "TOT" or b == band)
                            and (sex == "TOT" or s == sex)
                        )
                        rows.append([area, ydelse, sex, band, quarter, da(value)])
    write_csv("statbank_AUK01.csv", ["OMRÅDE", "YDELSESTYPE", "KØN", "ALDER", "TID", "INDHOLD"], rows)


def folk1e(rng: random.Random) -> None:
    rows = []
    shares = {"1": 0.80, "24": 0.05, "34": 0.01, "25": 0.10, "35": 0.04}
    for area, scale in AREAS.items():
        for quarter in ["2020K3"]:
            for age in range(16, 65):
                cells = {
                    (h, s): round(320 * scale * share * rng.uniform(0.8, 1.2))
                    for h, share in shares.items()
                    for s in ("1", "2")
                }
                for sex in ("TOT", "1", "2"):
                    for herkomst in ("TOT", *shares):
                        value = sum(
                            v
                            for (h, s), v in cells.items()
                            if (herkomst == "TOT" or h == herkomst) and (sex == "TOT" or s == sex)
                        )
                        rows.append([area, sex, str(age), herkomst, quarter, da(value)])
    write_csv("statbank_FOLK1E.csv", ["OMRÅDE", "KØN", "ALDER", "HERKOMST", "TID", "INDHOLD"], rows)


GENDERS = ["I alt", "Mænd", "Kvinder"]
AGES = ["I alt", "16-24 år", "25-29 år", "30-39 år", "40-49 år", "50-59 år", "60-64 år"]
# Share of the people on a benefit by origin (the non-western share is larger than in the population).
ORIGIN_WEIGHTS = {
    "I alt": 1.0,
    "Personer med dansk oprindelse": 0.70,
    "Indvandrere og efterkommere fra vestlige lande": 0.05,
    "Indvandrere fra vestlige lande": 0.04,
    "Efterkommere fra vestlige lande": 0.01,
    "Indvandrere og efterkommere fra ikke-vestlige lande": 0.25,
    "Indvandrere fra ikke-vestlige lande": 0.18,
    "Efterkommere fra ikke-vestlige lande": 0.07,
}
ORIGINS = [
    "I alt",
    "Personer med dansk oprindelse",
    "Indvandrere og efterkommere fra vestlige lande",
    "Indvandrere og efterkommere fra ikke-vestlige lande",
]


def jobindsats_answer(table: str, variables: list[tuple[str, str]], data: list[list]) -> None:
    head = json.dumps([{"Name": n, "Label": lab} for n, lab in variables], ensure_ascii=False)
    rows = ",\n  ".join(json.dumps(row, ensure_ascii=False) for row in data)
    text = f'[{{"TableID": "{table}",\n "Variables": {head},\n "Data": [\n  {rows}\n ]}}]\n'
    json.loads(text)
    (OUT / f"jobindsats_{table}.json").write_text(text, encoding="utf-8")


def benefit_table(
    rng: random.Random,
    table: str,
    base: float,
    *,
    strings: bool = False,
    match: list[str] | None = None,
    origin_split: bool = False,
) -> None:
    variables = [("area", "Område"), ("period", "Periode")]
    if match:
        variables.append(("_matchgrp", "Matchgruppe"))
    variables += [("_kon", "Køn"), ("_alder", "Alder")]
    origins = ORIGINS
    if origin_split:
        origins = [
            "I alt",
            "Personer med dansk oprindelse",
            "Indvandrere fra vestlige lande",
            "Efterkommere fra vestlige lande",
            "Indvandrere fra ikke-vestlige lande",
            "Efterkommere fra ikke-vestlige lande",
        ]
    variables += [
        ("_herkomst", "Herkomst"),
        ("antal_personer", "Antal personer"),
        ("antal_fuldtid", "Antal fuldtidspersoner"),
    ]
    data = []
    for area, scale in AREAS.items():
        for month in ["2020M08", "2020M09"]:
            for m in match or [None]:
                for g in GENDERS:
                    for a in AGES:
                        for o in origins:
                            n = base * scale * rng.uniform(0.7, 1.3)
                            if g != "I alt":
                                n /= 2
                            if a != "I alt":
                                n /= 6
                            n *= ORIGIN_WEIGHTS[o]
                            persons = round(n)
                            full = round(n * 0.85, 1)
                            cell_p: object = da(persons) if strings else persons
                            cell_f: object = da(full, 1) if strings else full
                            if (area, month, g, a, o) == ("151", "2020M09", "Kvinder", "60-64 år", "I alt") and strings:
                                cell_p, cell_f = "-", "-"
                            row = [AREA_NAMES[area], month, *([m] if match else []), g, a, o, cell_p, cell_f]
                            data.append(row)
    jobindsats_answer(table, variables, data)


def y30r21(rng: random.Random) -> None:
    munis = list(csv.DictReader((ROOT / "data" / "municipalities.csv").open(encoding="utf-8")))
    # Ballerup, benchmark 2019H2-2020H1, per the minutes: actual minus expected and rank.
    stated = {
        "I alt": (-160, 7),
        "Dagpenge": (-20, 28),
        "Sygedagpenge og jobafklaring": (90, 85),
        "Kontanthjælpsområdet": (-240, 3),
    }
    bases = {"I alt": 0.16, "Dagpenge": 0.03, "Sygedagpenge og jobafklaring": 0.035, "Kontanthjælpsområdet": 0.05}
    variables = [
        ("area", "Område"),
        ("period", "Periode"),
        ("_ygrp_y30r21", "Ydelsesgruppe"),
        ("forventet", "Forventet antal fuldtidspersoner"),
        ("faktisk", "Faktisk antal fuldtidspersoner"),
        ("forskel", "Forskel"),
        ("forventet_andel", "Forventet andel (pct.)"),
        ("faktisk_andel", "Faktisk andel (pct.)"),
        ("placering", "Placering på benchmarkranglisten"),
    ]
    data = []
    population = {m["code"]: rng.randint(9000, 420000) for m in munis}
    population["151"] = 31200
    for period in ["2020QMAT02", "2020QMAT04"]:
        for group, base in bases.items():
            ballerup_diff, rank = stated[group]
            ballerup_share = ballerup_diff / population["151"]
            others = [m for m in munis if m["code"] != "151"]
            shares = {}
            for i, m in enumerate(others):
                spread = abs(rng.gauss(0, 0.004)) + 0.0002
                shares[m["code"]] = ballerup_share - spread if i < rank - 1 else ballerup_share + spread
            shares["151"] = ballerup_share
            ordered = sorted(shares, key=lambda c: shares[c])
            for m in munis:
                code = m["code"]
                pop = population[code]
                expected = round(pop * base * rng.uniform(0.8, 1.2), 1)
                diff = ballerup_diff if code == "151" else round(shares[code] * pop, 1)
                if period == "2020QMAT04" and code == "151":
                    diff = -250
                actual = round(expected + diff, 1)
                data.append(
                    [
                        m["name"],
                        period,
                        group,
                        expected,
                        actual,
                        round(actual - expected, 1),
                        da(100 * expected / pop, 2),
                        da(100 * actual / pop, 2),
                        ordered.index(code) + 1,
                    ]
                )
    jobindsats_answer("Y30R21", variables, data)


def main() -> None:
    rng = random.Random(20201208)
    auf02(rng)
    aup02(rng)
    auk01(rng)
    folk1e(rng)
    benefit_table(rng, "Y01A02", 900)
    benefit_table(rng, "Y36A02", 700, match=["I alt", "Jobparate", "Aktivitetsparate"])
    benefit_table(rng, "Y38A02", 400, match=["I alt", "Uddannelsesparate", "Aktivitetsparate"])
    benefit_table(rng, "Y07A02", 950, strings=True)
    benefit_table(rng, "Y12A02", 200)
    benefit_table(rng, "Y11A02", 250)
    benefit_table(rng, "Y09A02", 180)
    benefit_table(rng, "Y08A02", 700)
    benefit_table(rng, "PTVA02", 6300, origin_split=True)
    y30r21(rng)


if __name__ == "__main__":
    main()
