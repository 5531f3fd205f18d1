-- Citizens in contact with the jobcentre in one target group for several areas (the home
-- municipality, the country, a comparison area), week by week, as an index with the week
-- containing $base_date = 100. One row per area and week from $first_week to $last_week;
-- `is_home` marks the home municipality's rows (the first of $geo_codes), `is_newest` the
-- newest week.
-- `base_persons` is the base week's count: an index is hidden with it, or it could be worked out.
-- @private: index_pct
WITH series AS (
    SELECT o.geo_code, o.period_start AS week, coalesce(o.persons, o.value) AS persons, o.quality,
           s.name_da AS source
    FROM observation o
    JOIN source s USING (source_id)
    WHERE o.indicator_id = 'ledige_i_kontakt' AND o.grain = 'week' AND o.group_code = $group_code
      AND o.age_band = 'alle' AND o.gender = 'alle' AND o.origin = 'alle'
      AND o.geo_code IN (SELECT unnest($geo_codes::VARCHAR[]))
)
SELECT s.geo_code, g.name_da AS geography, s.week, s.persons,
       round(100.0 * s.persons / b.persons, 1) AS index_pct, b.persons AS base_persons, s.quality, s.source,
       s.geo_code = ($geo_codes::VARCHAR[])[1] AS is_home,
       s.week = max(s.week) OVER () AS is_newest
FROM series s
JOIN series b ON b.geo_code = s.geo_code AND b.week = date_trunc('week', $base_date::DATE)
JOIN geography g ON g.geo_code = s.geo_code
WHERE s.week BETWEEN date_trunc('week', $first_week::DATE) AND $last_week::DATE
ORDER BY list_position($geo_codes::VARCHAR[], s.geo_code), s.week
