-- The statistics sources of the official figures (imports and refresh): their name, the
-- last day their figures cover and, for an answer fetched from an API (not a saved file,
-- whose time is only the file's), when it was fetched: "how fresh" on each page.
SELECT name_da AS source, data_as_of, CASE WHEN starts_with(ref, 'http') THEN fetched_at END AS fetched_at
FROM source
WHERE kind = 'statistics'
ORDER BY name_da
