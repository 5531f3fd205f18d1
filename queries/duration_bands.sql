-- How long the cases of aktivitetsparate kontanthjælpsmodtagere and borgere i
-- ressourceforløb have lasted, in one month: the share under 1 year, 1-3 years and over
-- 3 years, for the home municipality ($geo_code, `is_home`) and a comparison area
-- (normally hele landet).
-- One row per area, target group and band; the three bands of a row sum to 100.
-- @private: share_pct
-- @public: band_order
WITH bands (indicator_id, band, band_name, band_order) AS (
    VALUES ('varighed_under_1_aar', 'under-1', 'Under 1 år', 1),
           ('varighed_1_3_aar', '1-3', '1–3 år', 2),
           ('varighed_over_3_aar', 'over-3', 'Over 3 år', 3)
)
SELECT o.geo_code,
       g.name_da AS geography,
       o.geo_code = $geo_code AS is_home,
       o.group_code,
       t.name_da AS group_name,
       b.band,
       b.band_name,
       b.band_order,
       o.period_start AS month,
       o.value AS share_pct,
       o.persons,
       o.quality,
       s.name_da AS source
FROM observation o
JOIN bands b USING (indicator_id)
JOIN geography g USING (geo_code)
JOIN target_group t USING (group_code)
JOIN source s USING (source_id)
WHERE o.grain = 'month'
  AND o.group_code IN ('kontanthjaelp-aktivitetsparat', 'ressourceforloeb')
  AND o.origin = $origin AND o.age_band = 'alle' AND o.gender = 'alle'
  AND o.geo_code IN ($geo_code, $compare_geo)
  AND o.period_start = $month::DATE
ORDER BY CASE WHEN o.geo_code = $geo_code THEN 0 ELSE 1 END, t.sort_order, b.band_order
