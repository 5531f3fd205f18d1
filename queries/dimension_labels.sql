-- Danish labels of the breakdown dimensions, in display order: target groups, age bands,
-- genders, origins. One row per (dimension, code).
SELECT 'gruppe' AS dimension, group_code AS code, name_da, sort_order FROM target_group
UNION ALL SELECT 'alder', age_band, name_da, sort_order FROM age_band
UNION ALL SELECT 'koen', gender, name_da, sort_order FROM gender
UNION ALL SELECT 'herkomst', origin, name_da, sort_order FROM origin
ORDER BY dimension, sort_order
