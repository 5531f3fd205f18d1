-- The activation targets of Beskæftigelsesplan 2018 as the plan's two tables state
-- them: realised 2016 and expected 2017 (documented figures) and the target for 2018,
-- next to the measured 2018 value and its status (macro status_by_rule, as in target_status.sql). One row
-- per target, in the plan's order; `table_name` is the plan's section. Only what was known by
-- the end of the month $as_of is measured: the 2018 value once 2018 is over (`measured_from`,
-- the last day of the plan's year), else none. `published_later` marks a plan published after
-- the month (macro published_from).
-- @private: measured_2018
-- @public: realised_2016, expected_2017, value_low, value_high
WITH plan AS (
    SELECT t.*, i.decimals, i.higher_is_better, i.grain
    FROM target t JOIN indicator i USING (indicator_id)
    WHERE t.plan = 'Beskæftigelsesplan 2018'
),
realised AS (
    SELECT indicator_id, measure, value FROM document_fact WHERE topic = 'plan2018' AND period = '2016'
),
expected AS (
    SELECT measure, value FROM document_fact WHERE topic = 'plan2018' AND period = '2017'
),
measured AS (
    SELECT p.target_id, o.value, o.persons, o.quality
    FROM plan p
    JOIN observation o
      ON o.indicator_id = p.indicator_id AND o.grain = p.grain AND o.group_code = p.group_code
     AND o.origin = 'alle' AND o.age_band = 'alle' AND o.gender = 'alle' AND o.geo_code = $geo_code
     AND o.period_start = make_date(p.applies_to, 1, 1) AND o.period_end <= last_day($as_of::DATE)
),
measured_before AS (
    SELECT p.target_id, o.value
    FROM plan p
    JOIN observation o
      ON o.indicator_id = p.indicator_id AND o.grain = p.grain AND o.group_code = p.group_code
     AND o.origin = 'alle' AND o.age_band = 'alle' AND o.gender = 'alle' AND o.geo_code = $geo_code
     AND o.period_start = make_date(p.applies_to - 1, 1, 1) AND o.period_end <= last_day($as_of::DATE)
)
SELECT p.target_id,
       p.locator AS table_name,
       p.indicator_text,
       p.unit,
       r.value AS realised_2016,
       e.value AS expected_2017,
       p.comparator,
       p.value_text AS target_2018,
       p.value_low,
       p.value_high,
       m.value AS measured_2018,
       m.persons,
       status_by_rule(judged_comparator(p.comparator, p.unit), p.higher_is_better, p.decimals, m.value,
                      p.value_low, p.value_high, b.value, p.value_low, p.value_high) AS status,
       target_direction(p.comparator, p.unit) AS direction,
       m.quality,
       make_date(p.applies_to, 12, 31) AS measured_from,
       s.published,
       coalesce(published_from(s.published) > last_day($as_of::DATE), FALSE) AS published_later,
       s.name_da AS source,
       s.url AS source_url
FROM plan p
LEFT JOIN realised r USING (indicator_id)
LEFT JOIN expected e ON e.measure = r.measure
LEFT JOIN measured m USING (target_id)
LEFT JOIN measured_before b USING (target_id)
JOIN source s USING (source_id)
ORDER BY p.target_id
