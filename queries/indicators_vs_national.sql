-- Several catalogue indicators for a few target groups in one month: the home
-- municipality's value next to the national average, the difference (home minus
-- national) and whether the home municipality does better (by the indicator's
-- direction). One row per indicator and target group, in the order asked.
-- @private: value, national_value, difference
-- @public: decimals
WITH wanted AS (
    SELECT i.indicator_id, i.name_da AS indicator_name, i.unit, i.decimals, i.higher_is_better, i.grain,
           list_position($indicator_ids::VARCHAR[], i.indicator_id) AS indicator_order,
           t.group_code, t.name_da AS group_name, list_position($group_codes::VARCHAR[], t.group_code) AS group_order
    FROM indicator i
    CROSS JOIN target_group t
    WHERE i.indicator_id IN (SELECT unnest($indicator_ids::VARCHAR[]))
      AND t.group_code IN (SELECT unnest($group_codes::VARCHAR[]))
),
pairs AS (
    SELECT w.*, h.period_start AS month, h.value, h.persons, h.quality, s.name_da AS source,
           n.value AS national_value, n.persons AS national_persons
    FROM wanted w
    JOIN observation h
      ON h.indicator_id = w.indicator_id AND h.grain = w.grain AND h.group_code = w.group_code
     AND h.origin = 'alle' AND h.age_band = 'alle' AND h.gender = 'alle'
     AND h.geo_code = $geo_code AND h.period_start = $month::DATE
    JOIN source s ON s.source_id = h.source_id
    LEFT JOIN observation n
      ON n.indicator_id = w.indicator_id AND n.grain = w.grain AND n.group_code = w.group_code
     AND n.origin = 'alle' AND n.age_band = 'alle' AND n.gender = 'alle'
     AND n.geo_code = '000' AND n.period_start = h.period_start
)
SELECT indicator_id, indicator_name, unit, decimals, higher_is_better, group_code, group_name, month,
       value, persons, national_value, national_persons,
       round(value - national_value, decimals) AS difference,
       CASE WHEN round(value - national_value, decimals) = 0 THEN NULL
            WHEN higher_is_better THEN value > national_value
            WHEN NOT higher_is_better THEN value < national_value END AS better_than_national,
       quality, source
FROM pairs
ORDER BY indicator_order, group_order
