"""Which methods need a new look at their rating, and why.

Two reasons: the current rating has passed its valid-until date, or there is newer
evidence than the rating: a published pilot result with an effect evaluation
(a ReassessmentFlag), or an effect study on the method itself from a later year.
Adding a newer rating record clears the second reason by itself.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from methods.models import MethodPage

from .models import ReassessmentFlag


@dataclass
class Reassessment:
    method: MethodPage
    rating: object  # the current RatingRecord or None
    expired: bool = False
    flags: list = field(default_factory=list)
    studies: list = field(default_factory=list)

    @property
    def new_evidence(self):
        return bool(self.flags or self.studies)


def _newer_than_rating(day, rating):
    """True when something dated `day` is newer than the rating (no rating, or an undated one, is older than anything)."""
    if rating is None or rating.date is None:
        return True
    return day > rating.date


def methods_needing_reassessment(today=None):
    today = today or datetime.date.today()
    methods = (
        MethodPage.objects.order_by("title")
        .prefetch_related(
            "ratings", "evaluations",
            Prefetch("reassessment_flags", queryset=ReassessmentFlag.objects.select_related("pilot")),
        )
    )
    rows = []
    for method in methods:
        rating = method.current_rating
        row = Reassessment(method=method, rating=rating)
        row.expired = bool(rating and rating.valid_until and rating.valid_until < today)
        row.flags = [
            flag for flag in method.reassessment_flags.all()
            if flag.pilot.live and _newer_than_rating(flag.created_at.date(), rating)
        ]
        # A study is dated by year only: newer when its year is after the rating's year.
        # Against an unrated or undated rating "newer" cannot be told, so it is not claimed.
        if rating is not None and rating.date is not None:
            row.studies = [
                study for study in method.evaluations.all()
                if study.is_effect_study and study.year and study.year > rating.date.year
            ]
        if row.expired or row.new_evidence:
            rows.append(row)
    return rows

