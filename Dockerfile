# PolicyHub image: gunicorn serving Django, static files from WhiteNoise; the same image runs
# the background worker (python manage.py db_worker), which scans websites in Chromium.
# Build: docker build -t policyhub .   Run with docker-compose.yml (see .env.example).
# The cookie banner's library, vanilla-cookieconsent, from the npm registry (pinned in
# package-lock.json), built into static/consent/vendor/ by bin/build-assets.
FROM node:22-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin/build-assets bin/
RUN sh bin/build-assets

FROM python:3.12-slim-bookworm

# SCAN_CHROMIUM: the browser of the website scans, Debian's package installed below.
# Playwright's Python package brings its own driver and needs no browser download.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    SCAN_CHROMIUM=/usr/bin/chromium

# Libraries WeasyPrint loads at run time (Pango, HarfBuzz with its subsetter, fontconfig)
# and the DejaVu fonts, which cover Latvian; Chromium for the website scans (its libraries
# come as its dependencies; it renders pages with the same fonts).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        libfontconfig1 \
        fonts-dejavu-core \
        chromium \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user that runs the app; it has a home for fontconfig's cache.
RUN groupadd --system app \
    && useradd --system --gid app --create-home --home-dir /home/app --shell /usr/sbin/nologin app

WORKDIR /app

# Dependencies only, read from pyproject.toml, in their own layer so that a code change
# does not reinstall them. The project itself is not installed: settings.py finds
# templates/, static/ and locale/ next to the code (BASE_DIR), so the app runs from /app.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

# The code stays owned by root (read-only for the app); only var/media is writable.
COPY . .
COPY --from=assets /src/static/consent/vendor static/consent/vendor

# With DEBUG off the settings require a SECRET_KEY; this one exists only for this command.
RUN DEBUG=0 SECRET_KEY=collectstatic-only-not-a-secret python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var

USER app

EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
