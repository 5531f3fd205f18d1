-- Areas a user can compare the home municipality with: the country, regions,
-- hovedstadsområdet, landsdele, municipality groups, then every other municipality.
SELECT geo_code, slug, name_da, level
FROM geography
WHERE geo_code <> $home_geo
ORDER BY CASE level WHEN 'land' THEN 0 WHEN 'region' THEN 1 WHEN 'hovedstadsomraade' THEN 2
                    WHEN 'landsdel' THEN 3 WHEN 'kommunegruppe' THEN 4 ELSE 5 END,
         CASE WHEN level = 'kommune' THEN name_da END, sort_order
