import shutil

import pytest
from django.conf import settings
from django.db import transaction


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    """Uploads made by tests go to a throwaway MEDIA_ROOT."""
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The demo catalogue, loaded once per module and rolled back after it (loading takes
    about 15 s). Each test still runs in its own savepoint, so what a test changes is
    undone before the next; the engine's index does not follow such changes."""
    from methods.demo import load_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            report, _ = load_demo()
            yield report
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def shared_demo(demo_module, db):
    """The module-wide demo catalogue for one test; only for modules whose every test reads it."""
    return demo_module


@pytest.fixture
def demo_catalogue(db):
    """The full demo catalogue (59 real methods), as `make run` builds it; its load report.
    Per test: a module-wide catalogue would be visible to the module's other tests too."""
    from methods.demo import load_demo

    report, _ = load_demo()
    return report
