"""Importers: real figures into the database, replacing demo rows.

Four sources, one path. Each importer reads its input (a saved file, or a response it
downloads to a temporary file first) and turns it into a `Batch` of official rows,
validating every row before anything is written. `apply.apply_batches` then copies the
database file, applies the batch to the copy and swaps the copy into place with one
`os.replace`: a running app keeps reading the old file until its next query, and a
rejected file, a network failure or a kill at any moment leaves the old file whole.

- `statbank`: Statistics Denmark's StatBank (AUF02, AUP02, AUK01, FOLK1E);
- `jobindsats`: STAR's Jobindsats (benefit tables, PTVA02, and Y30R21 → `benchmark`);
- `benchmark`: the Ministry's benchmark as a CSV or XLSX file with the Y30R21 columns;
- `tidy`: the jobcenter's own figures in a documented tidy CSV (docs/import.md).
"""
