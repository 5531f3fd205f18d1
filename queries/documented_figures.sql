-- The figures the plans, minutes and articles state for some topics, exactly as stated,
-- with what they measure (the catalogue name where the figure is on a series), period,
-- unit, source document and section. One row per documented figure.
SELECT f.fact_id,
       f.topic,
       coalesce(i.name_da, f.measure) AS measure_name,
       f.measure,
       f.period,
       f.target_group,
       f.geography AS geo_code,
       g.name_da AS geography,
       f.value,
       f.unit,
       f.note,
       f.indicator_id,
       'document' AS quality,
       s.name_da AS source,
       s.url AS source_url,
       f.locator
FROM document_fact f
JOIN source s USING (source_id)
LEFT JOIN indicator i USING (indicator_id)
LEFT JOIN geography g ON g.geo_code = f.geography
WHERE f.topic IN (SELECT unnest($topics::VARCHAR[]))
ORDER BY f.fact_id
