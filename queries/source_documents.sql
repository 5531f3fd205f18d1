-- The bundled source documents (plans and minutes) that a user can open in the app:
-- their id (the URL value), name and relative path under the data folder.
SELECT source_id, name_da AS source, url AS source_url, published
FROM source
WHERE kind = 'document' AND url LIKE 'documents/%'
ORDER BY published DESC, source_id
