-- The app's own role (APP_DB_USER): it owns its database `integratiepact` and nothing else, is no
-- superuser, cannot create roles or databases, and cannot connect to Temporal's databases. Temporal
-- keeps the superuser POSTGRES_USER. Runs once, when the Postgres volume is first initialised
-- (docker-entrypoint-initdb.d); on an existing volume run it by hand (docs/deployment.md). Safe to rerun.
\set ON_ERROR_STOP on
\getenv app_user APP_DB_USER
\getenv app_password APP_DB_PASSWORD
SELECT format('CREATE ROLE %I', :'app_user')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user')\gexec
ALTER ROLE :"app_user" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
ALTER DATABASE integratiepact OWNER TO :"app_user";
REVOKE ALL ON DATABASE temporal, temporal_visibility FROM PUBLIC;
REVOKE ALL ON DATABASE integratiepact FROM PUBLIC;
\connect integratiepact
-- What an earlier deployment's migrations created as the superuser now belongs to the app's role.
SELECT format('ALTER TABLE %I.%I OWNER TO %I', schemaname, tablename, :'app_user')
FROM pg_tables WHERE schemaname = 'public' AND tableowner <> :'app_user'\gexec
