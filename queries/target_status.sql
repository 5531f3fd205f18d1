-- Every target of the employment plans with the value that measures it, the period it
-- was judged on, the reference (for "på niveau med" targets), the value a year before,
-- the status by the one rule of docs/status.md (macro status_by_rule, defined at the end of
-- src/dashboard/build/schema.sql) and its source
-- document and section, and the source of the measured value (`value_source`: the
-- observation's own source, so a demo value never borrows the plan's name). A target is judged on the latest period inside its plan's
-- years that had ended by the end of the month $as_of (a year counts once it is over): a plan
-- whose years are past on the last period of its last year. `published` is when the document
-- setting the target was published; `published_later` marks a document published after the
-- month (a month or year of publication counts from its first day, macro published_from).
-- "Mindst som klyngen" compares with the cluster the home belongs to (sammenlign=klynge).
-- Rank targets rank the home municipality among the municipalities of its region
-- (1 = best, ties share the best rank). $focus_area NULL gives every target.
-- @private: value, value_before, reference, reference_before
-- @public: value_low, value_high, applies_from, applies_to, decimals, ranked_count
WITH home AS (
    SELECT geo_code, region_code FROM geography WHERE geo_code = $geo_code
),
targets AS (
    SELECT t.*, i.grain, i.higher_is_better,
           CASE WHEN t.comparator = 'rank<=' THEN 0 ELSE coalesce(i.decimals, 0) END AS decimals, i.name_da AS indicator_name,
           -- "Ledigheden for borgere med ikke-vestlig baggrund ... på niveau med andre borgere"
           CASE WHEN t.comparator = 'level_with' AND t.value_text LIKE '%øvrige borgere%'
                THEN 'ikke-vestlig' ELSE 'alle' END AS origin,
           CASE WHEN t.comparator <> 'level_with' THEN NULL
                WHEN t.value_text LIKE '%øvrige borgere%' THEN 'oevrige'
                WHEN t.value_text IN ('landsgennemsnit', 'landsniveau') THEN 'land'
                WHEN t.value_text = 'klyngen' THEN 'klynge'
           END AS reference_kind,
           make_date(t.applies_from, 1, 1) AS window_start,
           least(make_date(t.applies_to, 12, 31), last_day($as_of::DATE)) AS window_end
    FROM target t
    LEFT JOIN indicator i USING (indicator_id)
    WHERE $focus_area::VARCHAR IS NULL OR t.focus_area = $focus_area::VARCHAR
),
own AS (
    SELECT t.target_id, o.period_start, o.period_end, o.value, o.quality, NULL::BIGINT AS ranked_count, o.persons,
           o.source_id
    FROM targets t
    JOIN observation o
      ON o.indicator_id = t.indicator_id AND o.grain = t.grain AND o.group_code = t.group_code
     AND o.origin = t.origin AND o.age_band = 'alle' AND o.gender = 'alle'
    WHERE t.comparator <> 'rank<=' AND o.geo_code = $geo_code
),
region_values AS (
    SELECT t.target_id, t.higher_is_better, o.geo_code, o.period_start, o.period_end, o.value, o.quality, o.source_id
    FROM targets t
    JOIN home h ON TRUE
    JOIN geography_member gm ON gm.geo_code = h.region_code
    JOIN geography g ON g.geo_code = gm.member_code AND g.level = 'kommune'
    JOIN observation o
      ON o.geo_code = gm.member_code AND o.indicator_id = t.indicator_id AND o.grain = t.grain
     AND o.group_code = t.group_code AND o.origin = 'alle' AND o.age_band = 'alle' AND o.gender = 'alle'
    WHERE t.comparator = 'rank<='
),
ranked AS (
    SELECT target_id, geo_code, period_start, period_end,
           rank() OVER (PARTITION BY target_id, period_start
                        ORDER BY CASE WHEN higher_is_better THEN -value ELSE value END) AS rank,
           count(*) OVER (PARTITION BY target_id, period_start) AS ranked_count,
           bool_or(quality = 'demo') OVER (PARTITION BY target_id, period_start) AS any_demo,
           quality, source_id
    FROM region_values
),
series AS (
    SELECT * FROM own
    UNION ALL
    SELECT target_id, period_start, period_end, rank::DOUBLE,
           CASE WHEN any_demo THEN 'demo' ELSE quality END, ranked_count, NULL::INTEGER,
           CASE WHEN any_demo THEN 'demo' ELSE source_id END
    FROM ranked
    WHERE geo_code = $geo_code
),
reference AS (
    SELECT t.target_id, o.period_start, o.value, o.persons
    FROM targets t
    JOIN observation o
      ON o.indicator_id = t.indicator_id AND o.grain = t.grain AND o.group_code = t.group_code
     AND o.origin = 'alle' AND o.age_band = 'alle' AND o.gender = 'alle' AND o.geo_code = '000'
    WHERE t.reference_kind = 'land'
    UNION ALL
    -- The cluster of municipalities with the home's framework conditions (data/clusters.csv).
    SELECT t.target_id, o.period_start, o.value, o.persons
    FROM targets t
    JOIN geography k ON k.level = 'klynge'
    JOIN geography_member km ON km.geo_code = k.geo_code AND km.member_code = $geo_code
    JOIN observation o
      ON o.indicator_id = t.indicator_id AND o.grain = t.grain AND o.group_code = t.group_code
     AND o.origin = 'alle' AND o.age_band = 'alle' AND o.gender = 'alle' AND o.geo_code = k.geo_code
    WHERE t.reference_kind = 'klynge'
    UNION ALL
    -- Other citizens (dansk and vestlig oprindelse together): their unemployed over
    -- their labour force, from the counts, not an average of two rounded rates.
    SELECT t.target_id, l.period_start, 100 * sum(l.persons) / sum(a.value), sum(l.persons)
    FROM targets t
    JOIN observation l
      ON l.indicator_id = t.indicator_id AND l.grain = t.grain AND l.group_code = 'alle'
     AND l.origin IN ('dansk', 'vestlig') AND l.age_band = 'alle' AND l.gender = 'alle'
     AND l.geo_code = $geo_code
    JOIN observation a
      ON a.indicator_id = 'arbejdsstyrke' AND a.geo_code = l.geo_code AND a.grain = l.grain
     AND a.period_start = l.period_start AND a.group_code = 'alle' AND a.origin = l.origin
     AND a.age_band = 'alle' AND a.gender = 'alle'
    WHERE t.reference_kind = 'oevrige' AND t.indicator_id = 'ledighedsprocent'
    GROUP BY t.target_id, l.period_start
    HAVING count(*) = 2
),
paired AS (
    SELECT s.target_id, s.period_start, s.period_end, s.value, s.quality, s.source_id AS value_source_id, s.ranked_count, s.persons,
           r.value AS reference,
           r.persons AS reference_persons
    FROM series s
    JOIN targets t USING (target_id)
    LEFT JOIN reference r USING (target_id, period_start)
    WHERE t.reference_kind IS NULL OR r.value IS NOT NULL
),
latest AS (
    SELECT p.target_id, max(p.period_start) AS period_start
    FROM paired p
    JOIN targets t USING (target_id)
    WHERE p.period_start >= t.window_start AND p.period_end <= t.window_end
    GROUP BY p.target_id
),
judged AS (
    SELECT t.*, l.period_start, now.value, now.quality, now.value_source_id, now.ranked_count, now.reference,
           now.persons, prev.persons AS before_persons,
           now.reference_persons, prev.reference_persons AS reference_before_persons,
           prev.value AS value_before, prev.reference AS reference_before,
           CASE WHEN t.comparator = 'level_with' THEN now.reference ELSE t.value_low END AS low_now,
           CASE WHEN t.comparator = 'level_with' THEN now.reference ELSE t.value_high END AS high_now,
           CASE WHEN t.comparator = 'level_with' THEN prev.reference ELSE t.value_low END AS low_before,
           CASE WHEN t.comparator = 'level_with' THEN prev.reference ELSE t.value_high END AS high_before
    FROM targets t
    LEFT JOIN latest l USING (target_id)
    LEFT JOIN paired now ON now.target_id = t.target_id AND now.period_start = l.period_start
    LEFT JOIN paired prev
      ON prev.target_id = t.target_id AND prev.period_start = (l.period_start - INTERVAL 1 YEAR)::DATE
)
SELECT j.target_id,
       j.plan,
       j.focus_area,
       j.indicator_text,
       j.comparator,
       j.value_text,
       j.value_low,
       j.value_high,
       j.unit,
       j.applies_from,
       j.applies_to,
       j.indicator_id,
       j.indicator_name,
       j.group_code,
       j.origin,
       j.grain,
       j.decimals,
       j.period_start,
       j.value,
       j.value_before,
       j.reference,
       j.reference_before,
       j.ranked_count,
       j.persons,
       j.before_persons,
       j.reference_persons,
       j.reference_before_persons,
       target_direction(j.comparator, j.unit) AS direction,
       j.window_start > $as_of::DATE AS not_begun,
       s.published,
       coalesce(published_from(s.published) > last_day($as_of::DATE), FALSE) AS published_later,
       status_by_rule(judged_comparator(j.comparator, j.unit), j.higher_is_better, j.decimals,
                     j.value, j.low_now, j.high_now,
                     j.value_before, j.low_before, j.high_before) AS status,
       j.quality,
       s.name_da AS source,
       s.url AS source_url,
       j.locator,
       vs.name_da AS value_source
FROM judged j
JOIN source s USING (source_id)
LEFT JOIN source vs ON vs.source_id = j.value_source_id
ORDER BY j.applies_from DESC, j.target_id
