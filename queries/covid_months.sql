-- The months that have weekly COVID-19 figures (ledige i kontakt) for the home municipality
-- from the lockdown week on, oldest first, as YYYY-MM slugs: the COVID-19 page's period
-- filter offers only these.
SELECT DISTINCT strftime(period_start, '%Y-%m') AS month
FROM observation
WHERE indicator_id = 'ledige_i_kontakt' AND grain = 'week' AND geo_code = $home_geo
  AND group_code = 'alle' AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'
  AND period_start >= date_trunc('week', $base_date::DATE)
ORDER BY month
