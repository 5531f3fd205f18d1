-- The home municipality with its region and municipality group (the areas it is compared with).
SELECT g.geo_code, g.name_da, g.slug, g.region_code, r.name_da AS region_name,
       g.municipality_group_code, k.name_da AS municipality_group_name
FROM geography g
JOIN geography r ON r.geo_code = g.region_code
JOIN geography k ON k.geo_code = g.municipality_group_code
WHERE g.geo_code = $home_geo
