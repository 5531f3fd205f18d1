-- Benchmark placements and forskel that the minutes and the news state for the home
-- municipality, exactly as stated, with their source. in_table tells whether the stated
-- period is a half-year period in the benchmark table (news without a stated period are
-- shown as citations only).
SELECT f.fact_id, f.measure, f.period, f.target_group, f.value, f.unit, f.note, f.locator,
       s.name_da AS source, s.url, s.published,
       lower(replace(f.period, 'H', 'h')) IN (SELECT DISTINCT period FROM benchmark) AS in_table,
       'document' AS quality
FROM document_fact f
JOIN source s USING (source_id)
WHERE f.topic = 'benchmark' AND f.geography = $home_geo
ORDER BY s.published NULLS LAST, f.fact_id
