-- Tilgang and afgang per week for one area and target group (dagpenge or alle), from
-- $first_week to $last_week. One row per week and flow; signed_count is the flow with
-- afgang negative (for mirrored bars). No net column: with one flow hidden as under 5
-- persons, the net and the other flow would give it away.
-- @private: signed_count
WITH flows AS (
    SELECT o.period_start AS week, o.indicator_id AS flow, coalesce(o.persons, o.value) AS persons,
           o.quality, s.name_da AS source
    FROM observation o
    JOIN source s USING (source_id)
    WHERE o.indicator_id IN ('tilgang', 'afgang') AND o.grain = 'week' AND o.geo_code = $geo_code
      AND o.group_code = $group_code AND o.age_band = 'alle' AND o.gender = 'alle' AND o.origin = 'alle'
      AND o.period_start BETWEEN date_trunc('week', $first_week::DATE) AND $last_week::DATE
)
SELECT week, flow, CASE flow WHEN 'tilgang' THEN 'Tilgang' ELSE 'Afgang' END AS flow_name, persons,
       CASE flow WHEN 'tilgang' THEN persons ELSE -persons END AS signed_count,
       quality, source
FROM flows
ORDER BY week, flow DESC
