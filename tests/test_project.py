"""Project-level guarantees: migrations in step, production settings safe."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[1]


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.django_db
def test_models_and_migrations_are_in_step():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_pass_the_deployment_checklist():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SETTINGS_MODULE="catalogue.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="preventiecatalogus.example.nl",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_cookie_is_secure_and_same_site_in_production():
    script = (
        "from django.test import Client; "
        "r = Client(HTTP_HOST='preventiecatalogus.example.nl', headers={'X-Forwarded-Proto': 'https'}, secure=True)"
        ".post('/taal/', {'language': 'en', 'next': '/'}); "
        "c = r.cookies['django_language']; "
        "print(bool(c['secure']), c['samesite'], bool(c['httponly']))"
    )
    result = manage(
        "shell", "-c", script,
        DJANGO_SETTINGS_MODULE="catalogue.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="preventiecatalogus.example.nl",
    )
    assert result.stdout.split()[-3:] == ["True", "Lax", "True"], result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="catalogue.settings.production",
                    DJANGO_ALLOWED_HOSTS="preventiecatalogus.example.nl")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_no_secret_in_the_repository():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert ".demo-accounts" not in tracked
    assert not any(name.endswith(("local.py", ".env")) for name in tracked)
