-- One quarterly count (an official StatBank series such as AUK01's net unemployed
-- recipients of social assistance) for a list of areas, all breakdowns 'alle', between
-- two months: each quarter with its Danish label ("2. kvartal 2022") and the change from
-- the same quarter a year before. The home municipality comes first in $geo_codes:
-- `is_home` marks its rows, `is_newest` the newest quarter shown.
-- @private: value, value_year_before, change
-- @public: decimals
WITH rows AS (
    SELECT o.*
    FROM observation o
    JOIN indicator i ON o.indicator_id = i.indicator_id AND o.grain = i.grain
    WHERE o.indicator_id = $indicator_id AND i.grain = 'quarter'
      AND o.group_code = 'alle' AND o.age_band = 'alle' AND o.gender = 'alle' AND o.origin = 'alle'
      AND o.geo_code IN (SELECT unnest($geo_codes::VARCHAR[]))
)
SELECT r.geo_code,
       g.name_da AS geography,
       r.geo_code = ($geo_codes::VARCHAR[])[1] AS is_home,
       r.period_start AS month,
       printf('%d. kvartal %d', quarter(r.period_start), year(r.period_start)) AS period_label,
       r.value,
       r.persons,
       b.value AS value_year_before,
       b.persons AS year_before_persons,
       r.value - b.value AS change,
       i.name_da AS indicator_name,
       i.unit,
       i.decimals,
       r.quality,
       s.name_da AS source,
       r.period_start = max(r.period_start) OVER () AS is_newest
FROM rows r
JOIN indicator i USING (indicator_id)
JOIN geography g USING (geo_code)
JOIN source s USING (source_id)
LEFT JOIN rows b ON b.geo_code = r.geo_code AND b.period_start = (r.period_start - INTERVAL 1 YEAR)::DATE
WHERE r.period_start BETWEEN $first_month::DATE AND $last_month::DATE
ORDER BY list_position($geo_codes::VARCHAR[], r.geo_code), r.period_start
