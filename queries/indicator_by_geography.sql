-- One catalogue indicator over time for a list of areas (in the order asked, the home
-- municipality first), in one target group and origin, between two periods. Which rows
-- (and the fallback to 'alle' for a breakdown the indicator does not have: the columns
-- group_code and origin say what was used) is the table macro `indicator_rows` in
-- src/dashboard/build/schema.sql. The newest period of a demo or official series is preliminary;
-- `is_home` marks the home municipality's rows, `is_newest` the newest period shown.
-- @private: value
-- @public: decimals
WITH rows AS (
    SELECT * FROM indicator_rows($indicator_id, $group_code, $origin, $geo_codes)
),
shown AS (
    SELECT r.geo_code,
           g.name_da AS geography,
           r.geo_code = ($geo_codes::VARCHAR[])[1] AS is_home,
           r.period_start AS month,
           r.value,
           r.persons,
           r.quality,
           s.name_da AS source,
           r.period_start = max(r.period_start) OVER (PARTITION BY r.geo_code) AND r.quality <> 'document' AS preliminary,
           i.name_da AS indicator_name,
           i.unit,
           i.decimals,
           r.group_code,
           r.origin
    FROM rows r
    JOIN indicator i USING (indicator_id)
    JOIN geography g USING (geo_code)
    JOIN source s USING (source_id)
    QUALIFY r.period_start BETWEEN $first_month::DATE AND $last_month::DATE
)
SELECT *, month = max(month) OVER () AS is_newest
FROM shown
ORDER BY list_position($geo_codes::VARCHAR[], geo_code), month
