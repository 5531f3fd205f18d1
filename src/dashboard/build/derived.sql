-- Indicators computed from finished series (catalogue model `derived`), run once the
-- observations are in place, so a documented value that replaced a demo one is used too.
-- Langtidsledige jobparate i procent af arbejdsstyrken (Beskæftigelsesplan 2015, Mål 3, against
-- the cluster): the long-term unemployed's share of the unemployed times the unemployment rate;
-- persons: that share of the labour force.
INSERT INTO observation BY NAME
SELECT 'langtidsledige_af_arbejdsstyrken' AS indicator_id, r.geo_code, 'month' AS grain, r.period_start, r.period_end,
       'alle' AS group_code, 'alle' AS age_band, 'alle' AS gender, 'alle' AS origin,
       round(l.value * r.value / 100, i.decimals) AS value,
       round(l.value * r.value / 10000 * a.value)::INTEGER AS persons, 'demo' AS source_id, 'demo' AS quality
FROM observation l
JOIN observation r USING (geo_code, grain, period_start)
JOIN observation a USING (geo_code, grain, period_start)
JOIN indicator i ON i.indicator_id = 'langtidsledige_af_arbejdsstyrken'
WHERE l.indicator_id = 'langtidsledige_andel' AND l.grain = 'month'
  AND l.group_code = 'alle' AND l.age_band = 'alle' AND l.gender = 'alle' AND l.origin = 'alle'
  AND r.indicator_id = 'ledighedsprocent'
  AND r.group_code = 'alle' AND r.age_band = 'alle' AND r.gender = 'alle' AND r.origin = 'alle'
  AND a.indicator_id = 'arbejdsstyrke'
  AND a.group_code = 'alle' AND a.age_band = 'alle' AND a.gender = 'alle' AND a.origin = 'alle'
ORDER BY r.geo_code, r.period_start;
