-- The figures the plans, minutes and articles state for some topics, exactly as stated,
-- with what they measure (the catalogue name where the figure is on a series), period,
-- unit, source document and section. One row per documented figure. A figure on no series
-- is named by `named` (or by its measure code). With $known_by_month (the first day of a
-- month) only what was published by the end of that month: a report of September 2020 does
-- not quote the minutes of December 2020 (a month or year of publication counts from its
-- first day). NULL gives every figure.
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
  AND ($known_by_month::DATE IS NULL OR s.published IS NULL
       OR published_from(s.published) <= last_day($known_by_month::DATE))
ORDER BY f.fact_id
