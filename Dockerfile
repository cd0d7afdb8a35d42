FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md scrapy.cfg ./
COPY crawler crawler
COPY storage storage
COPY scheduler scheduler
COPY alerts alerts
COPY tests/fixtures tests/fixtures
RUN pip install --no-cache-dir ".[postgres]" && useradd --create-home coopwatch && mkdir -p /data && chown coopwatch /data
USER coopwatch
ENV COOPWATCH_DATA_DIR=/data COOPWATCH_OUTBOX=/data/outbox
# migrations run at every start, then the daemon
CMD ["sh", "-c", "coopwatch migrate && exec coopwatch run"]
