"""Background work of the scans, on Django's tasks framework (settings.TASKS): a worker
process (`manage.py db_worker`) runs it, outside any request."""

from django.tasks import task

from scans import runner


@task
def scan_website(scan_id: int) -> None:
    runner.run(scan_id)
