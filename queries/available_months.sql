-- The months for which the home municipality has its overall monthly unemployment rate, oldest first,
-- as YYYY-MM slugs for the period filter.
SELECT DISTINCT strftime(period_start, '%Y-%m') AS month
FROM observation
WHERE indicator_id = 'ledighedsprocent' AND grain = 'month' AND geo_code = $home_geo
  AND group_code = 'alle' AND age_band = 'alle' AND gender = 'alle' AND origin = 'alle'
ORDER BY month
