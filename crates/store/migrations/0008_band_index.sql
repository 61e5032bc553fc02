-- Jikenbo casebook store, schema version 8.
--
-- The bands of the report sketches are no longer a table: a process keeps them in memory,
-- built from reports.minhash the first time it looks for a text neighbour and extended with the
-- reports added since (dupes.rs, `BandIndex`). Six rows of random keys per report made a bulk
-- ingest of 100,000 notices a fifth slower.
DROP TABLE sketch_band;
