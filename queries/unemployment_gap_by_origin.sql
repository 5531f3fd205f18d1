-- Ledighedsprocent for borgere med ikke-vestlig baggrund and for all other citizens
-- (dansk and vestlig oprindelse together), per area and month, and the gap between
-- them in percentage points. The others' rate is their unemployed over their labour
-- force (counts), not an average of two rounded rates. Areas without the origin
-- breakdown give no rows. gap_year_before is the gap twelve months earlier. The home
-- municipality comes first in $geo_codes: `is_home` marks its rows, `is_newest` the newest
-- month shown.
-- @private: rate_ikke_vestlig_pct, rate_oevrige_pct, gap_pct_point, gap_year_before
WITH ledige AS (
    SELECT l.geo_code, l.period_start, l.origin, l.value AS rate, l.persons, a.value AS labour_force,
           l.quality, l.source_id
    FROM observation l
    JOIN observation a
      ON a.indicator_id = 'arbejdsstyrke' AND a.geo_code = l.geo_code AND a.grain = 'month'
     AND a.period_start = l.period_start AND a.group_code = 'alle' AND a.age_band = l.age_band
     AND a.gender = l.gender AND a.origin = l.origin
    WHERE l.indicator_id = 'ledighedsprocent' AND l.grain = 'month' AND l.group_code = 'alle'
      AND l.age_band = $age_band AND l.gender = $gender
      AND l.origin IN ('dansk', 'vestlig', 'ikke-vestlig')
      AND l.geo_code IN (SELECT unnest($geo_codes::VARCHAR[]))
      AND l.period_start BETWEEN ($first_month::DATE - INTERVAL 1 YEAR)::DATE AND $last_month::DATE
),
paired AS (
    SELECT geo_code, period_start,
           max(rate) FILTER (WHERE origin = 'ikke-vestlig') AS rate_ikke_vestlig_pct,
           max(persons) FILTER (WHERE origin = 'ikke-vestlig') AS ikke_vestlig_persons,
           round(100 * sum(persons) FILTER (WHERE origin <> 'ikke-vestlig')
                     / sum(labour_force) FILTER (WHERE origin <> 'ikke-vestlig'), 1) AS rate_oevrige_pct,
           sum(persons) FILTER (WHERE origin <> 'ikke-vestlig') AS oevrige_persons,
           count(*) AS origins,
           CASE WHEN bool_or(quality = 'demo') THEN 'demo' ELSE max(quality) END AS quality,
           min(source_id) AS source_id
    FROM ledige
    GROUP BY geo_code, period_start
)
SELECT p.geo_code,
       g.name_da AS geography,
       p.geo_code = ($geo_codes::VARCHAR[])[1] AS is_home,
       p.period_start AS month,
       p.rate_ikke_vestlig_pct,
       p.rate_oevrige_pct,
       round(p.rate_ikke_vestlig_pct - p.rate_oevrige_pct, 1) AS gap_pct_point,
       round(b.rate_ikke_vestlig_pct - b.rate_oevrige_pct, 1) AS gap_year_before,
       p.ikke_vestlig_persons,
       p.oevrige_persons,
       b.ikke_vestlig_persons AS year_before_ikke_vestlig_persons,
       b.oevrige_persons AS year_before_oevrige_persons,
       p.quality,
       s.name_da AS source,
       p.period_start = max(p.period_start) OVER () AS is_newest
FROM paired p
JOIN geography g USING (geo_code)
JOIN source s USING (source_id)
LEFT JOIN paired b
  ON b.geo_code = p.geo_code AND b.period_start = (p.period_start - INTERVAL 1 YEAR)::DATE AND b.origins = 3
WHERE p.origins = 3 AND p.period_start >= $first_month::DATE
ORDER BY list_position($geo_codes::VARCHAR[], p.geo_code), p.period_start
