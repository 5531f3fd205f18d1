"""Forsørgertryk from official figures: persons on public support per 100 of the 16–64-year-olds.

Numerator: official `modtagere` for all target groups (Jobindsats PTVA02 monthly, or
StatBank AUK01 quarterly); denominator: official `befolkning_16_64` (FOLK1E, the
population on the first day of the quarter) of the quarter the period falls in, for the
same area, age band, gender and origin. Each pair of sources gets a `source` row that
names both, e.g. "Jobindsats (STAR), PTVA02 / Danmarks Statistik, FOLK1E". The derived
rows replace demo rows like any import, and are recomputed after every import.
"""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb

DERIVED_PREFIX = "beregnet-forsoergertryk-"


def derive_support_ratio(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        """CREATE OR REPLACE TEMP TABLE derived AS
           SELECT m.geo_code, m.grain, m.period_start, m.period_end, m.age_band, m.gender, m.origin,
                  round(100 * m.value / b.value, 1) AS value, m.persons,
                  m.source_id AS numerator_source, b.source_id AS denominator_source
           FROM observation m
           JOIN observation b
             ON b.indicator_id = 'befolkning_16_64' AND b.quality = 'official' AND b.grain = 'quarter'
            AND b.geo_code = m.geo_code AND b.group_code = 'alle' AND b.age_band = m.age_band
            AND b.gender = m.gender AND b.origin = m.origin
            AND m.period_start BETWEEN b.period_start AND b.period_end
           WHERE m.indicator_id = 'modtagere' AND m.quality = 'official' AND m.group_code = 'alle'
             AND m.grain IN ('month', 'quarter') AND b.value > 0"""
    )
    pairs = con.execute(
        """SELECT DISTINCT d.numerator_source, d.denominator_source, n.name_da, p.name_da,
                  least(n.data_as_of, p.data_as_of)
           FROM derived d JOIN source n ON n.source_id = d.numerator_source JOIN source p ON p.source_id = d.denominator_source
           ORDER BY 1, 2"""
    ).fetchall()
    # Earlier derived rows go first: they are recomputed from what is in the database now.
    con.execute(
        f"""DELETE FROM observation WHERE indicator_id = 'forsoergertryk' AND quality = 'official'
            AND source_id LIKE '{DERIVED_PREFIX}%'"""
    )
    if not pairs:
        return 0
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    mapping = []
    for i, (numerator, denominator, n_name, d_name, as_of) in enumerate(pairs):
        source_id = f"{DERIVED_PREFIX}{stamp}-{i}"
        con.execute(
            """INSERT INTO source (source_id, ref, kind, name_da, url, published, table_id, fetched_at, data_as_of)
               SELECT ?, ?, 'statistics', ?, NULL, NULL, ?, ?, ?""",
            [
                source_id,
                f"derived:{numerator}/{denominator}#{source_id}",
                f"{n_name} / {d_name}",
                "forsørgertryk",
                datetime.now(UTC).replace(tzinfo=None),
                as_of,
            ],
        )
        mapping.append((numerator, denominator, source_id))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE derived_source (numerator_source VARCHAR, denominator_source VARCHAR, source_id VARCHAR)"
    )
    con.executemany("INSERT INTO derived_source VALUES (?, ?, ?)", mapping)
    con.execute(
        """DELETE FROM observation o WHERE o.indicator_id = 'forsoergertryk' AND o.quality = 'demo'
             AND o.group_code = 'alle'
             AND EXISTS (SELECT 1 FROM derived d WHERE d.geo_code = o.geo_code AND d.grain = o.grain
                           AND d.period_start = o.period_start)"""
    )
    return con.execute(
        """INSERT INTO observation BY NAME
           SELECT 'forsoergertryk' AS indicator_id, d.geo_code, d.grain, d.period_start, d.period_end,
                  'alle' AS group_code, d.age_band, d.gender, d.origin, d.value, d.persons, s.source_id,
                  'official' AS quality
           FROM derived d JOIN derived_source s USING (numerator_source, denominator_source)
           WHERE NOT EXISTS (SELECT 1 FROM observation o WHERE o.quality = 'document' AND o.indicator_id = 'forsoergertryk'
                               AND o.geo_code = d.geo_code AND o.grain = d.grain AND o.period_start = d.period_start
                               AND o.group_code = 'alle' AND o.age_band = d.age_band AND o.gender = d.gender
                               AND o.origin = d.origin)
           ORDER BY d.geo_code, d.period_start, d.age_band, d.gender, d.origin"""
    ).fetchone()[0]
