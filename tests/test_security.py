"""Security headers, cookies, the admin login lockout (django-axes) and the API rate limit."""

import logging
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings

from catalogue.client_ip import client_ip

ROOT = Path(__file__).resolve().parents[1]

PUBLIC_PAGES = [
    "/", "/methoden/", "/methoden/girls-talk/", "/zoeken/", "/zoeken/?q=loverboy", "/zoeken/fragment/?q=loverboy",
    "/bewijskaart/", "/vergelijk/", "/praktijkresultaten/", "/open-data/", "/privacy/",
    "/hoe-beoordelen-we-bewijs/", "/api/search/?q=loverboy", "/api/search/autocomplete/?q=lo",
    "/bestaat-niet/",
]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_set_no_cookie_and_send_the_strict_headers(shared_demo, path):
    response = Client().get(path)
    assert response.status_code in (200, 404)
    assert not response.cookies, f"{path} sets {list(response.cookies)}"
    assert "Set-Cookie" not in response.headers
    csp = directives(response.headers["Content-Security-Policy"])
    for directive in ("script-src", "style-src"):
        assert csp[directive] == ["'self'"], csp
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"] and csp["base-uri"] == ["'self'"]
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in permissions


@pytest.mark.django_db
def test_public_templates_have_nothing_inline_for_the_policy_to_block(shared_demo):
    import re

    for path in ["/", "/methoden/", "/methoden/girls-talk/", "/zoeken/?q=loverboy", "/bewijskaart/",
                 "/vergelijk/", "/praktijkresultaten/", "/contact/"]:
        html = Client().get(path).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")", html), path
        assert not re.search(r"<style|\sstyle=", html), path
        assert not re.search(r"\son[a-z]+=", html), path


@pytest.mark.django_db
def test_only_a_page_with_a_form_sets_the_csrf_cookie_and_posts_still_need_the_token(shared_demo):
    client = Client(enforce_csrf_checks=True)
    response = client.get("/contact/")
    assert list(response.cookies) == ["csrftoken"]
    assert client.post("/contact/", {"uw_bericht": "x"}).status_code == 403


@pytest.mark.django_db
def test_the_language_switch_is_a_get_link_and_keeps_pages_cookieless(shared_demo):
    html = Client().get("/methoden/").content.decode()
    assert 'href="/taal/en/?next=/methoden/"' in html
    assert "csrfmiddlewaretoken" not in html
    response = Client().get("/taal/en/?next=/methoden/")
    assert response.status_code == 302 and list(response.cookies) == ["django_language"]


# --- Admin: login, lockout, unlock -------------------------------------------------

@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "juist-wachtwoord")


