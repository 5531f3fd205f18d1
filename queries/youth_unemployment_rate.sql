-- Ledighedsprocent for the young age bands (16-24 and 25-29 år) per month for a list of
-- areas (the home municipality first), for one gender and origin, between two months.
-- One row per area, age band and month; `is_home` marks the home municipality's rows,
-- `is_newest` the newest month shown.
-- @private: rate_pct
SELECT o.geo_code,
       g.name_da AS geography,
       o.geo_code = ($geo_codes::VARCHAR[])[1] AS is_home,
       o.age_band,
       a.name_da AS age_band_name,
       g.name_da || ', ' || a.name_da AS series,
       o.period_start AS month,
       o.value AS rate_pct,
       o.persons,
       o.quality,
       s.name_da AS source,
       o.period_start = max(o.period_start) OVER (PARTITION BY o.geo_code, o.age_band)
         AND o.quality <> 'document' AS preliminary,
       o.period_start = max(o.period_start) OVER () AS is_newest
FROM observation o
JOIN geography g USING (geo_code)
JOIN age_band a USING (age_band)
JOIN source s USING (source_id)
WHERE o.indicator_id = 'ledighedsprocent'
  AND o.grain = 'month'
  AND o.group_code = 'alle'
  AND o.age_band IN ('16-24', '25-29')
  AND o.gender = $gender
  AND o.origin = $origin
  AND o.geo_code IN (SELECT unnest($geo_codes::VARCHAR[]))
  AND o.period_start BETWEEN $first_month::DATE AND $last_month::DATE
ORDER BY list_position($geo_codes::VARCHAR[], o.geo_code), a.sort_order, o.period_start
