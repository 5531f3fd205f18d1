-- Areas a user can compare the home municipality with: the country, regions,
-- hovedstadsområdet, landsdele, municipality groups, then every other municipality; the cluster of
-- comparable municipalities (sammenlign=klynge) right after the country.
SELECT geo_code, slug, name_da, level
FROM geography
WHERE geo_code <> $home_geo
ORDER BY CASE level WHEN 'land' THEN 0 WHEN 'klynge' THEN 1 WHEN 'region' THEN 2 WHEN 'hovedstadsomraade' THEN 3
                    WHEN 'landsdel' THEN 4 WHEN 'kommunegruppe' THEN 5 ELSE 6 END,
         CASE WHEN level = 'kommune' THEN name_da END, sort_order
