-- Citizens in contact with the jobcentre per target group for one area, week by week,
-- as an index with the week containing $base_date = 100 (and the count). One row per
-- group and week from $first_week to $last_week; group 'alle' is every group together.
-- `base_persons` is the base week's count: an index is hidden with it, or it could be worked out.
-- @private: index_pct
WITH series AS (
    SELECT o.group_code, o.period_start AS week, coalesce(o.persons, o.value) AS persons, o.quality,
           s.name_da AS source
    FROM observation o
    JOIN source s USING (source_id)
    WHERE o.indicator_id = 'ledige_i_kontakt' AND o.grain = 'week' AND o.geo_code = $geo_code
      AND o.age_band = 'alle' AND o.gender = 'alle' AND o.origin = 'alle'
)
SELECT s.group_code, tg.name_da AS group_name, s.week, s.persons,
       round(100.0 * s.persons / b.persons, 1) AS index_pct, b.persons AS base_persons, s.quality, s.source
FROM series s
JOIN series b ON b.group_code = s.group_code AND b.week = date_trunc('week', $base_date::DATE)
JOIN target_group tg ON tg.group_code = s.group_code
WHERE s.week BETWEEN date_trunc('week', $first_week::DATE) AND $last_week::DATE
ORDER BY tg.sort_order, s.week
