-- Ledighedsprocent per month for the given areas (the home municipality first: `is_home`),
-- for one age band, gender and origin, between two months. One row per area and month; `preliminary` marks the newest month of
-- each series drawn (registry figures, revised by late registrations); `is_newest` the
-- newest month shown.
-- @private: rate_pct
WITH newest AS (
    SELECT geo_code, max(period_start) AS newest_month
    FROM observation
    WHERE indicator_id = 'ledighedsprocent' AND grain = 'month' AND quality <> 'document'
      AND group_code = 'alle' AND age_band = $age_band AND gender = $gender AND origin = $origin
      AND list_contains($geo_codes::VARCHAR[], geo_code)
    GROUP BY geo_code
)
SELECT g.name_da AS geography,
       o.period_start AS month,
       o.value AS rate_pct,
       o.persons,
       o.quality,
       s.name_da AS source,
       o.period_start = n.newest_month AS preliminary,
       o.period_start = max(o.period_start) OVER () AS is_newest,
       o.geo_code,
       o.geo_code = ($geo_codes::VARCHAR[])[1] AS is_home
FROM observation o
JOIN geography g USING (geo_code)
JOIN source s USING (source_id)
LEFT JOIN newest n USING (geo_code)
WHERE o.indicator_id = 'ledighedsprocent'
  AND o.grain = 'month'
  AND o.group_code = 'alle'
  AND o.age_band = $age_band
  AND o.gender = $gender
  AND o.origin = $origin
  AND list_contains($geo_codes::VARCHAR[], o.geo_code)
  AND o.period_start BETWEEN $first_month AND $last_month
ORDER BY list_position($geo_codes::VARCHAR[], o.geo_code), o.period_start
