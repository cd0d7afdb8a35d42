FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# the locked versions, hashes checked, in a layer of their own: rebuilt only when the lock changes
COPY requirements/runtime.lock requirements/runtime.lock
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.lock
COPY pyproject.toml README.md scrapy.cfg ./
COPY crawler crawler
COPY storage storage
COPY scheduler scheduler
COPY alerts alerts
COPY tests/fixtures tests/fixtures
# dependencies and the build backend come from the lock above, never resolved anew here
RUN pip install --no-cache-dir --no-deps --no-build-isolation . && useradd --create-home coopwatch && mkdir -p /data && chown coopwatch /data
USER coopwatch
ENV COOPWATCH_DATA_DIR=/data COOPWATCH_OUTBOX=/data/outbox
# migrations run at every start, then the daemon
CMD ["sh", "-c", "coopwatch migrate && exec coopwatch run"]
