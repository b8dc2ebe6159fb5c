import shutil

import pytest
from django.conf import settings


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    """Uploads made by tests go to a throwaway MEDIA_ROOT."""
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def demo_catalogue(db):
    """The full demo catalogue (59 real methods), as `make run` builds it."""
    from methods.demo import load_demo

    report, _ = load_demo()
    return report
