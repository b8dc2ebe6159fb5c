"""Editors maintain the search synonyms in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


@pytest.mark.django_db
@pytest.mark.parametrize("group", ["Redacteuren", "Moderatoren"])
def test_editors_and_moderators_may_manage_synonyms(client, group):
    user = get_user_model().objects.create_user("iemand", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    assert user.has_perms(["search.add_synonym", "search.change_synonym", "search.delete_synonym"])
    client.force_login(user)
    assert client.get("/admin/snippets/search/synonym/").status_code == 200
