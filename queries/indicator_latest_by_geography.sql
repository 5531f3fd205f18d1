-- One catalogue indicator in one period for a list of areas (the home municipality
-- first): its value, the value a year earlier and the change, and the difference to
-- the home municipality. The period is the newest one up to $month in which the home
-- municipality has a value. Which rows (and the fallback to 'alle' for a breakdown the
-- indicator does not have) is the table macro `indicator_rows` in src/dashboard/build/schema.sql.
-- @private: value, value_year_before, change, home_minus_area
-- @public: decimals
WITH rows AS (
    SELECT * FROM indicator_rows($indicator_id, $group_code, $origin, $geo_codes)
),
period AS (
    SELECT max(period_start) AS period_start
    FROM rows
    WHERE geo_code = ($geo_codes::VARCHAR[])[1] AND period_start <= $month::DATE
),
now AS (
    SELECT r.* FROM rows r JOIN period p USING (period_start)
),
before AS (
    SELECT r.geo_code, r.value, r.persons
    FROM rows r JOIN period p ON r.period_start = (p.period_start - INTERVAL 1 YEAR)::DATE
)
SELECT n.geo_code,
       g.name_da AS geography,
       n.geo_code = ($geo_codes::VARCHAR[])[1] AS is_home,
       n.period_start AS month,
       n.value,
       n.persons,
       b.value AS value_year_before,
       b.persons AS year_before_persons,
       n.value - b.value AS change,
       (SELECT h.value FROM now h WHERE h.geo_code = ($geo_codes::VARCHAR[])[1]) - n.value AS home_minus_area,
       (SELECT h.persons FROM now h WHERE h.geo_code = ($geo_codes::VARCHAR[])[1]) AS home_persons,
       i.name_da AS indicator_name,
       i.unit,
       i.decimals,
       i.higher_is_better,
       n.quality,
       s.name_da AS source,
       n.group_code,
       n.origin
FROM now n
JOIN indicator i USING (indicator_id)
JOIN geography g USING (geo_code)
JOIN source s USING (source_id)
LEFT JOIN before b USING (geo_code)
ORDER BY list_position($geo_codes::VARCHAR[], n.geo_code)
