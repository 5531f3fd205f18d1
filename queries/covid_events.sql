-- Lockdowns, reopenings and other events between two dates, for the time axis of the
-- COVID-19 charts, with their source.
SELECT e.event_date, e.end_date, e.label_da, e.kind, s.name_da AS source
FROM event e
JOIN source s USING (source_id)
WHERE e.event_date BETWEEN $first_day AND $last_day
ORDER BY e.event_date
