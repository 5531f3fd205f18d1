-- Every municipality of the home municipality's region ranked by one indicator in one
-- month (1 = best; ties share the best rank), the home municipality marked.
-- @private: value, rank
-- @public: ranked_count
WITH home AS (
    SELECT geo_code, region_code FROM geography WHERE geo_code = $geo_code
),
ind AS (
    SELECT * FROM indicator WHERE indicator_id = $indicator_id
)
SELECT o.geo_code,
       g.name_da AS geography,
       o.geo_code = h.geo_code AS is_home,
       o.period_start AS month,
       o.value,
       o.persons,
       rank() OVER (ORDER BY CASE WHEN i.higher_is_better THEN -o.value ELSE o.value END) AS rank,
       count(*) OVER () AS ranked_count,
       o.quality,
       s.name_da AS source
FROM observation o
JOIN ind i ON o.indicator_id = i.indicator_id AND o.grain = i.grain
JOIN home h ON TRUE
JOIN geography_member gm ON gm.geo_code = h.region_code AND gm.member_code = o.geo_code
JOIN geography g ON g.geo_code = o.geo_code AND g.level = 'kommune'
JOIN source s ON s.source_id = o.source_id
WHERE o.group_code = 'alle' AND o.origin = 'alle' AND o.age_band = 'alle' AND o.gender = 'alle'
  AND o.period_start = $month::DATE
ORDER BY rank, g.name_da
