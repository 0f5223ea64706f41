# A sketch of the production image: one image, three roles (admin, worker, beat).
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
RUN pip install --no-cache-dir . && useradd --create-home bridge
USER bridge
ENV BRIDGE_CONFIG=/config/bridge.toml
ENTRYPOINT ["bridge"]
CMD ["admin"]
