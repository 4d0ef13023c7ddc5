#!/bin/sh
# Run once by the postgres image on an empty data directory (docker-entrypoint-initdb.d): a login
# role for Grafana that may only read what the fourmu sink writes (docs/monitoring.md).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v reader="$FOURMU_POSTGRES_READER" -v password="$FOURMU_POSTGRES_READER_PASSWORD" -v owner="$POSTGRES_USER" \
     -v db="$POSTGRES_DB" <<'SQL'
CREATE ROLE :"reader" LOGIN PASSWORD :'password';
GRANT CONNECT ON DATABASE :"db" TO :"reader";
GRANT USAGE ON SCHEMA public TO :"reader";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"reader";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT ON TABLES TO :"reader";
SQL
