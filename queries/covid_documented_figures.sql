-- Every COVID-19 figure the minutes and the news state, next to the same figure computed
-- from the weekly series (a date is read as the ISO week that contains it; a change is the
-- stock at the end week minus the stock at the start week; flows are summed over the weeks
-- after the start week up to the end week; nytilmeldte over the start week to the end week,
-- and against the same ISO weeks of 2019). end_persons is the stock at the end week, where
-- a figure can be drawn as a point on the weekly chart. Figures without a series have no
-- computed value. With $as_of only the figures about periods that had ended by that day
-- (what could be known then); NULL gives every figure.
-- @private: computed_value
-- @public: stated_value
WITH facts AS (
    SELECT f.fact_id, f.measure, f.geography AS geo_code,
           CASE f.target_group WHEN 'alle_i_kontakt_med_center_for_arbejdsmarked' THEN 'alle'
                ELSE f.target_group END AS group_code,
           f.period, f.value AS stated_value, f.unit, f.locator, f.note, s.name_da AS source, s.url,
           date_trunc('week', split_part(f.period, '..', 1)::DATE)::DATE AS start_week,
           date_trunc('week', coalesce(nullif(split_part(f.period, '..', 2), ''), split_part(f.period, '..', 1))::DATE)::DATE
               AS end_week
    FROM document_fact f
    JOIN source s USING (source_id)
    WHERE f.topic = 'covid'
      AND ($as_of::DATE IS NULL
           OR coalesce(nullif(split_part(f.period, '..', 2), ''), split_part(f.period, '..', 1))::DATE <= $as_of::DATE)
),
bounds AS (
    SELECT min(start_week) - INTERVAL 52 WEEK AS first_week, max(end_week) AS last_week FROM facts
),
weekly AS (
    -- Only the areas and weeks a figure can read (a year before the first start week for
    -- the 2019 comparison, up to the last end week): not every week of every area.
    SELECT o.indicator_id, o.geo_code, o.group_code, o.period_start AS week, o.value
    FROM observation o, bounds b
    WHERE o.grain = 'week' AND o.age_band = 'alle' AND o.gender = 'alle' AND o.origin = 'alle'
      AND o.indicator_id IN ('ledige_i_kontakt', 'tilgang', 'afgang', 'nytilmeldte')
      AND o.geo_code IN (SELECT geo_code FROM facts)
      AND o.period_start BETWEEN b.first_week AND b.last_week
),
stock AS (
    SELECT f.fact_id,
           max(w.value) FILTER (WHERE w.week = f.start_week) AS at_start,
           max(w.value) FILTER (WHERE w.week = f.end_week) AS at_end
    FROM facts f
    JOIN weekly w ON w.indicator_id = 'ledige_i_kontakt' AND w.geo_code = f.geo_code AND w.group_code = f.group_code
    GROUP BY f.fact_id
),
summed AS (
    SELECT f.fact_id,
           sum(w.value) FILTER (WHERE w.indicator_id = f.measure AND w.week > f.start_week AND w.week <= f.end_week)
               AS flow,
           sum(w.value) FILTER (WHERE w.indicator_id = 'nytilmeldte' AND w.week BETWEEN f.start_week AND f.end_week)
               AS new_now,
           sum(w.value) FILTER (WHERE w.indicator_id = 'nytilmeldte'
                                  AND w.week BETWEEN f.start_week - INTERVAL 52 WEEK AND f.end_week - INTERVAL 52 WEEK)
               AS new_before
    FROM facts f
    JOIN weekly w ON w.geo_code = f.geo_code AND w.group_code = f.group_code
    GROUP BY f.fact_id
)
SELECT f.fact_id, f.measure, f.geo_code, g.name_da AS geography, f.group_code, f.period, f.start_week, f.end_week,
       f.stated_value,
       CASE f.measure
           WHEN 'change_in_ledige' THEN st.at_end - st.at_start
           WHEN 'change_in_ledige_pct' THEN round(100.0 * (st.at_end - st.at_start) / st.at_start, 1)
           WHEN 'ledige' THEN st.at_end
           WHEN 'tilgang' THEN su.flow
           WHEN 'afgang' THEN su.flow
           WHEN 'nytilmeldte_ledige' THEN su.new_now
           WHEN 'nytilmeldte_ledige_vs_2019' THEN su.new_now - su.new_before
       END AS computed_value,
       CASE WHEN f.measure IN ('change_in_ledige', 'ledige') THEN st.at_end END AS end_persons,
       f.unit, f.source, f.url, f.locator, f.note, 'document' AS quality
FROM facts f
LEFT JOIN geography g USING (geo_code)
LEFT JOIN stock st USING (fact_id)
LEFT JOIN summed su USING (fact_id)
ORDER BY f.end_week, f.fact_id
