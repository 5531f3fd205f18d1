-- One weekly series (ledige i kontakt, tilgang, afgang or nytilmeldte) for one area and
-- target group, as a count and as an index (the week containing $base_date = 100), next to
-- the same ISO weeks of $compare_year indexed on that year's base week. One row per week
-- and series; series 'valgt' are the weeks from $first_week to $last_week, 'sammenligning'
-- the same ISO week numbers in $compare_year (plotted at the week they are compared with).
-- A count is shown unless the privacy view hides it (it is negative there): `is_newest`
-- marks the 'valgt' row of the newest week with a count shown, `is_compared` the rows of
-- the weeks in which both series have one, `is_newest_compared` the newest of those weeks.
-- `base_persons` is the base week's count: an index is hidden with it, or it could be worked out.
-- @private: index_pct
-- @public: iso_year, iso_week
WITH series AS (
    SELECT o.period_start AS week, isoyear(o.period_start) AS iso_year, week(o.period_start) AS iso_week,
           coalesce(o.persons, o.value) AS persons, o.quality, s.name_da AS source
    FROM observation o
    JOIN source s USING (source_id)
    WHERE o.indicator_id = $indicator_id AND o.grain = 'week' AND o.geo_code = $geo_code
      AND o.group_code = $group_code AND o.age_band = 'alle' AND o.gender = 'alle' AND o.origin = 'alle'
),
base AS (
    SELECT week(date_trunc('week', $base_date::DATE)) AS iso_week,
           (SELECT persons FROM series WHERE week = date_trunc('week', $base_date::DATE)) AS persons,
           (SELECT persons FROM series
            WHERE iso_year = $compare_year AND iso_week = week(date_trunc('week', $base_date::DATE))) AS compare_persons
),
chosen AS (
    SELECT * FROM series WHERE week BETWEEN date_trunc('week', $first_week::DATE) AND $last_week::DATE
),
label AS (
    SELECT CASE WHEN min(iso_year) = max(iso_year) THEN min(iso_year)::VARCHAR
                ELSE printf('%d–%d', min(iso_year), max(iso_year)) END AS text
    FROM chosen
),
drawn AS (
    SELECT c.week, c.iso_year, c.iso_week, 'valgt' AS series, (SELECT text FROM label) AS series_label,
           c.persons, round(100.0 * c.persons / b.persons, 1) AS index_pct, b.persons AS base_persons, c.quality, c.source
    FROM chosen c, base b
    UNION ALL
    SELECT c.week, y.iso_year, y.iso_week, 'sammenligning', printf('Samme uge %d', $compare_year::INTEGER),
           y.persons, round(100.0 * y.persons / b.compare_persons, 1), b.compare_persons, y.quality, y.source
    FROM chosen c
    CROSS JOIN base b
    JOIN series y ON y.iso_year = $compare_year AND y.iso_week = c.iso_week
),
compared AS (
    SELECT *, count(*) FILTER (WHERE persons >= 0) OVER (PARTITION BY week) = 2 AS is_compared FROM drawn
)
SELECT *,
       coalesce(series = 'valgt' AND week = max(week) FILTER (WHERE series = 'valgt' AND persons >= 0) OVER (), false)
           AS is_newest,
       coalesce(week = max(week) FILTER (WHERE is_compared) OVER (), false) AS is_newest_compared
FROM compared
ORDER BY series DESC, week
