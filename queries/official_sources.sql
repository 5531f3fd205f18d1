-- The statistics sources of the official figures (imports and refresh): their name, the
-- last day their figures cover and when they were fetched, for "how fresh" on each page.
SELECT name_da AS source, data_as_of, fetched_at
FROM source
WHERE kind = 'statistics'
ORDER BY name_da
