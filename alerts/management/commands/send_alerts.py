"""Queue the alert digest (for cron or a systemd timer; django-tasks has no scheduler)."""

from django.core.management.base import BaseCommand

from alerts.tasks import send_digests


class Command(BaseCommand):
    help = "Send the e-mail digests of saved searches: enqueue the task, or run it here with --now."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true",
                            help="run the digest in this process instead of through the task queue")

    def handle(self, *args, now=False, **options):
        if now:
            self.stdout.write(send_digests.call())
            return
        result = send_digests.enqueue()
        # The immediate backend has run it already; the database backend leaves it to db_worker.
        if result.is_finished:
            self.stdout.write(f"{result.status}: {result.return_value or ''}")
        else:
            self.stdout.write(f"queued as task {result.id}")
