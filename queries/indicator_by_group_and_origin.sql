-- One catalogue indicator in one month for each target group that has it: the value
-- for borgere med ikke-vestlig baggrund, for all other citizens (dansk and vestlig
-- oprindelse together) and the gap. "Others" combines the two origins by the persons
-- each value is about: for a share (unit pct) persons counts those with the attribute,
-- so the base is persons × 100 / value; for other units persons is the base itself.
-- @private: value_ikke_vestlig, value_oevrige, gap
-- @public: decimals
WITH ind AS (
    SELECT * FROM indicator WHERE indicator_id = $indicator_id
),
cells AS (
    SELECT o.group_code, o.origin, o.value, o.persons, o.quality, o.source_id, o.period_start,
           CASE WHEN i.unit = 'pct' THEN o.persons * 100.0 / nullif(o.value, 0) ELSE o.persons END AS base
    FROM observation o
    JOIN ind i ON o.indicator_id = i.indicator_id AND o.grain = i.grain
    WHERE o.geo_code = $geo_code AND o.period_start = $month::DATE
      AND o.age_band = 'alle' AND o.gender = 'alle'
      AND o.origin IN ('dansk', 'vestlig', 'ikke-vestlig')
),
by_group AS (
    SELECT group_code, period_start,
           max(value) FILTER (WHERE origin = 'ikke-vestlig') AS value_ikke_vestlig,
           max(persons) FILTER (WHERE origin = 'ikke-vestlig') AS ikke_vestlig_persons,
           sum(value * base) FILTER (WHERE origin <> 'ikke-vestlig')
             / sum(base) FILTER (WHERE origin <> 'ikke-vestlig') AS value_oevrige,
           sum(persons) FILTER (WHERE origin <> 'ikke-vestlig') AS oevrige_persons,
           count(*) AS origins,
           CASE WHEN bool_or(quality = 'demo') THEN 'demo' ELSE max(quality) END AS quality,
           min(source_id) AS source_id
    FROM cells
    GROUP BY group_code, period_start
)
SELECT b.group_code,
       t.name_da AS group_name,
       b.period_start AS month,
       i.indicator_id,
       i.name_da AS indicator_name,
       i.unit,
       i.decimals,
       i.higher_is_better,
       b.value_ikke_vestlig,
       round(b.value_oevrige, i.decimals) AS value_oevrige,
       round(b.value_ikke_vestlig - b.value_oevrige, i.decimals) AS gap,
       b.ikke_vestlig_persons,
       b.oevrige_persons,
       b.quality,
       s.name_da AS source
FROM by_group b
JOIN ind i ON TRUE
JOIN target_group t USING (group_code)
JOIN source s USING (source_id)
WHERE b.origins = 3
ORDER BY t.sort_order
