"""The digest as a django-tasks task: immediate in development and tests, worked off by
`manage.py db_worker` in production. django-tasks has no scheduler: cron or a systemd
timer runs `manage.py send_alerts`, which enqueues it (see README)."""

from django_tasks import task


@task()
def send_digests():
    from .digest import send_digests as run

    return run()
