# The LDN companion bot. Build: docker build -t ldn-bot .
# Run (polling, SQLite in a volume):
#   docker run -d --name ldn-bot -e LDN_BOT_TOKEN=... -v ldn-data:/data ldn-bot
# Mount your own config at /data/config.toml to change anything (webhook, PostgreSQL, ...).
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY faq ./faq
COPY storage ./storage
RUN python -m venv /opt/ldn-bot \
    && /opt/ldn-bot/bin/pip install --no-cache-dir --upgrade pip \
    && /opt/ldn-bot/bin/pip install --no-cache-dir .

FROM python:3.11-slim
RUN useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin ldn-bot \
    && mkdir -p /data && chown ldn-bot:ldn-bot /data
COPY --from=build /opt/ldn-bot /opt/ldn-bot
COPY config.example.toml /opt/ldn-bot/config.example.toml
ENV PATH=/opt/ldn-bot/bin:$PATH \
    PYTHONUNBUFFERED=1
USER ldn-bot
WORKDIR /data
# A config with only the defaults: the token comes from $LDN_BOT_TOKEN, SQLite beside it.
RUN printf '[observability]\nport = 9090\nlisten = "0.0.0.0"\nlog_format = "json"\n' > /data/config.toml
VOLUME ["/data"]
# 8443: webhook (when configured); 9090: /healthz and /metrics.
EXPOSE 8443 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:9090/healthz', timeout=4).status != 200)"
STOPSIGNAL SIGTERM
ENTRYPOINT ["ldn-bot"]
CMD ["run", "--config", "/data/config.toml"]
