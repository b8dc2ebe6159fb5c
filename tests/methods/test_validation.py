"""Model validation an editor meets when saving a method."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from methods.models import EvidenceLevel, MethodPage, RatingRecord
from methods.models.evidence import newest_rating
from methods.models.pages import SUMMARY_MAX_LENGTH


def method(**kwargs):
    values = {"title": "Test", "slug": "test", "summary": "Kort."}
    values.update(kwargs)
    return MethodPage(**values)


def test_age_range_must_not_be_reversed():
    with pytest.raises(ValidationError) as error:
        method(age_from=16, age_to=12).clean()
    assert "age_to" in error.value.message_dict


def test_equal_ages_are_a_valid_range():
    method(age_from=12, age_to=12).clean()


def test_summary_longer_than_the_limit_is_refused():
    with pytest.raises(ValidationError) as error:
        method(summary="x" * (SUMMARY_MAX_LENGTH + 1)).clean()
    assert "summary" in error.value.message_dict


def test_rating_valid_until_must_follow_its_date():
    record = RatingRecord(level=EvidenceLevel.WELL_FOUNDED, assessor="NJi",
                          date=datetime.date(2020, 5, 1), valid_until=datetime.date(2020, 4, 1))
    with pytest.raises(ValidationError) as error:
        record.clean()
    assert "valid_until" in error.value.message_dict


def test_rating_date_cannot_be_in_the_future():
    record = RatingRecord(level=EvidenceLevel.WELL_FOUNDED, assessor="NJi",
                          date=datetime.date.today() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        record.clean()


def test_newest_rating_is_current_and_undated_records_count_as_oldest():
    old = RatingRecord(level=EvidenceLevel.WELL_DESCRIBED, assessor="A", date=datetime.date(2015, 1, 1))
    new = RatingRecord(level=EvidenceLevel.WELL_FOUNDED, assessor="B", date=datetime.date(2021, 1, 1))
    undated = RatingRecord(level=EvidenceLevel.STRONG_INDICATIONS, assessor="C")
    assert newest_rating([undated, new, old]) is new
    assert newest_rating([]) is None


@pytest.mark.django_db
def test_saving_a_page_stores_the_current_level_for_filtering():
    from tests.factories.methods import MethodPageFactory, rating

    page = MethodPageFactory(ratings=[
        rating(level=EvidenceLevel.WELL_DESCRIBED, date=datetime.date(2014, 1, 1)),
        rating(level=EvidenceLevel.WELL_FOUNDED, date=datetime.date(2019, 1, 1)),
    ])
    assert MethodPage.objects.get(pk=page.pk).evidence_level == EvidenceLevel.WELL_FOUNDED
    assert [r.level for r in page.rating_history] == [EvidenceLevel.WELL_FOUNDED, EvidenceLevel.WELL_DESCRIBED]
