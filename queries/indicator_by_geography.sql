-- One catalogue indicator over time for a list of areas (in the order asked, the home
-- municipality first), in one target group and origin, between two periods. A breakdown
-- the indicator does not have falls back to 'alle': the columns group_code and origin
-- say what was used. The newest period of a demo or official series is preliminary;
-- `is_newest` marks the newest period shown.
-- @private: value
-- @public: decimals
WITH ind AS (
    SELECT * FROM indicator WHERE indicator_id = $indicator_id
),
chosen AS (
    SELECT CASE WHEN EXISTS (SELECT 1 FROM observation
                             WHERE indicator_id = $indicator_id AND group_code = $group_code)
                THEN $group_code ELSE 'alle' END AS group_code,
           CASE WHEN EXISTS (SELECT 1 FROM observation
                             WHERE indicator_id = $indicator_id AND origin = $origin)
                THEN $origin ELSE 'alle' END AS origin
),
rows AS (
    SELECT o.*
    FROM observation o
    JOIN ind i ON o.indicator_id = i.indicator_id AND o.grain = i.grain
    JOIN chosen c ON o.group_code = c.group_code AND o.origin = c.origin
    WHERE o.age_band = 'alle' AND o.gender = 'alle'
      AND o.geo_code IN (SELECT unnest($geo_codes::VARCHAR[]))
),
shown AS (
    SELECT r.geo_code,
           g.name_da AS geography,
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
    JOIN ind i USING (indicator_id)
    JOIN geography g USING (geo_code)
    JOIN source s USING (source_id)
    QUALIFY r.period_start BETWEEN $first_month::DATE AND $last_month::DATE
)
SELECT *, month = max(month) OVER () AS is_newest
FROM shown
ORDER BY list_position($geo_codes::VARCHAR[], geo_code), month
