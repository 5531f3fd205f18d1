-- The half-year periods of the benchmark, oldest first, with a Danish label
-- ("2. halvår 2019 – 1. halvår 2020") and how many municipalities each has.
-- @public: municipalities
SELECT period, period_start,
       printf('%s. halvår %s – %s. halvår %s', substr(period, 6, 1), substr(period, 1, 4),
              substr(period, 13, 1), substr(period, 8, 4)) AS label_da,
       count(DISTINCT geo_code) AS municipalities
FROM benchmark
GROUP BY period, period_start
ORDER BY period_start
