-- The yearly figures the plans state for an indicator with a monthly series (e.g. plan 2018:
-- ledighed 3,9 % in Ballerup and 4,4 % in the rest of the country in 2017; forsørgertryk
-- 27 % in 2015 and 25 % in 2017), exactly as stated and with their source, beside the mean of
-- the monthly series shown for the same area and year. Years between $first_month and
-- $last_month, for the given indicators. The mean is hidden with the smallest count of
-- persons among its months (`monthly_persons`): a mean over a hidden month would show it.
-- Only what was known by the end of $last_month: a figure of a document published by then
-- (macro published_from), and the mean only of a year that had ended by then.
-- @private: monthly_mean
-- @public: stated_value, year, decimals
WITH stated AS (
    SELECT f.fact_id, f.indicator_id, o.geo_code, o.period_start, o.period_end, o.value AS stated_value,
           s.name_da AS source, f.locator
    FROM document_fact f
    JOIN observation o
      ON o.indicator_id = f.indicator_id AND o.grain = 'year' AND o.quality = 'document'
     AND o.geo_code = f.geography AND o.group_code = 'alle' AND o.age_band = 'alle'
     AND o.gender = 'alle' AND o.origin = 'alle' AND o.value = f.value
    JOIN source s ON s.source_id = f.source_id
    WHERE list_contains($indicator_ids::VARCHAR[], f.indicator_id)
      AND year(o.period_start) BETWEEN year($first_month::DATE) AND year($last_month::DATE)
      AND coalesce(published_from(s.published) <= last_day($last_month::DATE), TRUE)
)
SELECT st.fact_id, i.name_da AS indicator, g.name_da AS geography, year(st.period_start) AS year,
       st.stated_value, round(avg(m.value), i.decimals) AS monthly_mean, min(m.persons) AS monthly_persons,
       i.unit, i.decimals,
       st.source, st.locator,
       -- the stated figure is documented; the mean beside it is of the monthly (demo) series
       CASE WHEN bool_or(m.quality = 'demo') THEN 'demo' ELSE 'document' END AS quality
FROM stated st
JOIN indicator i USING (indicator_id)
JOIN geography g USING (geo_code)
LEFT JOIN observation m
  ON m.indicator_id = st.indicator_id AND m.grain = 'month' AND m.geo_code = st.geo_code
 AND m.group_code = 'alle' AND m.age_band = 'alle' AND m.gender = 'alle' AND m.origin = 'alle'
 AND m.period_start BETWEEN st.period_start AND st.period_end AND st.period_end <= last_day($last_month::DATE)
GROUP BY st.fact_id, i.name_da, g.name_da, st.period_start, st.stated_value, i.unit, i.decimals, st.source,
         st.locator
ORDER BY indicator DESC, year, geography
