-- Forsørgertryk (share of the 16-64-year-olds on public support) by origin, per month,
-- for one area between two months. One row per origin and month; `is_newest` marks the
-- newest month shown.
-- @private: ratio_pct
SELECT r.name_da AS origin_name,
       o.period_start AS month,
       o.value AS ratio_pct,
       o.persons,
       o.quality,
       s.name_da AS source,
       o.origin,
       o.period_start = max(o.period_start) OVER () AS is_newest
FROM observation o
JOIN origin r USING (origin)
JOIN source s USING (source_id)
WHERE o.indicator_id = 'forsoergertryk'
  AND o.grain = 'month'
  AND o.group_code = 'alle'
  AND o.origin <> 'alle'
  AND o.geo_code = $geo_code
  AND o.period_start BETWEEN $first_month AND $last_month
ORDER BY r.sort_order, o.period_start
