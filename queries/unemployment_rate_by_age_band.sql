-- Ledighedsprocent by age band in one month, for the home and the comparison area,
-- for one gender and origin. One row per area and age band; `is_home` marks the home's rows.
-- @private: rate_pct
SELECT g.name_da AS geography,
       a.name_da AS age_band_name,
       o.value AS rate_pct,
       o.persons,
       o.quality,
       s.name_da AS source,
       o.period_start AS month,
       o.age_band,
       o.geo_code,
       o.geo_code = $home_geo AS is_home
FROM observation o
JOIN geography g USING (geo_code)
JOIN age_band a USING (age_band)
JOIN source s USING (source_id)
WHERE o.indicator_id = 'ledighedsprocent'
  AND o.grain = 'month'
  AND o.group_code = 'alle'
  AND o.age_band <> 'alle'
  AND o.gender = $gender
  AND o.origin = $origin
  AND o.geo_code IN ($home_geo, $compare_geo)
  AND o.period_start = $month::DATE
ORDER BY CASE WHEN o.geo_code = $home_geo THEN 0 ELSE 1 END, a.sort_order
