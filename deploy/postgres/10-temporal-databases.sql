-- Runs once, when the Postgres volume is first initialised (docker-entrypoint-initdb.d).
-- The app database `integratiepact` comes from POSTGRES_DB; Temporal keeps its own two,
-- whose schema the `temporal-schema` service then creates and upgrades.
SELECT 'CREATE DATABASE temporal'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal')\gexec
SELECT 'CREATE DATABASE temporal_visibility'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temporal_visibility')\gexec