def login(password, username="beheer", address="10.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    return client, client.post("/admin/login/", {"username": username, "password": password})


@pytest.mark.django_db
def test_the_admin_login_page_loads_under_its_own_policy_and_login_works(editor):
    page = Client().get("/admin/login/")
    assert page.status_code == 200
    csp = directives(page.headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert "Permissions-Policy" in page.headers
    client, response = login("juist-wachtwoord")
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=5)
def test_an_account_is_locked_after_five_failures_even_with_the_right_password(editor, caplog):
    axes_log = logging.getLogger("axes")
    axes_log.addHandler(caplog.handler)
    try:
        for attempt in range(4):
            assert login("fout", address=f"10.0.1.{attempt}")[1].status_code == 200  # the form again
        response = login("fout", address="10.0.1.9")[1]
    finally:
        axes_log.removeHandler(caplog.handler)
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
    assert "Probeer het over 15 minuten opnieuw" in response.content.decode()
    # Logged (the log masks usernames and addresses: a mistyped username can be a password);
    # the details are in the database, for `manage.py axes_list_attempts`.
    assert "Locking out" in caplog.text and "after repeated login failures" in caplog.text
    assert AccessAttempt.objects.filter(username="beheer").count() == 5  # one per address
    # Locked per account: another address, the right password, still refused.
    assert login("juist-wachtwoord", address="10.0.2.1")[1].status_code == 429

    call_command("axes_reset_username", "beheer", verbosity=0)
    assert login("juist-wachtwoord", address="10.0.2.1")[1].status_code == 302


@pytest.mark.django_db
@override_settings(AXES_FAILURE_LIMIT=5)
def test_an_address_is_locked_after_five_failures_whatever_the_usernames(editor):
    for attempt in range(5):
        login("fout", username=f"raden{attempt}", address="10.0.3.1")
    assert login("juist-wachtwoord", address="10.0.3.1")[1].status_code == 429
    assert login("juist-wachtwoord", address="10.0.3.2")[1].status_code == 302
    call_command("axes_reset_ip", "10.0.3.1", verbosity=0)
    assert not AccessAttempt.objects.filter(ip_address="10.0.3.1").exists()
    assert login("juist-wachtwoord", address="10.0.3.1")[1].status_code == 302


@pytest.mark.django_db
def test_the_lockout_page_translates(editor):
    for attempt in range(5):
        login("fout", address="10.0.4.1")
    client = Client(REMOTE_ADDR="10.0.4.1")
    client.cookies["django_language"] = "en"
    response = client.post("/admin/login/", {"username": "beheer", "password": "juist-wachtwoord"})
    assert response.status_code == 429
    assert "Login temporarily blocked" in response.content.decode()


# --- Public API: 429 with Retry-After ------------------------------------------------

@pytest.fixture
def limits():
    cache.clear()
    with override_settings(API_RATE_LIMITS={"/api/": "3/m", "/api/search/autocomplete/": "5/m"}):
        yield
    cache.clear()


@pytest.mark.django_db
def test_the_api_answers_429_with_retry_after_beyond_the_limit(limits):
    client = Client(REMOTE_ADDR="10.1.0.1")
    for _ in range(3):
        assert client.get("/api/search/openapi.json").status_code == 200
    response = client.get("/api/search/", {"q": "loverboy"})
    assert response.status_code == 429
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    body = response.json()
    assert body["retry_after"] == int(response.headers["Retry-After"])
    assert body["error"].startswith("Te veel verzoeken.")
    assert "Content-Security-Policy" in response.headers
    # Another address has its own budget; the autocomplete its own, larger one.
    assert Client(REMOTE_ADDR="10.1.0.2").get("/api/search/openapi.json").status_code == 200
    assert [client.get("/api/search/autocomplete/?q=l").status_code for _ in range(6)] == [200] * 5 + [429]


@pytest.mark.django_db
def test_pages_are_not_rate_limited(limits, shared_demo):
    client = Client(REMOTE_ADDR="10.1.0.3")
    assert {client.get("/zoeken/?q=loverboy").status_code for _ in range(5)} == {200}


@pytest.mark.django_db
def test_behind_a_proxy_the_limit_follows_the_forwarded_address(limits):
    with override_settings(TRUSTED_PROXY_COUNT=1):
        proxy = "10.9.9.9"
        for _ in range(3):
            Client(REMOTE_ADDR=proxy).get("/api/search/openapi.json", headers={"X-Forwarded-For": "203.0.113.5"})
        limited = Client(REMOTE_ADDR=proxy).get("/api/search/openapi.json", headers={"X-Forwarded-For": "203.0.113.5"})
        other = Client(REMOTE_ADDR=proxy).get("/api/search/openapi.json", headers={"X-Forwarded-For": "203.0.113.6"})
    assert limited.status_code == 429 and other.status_code == 200


@pytest.mark.parametrize("meta, proxies, header, expected", [
    ({"REMOTE_ADDR": "198.51.100.7"}, 0, "", "198.51.100.7"),
    # Without a configured proxy a forged X-Forwarded-For is ignored.
    ({"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, 0, "", "198.51.100.7"),
    # One proxy: its entry is the rightmost; what the client wrote before it does not count.
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.5"}, 1, "", "203.0.113.5"),
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.5, 10.0.0.9"}, 2, "", "203.0.113.5"),
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "geen-adres"}, 1, "", "10.0.0.2"),
    ({"REMOTE_ADDR": "10.0.0.2"}, 1, "", "10.0.0.2"),
    ({"REMOTE_ADDR": "10.0.0.2", "HTTP_X_REAL_IP": "2001:db8::1"}, 0, "HTTP_X_REAL_IP", "2001:db8::1"),
])
def test_client_address(meta, proxies, header, expected):
    request = RequestFactory().get("/", **meta)
    with override_settings(TRUSTED_PROXY_COUNT=proxies, CLIENT_IP_HEADER=header):
        assert client_ip(request) == expected


# --- Production cookie flags -----------------------------------------------------------

def test_production_cookies_are_secure_same_site_and_http_only():
    script = (
        "from django.conf import settings as s; from django.test import Client; "
        "r = Client(HTTP_HOST='preventiecatalogus.example.nl', headers={'X-Forwarded-Proto': 'https'}, secure=True)"
        ".get('/taal/en/?next=/'); c = r.cookies['django_language']; "
        "print(bool(c['secure']), c['samesite'], bool(c['httponly']), "
        "s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE)"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(DJANGO_SETTINGS_MODULE="catalogue.settings.production",
                       DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
                       DJANGO_ALLOWED_HOSTS="preventiecatalogus.example.nl")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", script], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[-9:] == ["True", "Lax", "True", "True", "True", "Lax", "True", "True", "Lax"], \
        result.stdout + result.stderr
