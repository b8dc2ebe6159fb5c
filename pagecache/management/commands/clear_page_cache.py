from django.core.management.base import BaseCommand

from pagecache import store


class Command(BaseCommand):
    help = "Clear the cache of anonymous page views (after a change made outside the admin, e.g. in SQL)."

    def handle(self, *args, **options):
        store.clear()
        self.stdout.write("Page cache cleared.")
