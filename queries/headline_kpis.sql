-- The Overblik headline figures for one month, for the home and the comparison area:
-- ledighedsprocent, fuldtidsledige, forsørgertryk and modtagere in the chosen target group,
-- each with the same month a year earlier and the change.
-- @private: value, value_last_year, change
WITH wanted (kpi, indicator_id, group_code, age_band, gender, origin) AS (
    VALUES ('ledighedsprocent', 'ledighedsprocent', 'alle', $age_band, $gender, $origin),
           ('fuldtidsledige', 'fuldtidsledige', $group_code, $age_band, $gender, $origin),
           ('forsoergertryk', 'forsoergertryk', 'alle', 'alle', 'alle', $origin),
           ('modtagere', 'modtagere', $group_code, $age_band, $gender, $origin)
),
rows AS (
    SELECT w.kpi, o.geo_code, o.period_start, o.value, o.persons, o.quality, s.name_da AS source
    FROM wanted w
    JOIN observation o
      ON o.indicator_id = w.indicator_id AND o.group_code = w.group_code AND o.age_band = w.age_band
     AND o.gender = w.gender AND o.origin = w.origin AND o.grain = 'month'
    JOIN source s USING (source_id)
    WHERE o.geo_code IN ($home_geo, $compare_geo)
      AND o.period_start IN ($month::DATE, ($month::DATE - INTERVAL 12 MONTH)::DATE)
)
SELECT kpi,
       CASE WHEN geo_code = $home_geo THEN 'home' ELSE 'compare' END AS area,
       max(value) FILTER (WHERE period_start = $month::DATE) AS value,
       max(persons) FILTER (WHERE period_start = $month::DATE) AS persons,
       max(value) FILTER (WHERE period_start < $month::DATE) AS value_last_year,
       max(persons) FILTER (WHERE period_start < $month::DATE) AS last_year_persons,
       max(value) FILTER (WHERE period_start = $month::DATE)
         - max(value) FILTER (WHERE period_start < $month::DATE) AS change,
       max(quality) FILTER (WHERE period_start = $month::DATE) AS quality,
       string_agg(DISTINCT source, '; ') AS source
FROM rows
GROUP BY kpi, geo_code
ORDER BY kpi, area DESC
