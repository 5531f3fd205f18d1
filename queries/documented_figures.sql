-- The figures the plans, minutes and articles state for some topics, exactly as stated,
-- with what they measure (the catalogue name where the figure is on a series), period,
-- unit, source document and section. One row per documented figure. A figure on no series
-- is named by `named` (or by its measure code).
WITH named (measure, name_da) AS (
    VALUES ('forventede_visiterede_pr_aar', 'Forventede visiterede til socialt frikort pr. år')
)
SELECT f.fact_id,
       f.topic,
       coalesce(i.name_da, n.name_da, f.measure) AS measure_name,
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
LEFT JOIN named n ON n.measure = f.measure
LEFT JOIN geography g ON g.geo_code = f.geography
WHERE f.topic IN (SELECT unnest($topics::VARCHAR[]))
ORDER BY f.fact_id
