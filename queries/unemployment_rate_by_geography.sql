-- Ledighedsprocent per month for the home municipality and the comparison areas,
-- for one age band, gender and origin, between two months. One row per area and month.
-- @private: rate_pct
SELECT o.geo_code,
       g.name_da AS geography,
       o.period_start AS month,
       o.value AS rate_pct,
       o.persons,
       o.quality,
       s.name_da AS source,
       o.period_start = max(o.period_start) OVER (PARTITION BY o.geo_code) AND o.quality <> 'document' AS preliminary
FROM observation o
JOIN geography g USING (geo_code)
JOIN source s USING (source_id)
WHERE o.indicator_id = 'ledighedsprocent'
  AND o.grain = 'month'
  AND o.group_code = 'alle'
  AND o.age_band = $age_band
  AND o.gender = $gender
  AND o.origin = $origin
  AND o.geo_code IN (SELECT unnest($geo_codes::VARCHAR[]))
  AND o.period_start BETWEEN $first_month AND $last_month
ORDER BY g.sort_order, o.period_start
