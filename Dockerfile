# The production image: one image for the bridge's roles (worker, beat; the admin later).
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bridge ./bridge
COPY connectors ./connectors
COPY workers ./workers
COPY config ./config
COPY ledger ./ledger
COPY sandbox ./sandbox
COPY cli ./cli
COPY admin ./admin
COPY jobs ./jobs
# /srv/bridge holds the mounted config; its data/ (the default data_dir beside the config) is
# the writable volume, owned by the user the bridge runs as (a new named volume copies it).
RUN pip install --no-cache-dir . \
    && useradd --create-home bridge \
    && mkdir -p /srv/bridge/data \
    && chown bridge:bridge /srv/bridge/data
USER bridge
WORKDIR /srv/bridge
ENV BRIDGE_CONFIG=/srv/bridge/bridge.toml
# The PostgreSQL password is written once, in the postgres_password secret; libpq reads it
# from PGPASSWORD, so BRIDGE_DATABASE_URL needs none.
ENTRYPOINT ["sh", "-c", "if [ -r /run/secrets/postgres_password ]; then PGPASSWORD=\"$(cat /run/secrets/postgres_password)\"; export PGPASSWORD; fi; exec bridge \"$@\"", "bridge"]
CMD ["--help"]
