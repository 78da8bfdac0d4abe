#!/bin/sh
# Container start: apply migrations, then hand the process over to gunicorn.
# With arguments, runs them instead (docker compose run --rm web python manage.py createsuperuser).
set -eu

if [ "$#" -gt 0 ]; then
    exec "$@"
fi

python manage.py migrate --noinput

exec gunicorn policyhub.wsgi:application \
    --bind 0.0.0.0:8000 \
    --workers "${WEB_CONCURRENCY:-2}" \
    --worker-class sync \
    --no-control-socket \
    --access-logfile -
