-- When the database was built, and the newest month of data it holds.
SELECT max(CASE WHEN key = 'built_at' THEN value END) AS built_at,
       max(CASE WHEN key = 'data_as_of' THEN value END) AS data_as_of
FROM meta
