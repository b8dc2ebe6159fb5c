"""The municipality register: loaded by a migration, editable, never overwritten."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from pilots.apps import PilotsConfig
from pilots.models import Municipality
from pilots.municipalities import find_register, load_municipalities, read_register


@pytest.mark.django_db
def test_every_fresh_install_has_all_342_municipalities():
    assert Municipality.objects.count() == 342
    utrecht = Municipality.objects.get(code="GM0344")
    assert (utrecht.name, utrecht.province, utrecht.active) == ("Utrecht", "Utrecht", True)
    assert Municipality.objects.values("province").distinct().count() == 12


@pytest.mark.django_db
def test_loading_again_adds_only_what_is_missing_and_keeps_edits():
    Municipality.objects.filter(code="GM0344").update(name="Utrecht (gewijzigd)")
    Municipality.objects.filter(code="GM0193").delete()
    assert load_municipalities(Municipality) == 1
    assert Municipality.objects.get(code="GM0344").name == "Utrecht (gewijzigd)"
    assert Municipality.objects.filter(code="GM0193").exists()


def test_register_reads_the_plain_list_form_as_well(tmp_path):
    path = tmp_path / "gemeenten-2025.json"
    path.write_text(json.dumps([{"code": "GM0001", "name": "Test", "province": "Utrecht"}]))
    assert read_register(find_register(tmp_path)) == [{"code": "GM0001", "name": "Test", "province": "Utrecht"}]


@pytest.mark.django_db
def test_load_demo_hook_loads_the_register(tmp_path):
    Municipality.objects.all().delete()
    config = PilotsConfig.create("pilots")
    assert config.load_demo_data(tmp_path) == 342  # falls back to the register in the repository


@pytest.mark.django_db
def test_an_editor_marks_a_merged_municipality_in_the_admin(client):
    editor = get_user_model().objects.create_user("redacteur", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redacteuren"))
    client.force_login(editor)
    old = Municipality.objects.get(code="GM0193")
    response = client.post(f"/admin/snippets/pilots/municipality/edit/{old.pk}/",
                           {"name": old.name, "code": old.code, "province": old.province})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.active is False
    assert str(old) == "Zwolle (opgeheven)"
    response = client.post("/admin/snippets/pilots/municipality/add/",
                           {"name": "Nieuwe Gemeente", "code": "gm12", "province": "Utrecht", "active": "on"})
    assert response.status_code == 200
    assert "Een CBS-gemeentecode is GM gevolgd door vier cijfers." in response.content.decode()


@pytest.mark.django_db
def test_the_admin_chooser_finds_a_municipality_by_the_start_of_its_name(client):
    editor = get_user_model().objects.create_user("redacteur", password="pw", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redacteuren"))
    client.force_login(editor)
    response = client.get("/admin/snippets/choose/pilots/municipality/results/", {"q": "Utr"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Utrechtse Heuvelrug" in html
    assert "Zwolle" not in html
