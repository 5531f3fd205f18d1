-- Benchmark placements and forskel that the news (or minutes) state for the home
-- municipality for a period that is not one of the half-year periods in the benchmark
-- table (not stated, or stated in words), exactly as stated and with their source.
-- Figures for a period in the table are shown in the ranking itself. With $as_of only what
-- was published by that day (a month or year of publication counts from its first day).
-- @public: value
SELECT f.fact_id, f.measure, f.period, f.target_group, f.value, f.unit, f.note, f.locator,
       s.name_da AS source, s.url, s.published, 'document' AS quality
FROM document_fact f
JOIN source s USING (source_id)
WHERE f.topic = 'benchmark' AND f.geography = $home_geo
  AND lower(replace(f.period, 'H', 'h')) NOT IN (SELECT DISTINCT period FROM benchmark)
  AND ($as_of::DATE IS NULL OR s.published IS NULL
       OR published_from(s.published) <= $as_of::DATE)
ORDER BY s.published NULLS LAST, f.fact_id
