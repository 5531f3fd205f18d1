-- The Ministry's benchmark for one half-year period and benefit group: every
-- municipality's forventet (expected from its framework conditions), faktisk and forskel
-- in full-time persons and in pct.-point of its 16-64-year-olds, and its placering.
-- Ranking rule: rank 1 = furthest below expected relative to the population, i.e. the
-- lowest forskel in pct.-point (rounded to 4 decimals); ties go to the lower forskel in
-- persons, then to the lower municipality code, so ranks run 1..N without gaps or ties.
-- The rank is always among all municipalities; $area ('000' for all, a region, a
-- municipality group, …) only limits the rows returned, plus the home municipality,
-- and area_rank is the placement within the area.
-- @private: difference_fte, difference_pct_point
-- @public: rank, area_rank, population, municipalities
WITH scored AS (
    SELECT b.*, round(b.actual_persons - b.expected_persons, 1) AS difference_fte,
           round((b.actual_persons - b.expected_persons) / b.population * 100, 4) AS difference_pct_point
    FROM benchmark b
    WHERE b.period = $period AND b.benefit_group = $benefit_group
),
ranked AS (
    SELECT *,
           row_number() OVER (ORDER BY difference_pct_point, difference_fte, geo_code) AS rank,
           count(*) OVER () AS municipalities
    FROM scored
),
shown AS (
    SELECT r.*, g.name_da AS municipality,
           r.geo_code IN (SELECT member_code FROM geography_member WHERE geo_code = $area) AS in_area
    FROM ranked r
    JOIN geography g USING (geo_code)
)
SELECT s.rank, CASE WHEN s.in_area THEN row_number() OVER (PARTITION BY s.in_area ORDER BY s.rank) END AS area_rank,
       s.geo_code, s.municipality, s.geo_code = $home_geo AS is_home, s.period, s.benefit_group,
       s.expected_persons, s.actual_persons, s.difference_fte, s.difference_pct_point, s.population,
       s.municipalities, s.quality, src.name_da AS source
FROM shown s
JOIN source src USING (source_id)
WHERE s.in_area OR s.geo_code = $home_geo
ORDER BY s.rank
