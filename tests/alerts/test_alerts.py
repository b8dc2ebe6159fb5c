"""E-mail alerts: subscribe, confirm by mail, digest of new matching methods, unsubscribe."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alerts.digest import send_digests
from alerts.models import Subscription
from tests.factories.methods import ExploitationFormFactory, MethodPageFactory

pytestmark = pytest.mark.django_db

SEARCH = "q=loverboys&vorm=seksuele-uitbuiting"


@pytest.fixture
def sexual(db):
    return ExploitationFormFactory(name="seksuele uitbuiting", slug="seksuele-uitbuiting")


@pytest.fixture
def labour(db):
    return ExploitationFormFactory(name="arbeidsuitbuiting", slug="arbeidsuitbuiting")


def subscribe(client, email="jan@gemeente.example", search=SEARCH):
    page = client.get(f"/attendering/?{search}")
    assert page.status_code == 200
    query = re.search(r'name="zoekopdracht" value="([^"]*)"', page.content.decode()).group(1).replace("&amp;", "&")
    return client.post("/attendering/", {"email": email, "zoekopdracht": query})


def link(message, path):
    return re.search(rf"http://testserver({path}[^\s]+)", message.body).group(1)


def confirmed_subscription(client, **kwargs):
    subscribe(client, **kwargs)
    confirm_path = link(mail.outbox[-1], "/attendering/bevestigen/")
    assert client.post(confirm_path).status_code == 302
    mail.outbox.clear()
    return Subscription.objects.get(email=kwargs.get("email", "jan@gemeente.example"))


def test_subscribing_sends_a_confirmation_and_stores_only_address_and_search(sexual):
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/attendering/?{SEARCH}&pagina=2&sorteer=titel")
    html = page.content.decode()
    assert "Zoekterm: loverboys; Vorm van uitbuiting: seksuele uitbuiting" in html
    assert "csrfmiddlewaretoken" in html and "csrftoken" in page.cookies  # CSRF on for this form
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    response = client.post("/attendering/", {"email": "Jan@Gemeente.EXAMPLE", "zoekopdracht": SEARCH,
                                             "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/attendering/controleer-uw-e-mail/"
    assert client.get(response["Location"]).status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.email == "Jan@gemeente.example"
    assert subscription.query == SEARCH  # normalised: no page, no sort
    assert subscription.confirmed_at is None and subscription.last_sent_at is None
    (message,) = mail.outbox
    assert message.to == ["Jan@gemeente.example"]
    assert "Bevestig" in message.subject
    assert "Zoekterm: loverboys; Vorm van uitbuiting: seksuele uitbuiting" in message.body
    confirm_path = link(message, "/attendering/bevestigen/")
    raw_token = confirm_path.rstrip("/").rsplit("/", 1)[1]
    assert raw_token not in subscription.token_hash  # only its hash is stored


def test_form_without_csrf_token_is_refused(sexual):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/attendering/", {"email": "a@b.example", "zoekopdracht": SEARCH}).status_code == 403
    assert not Subscription.objects.exists() and not mail.outbox


def test_invalid_address_is_shown_at_the_field(client):
    response = client.post("/attendering/", {"email": "geen-adres", "zoekopdracht": "q=x"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_email-error"' in html and 'aria-invalid="true"' in html
    assert not mail.outbox


def test_search_parameters_are_parsed_again_on_submit(client, sexual):
    """The hidden field is not trusted: unknown filters and junk are dropped as on the search page."""
    client.post("/attendering/", {"email": "a@b.example", "zoekopdracht": "vorm=bestaat-niet&q=%20loverboys%20&x=1"})
    assert Subscription.objects.get().query == "q=loverboys"


def test_confirmation_needs_the_button_not_just_the_link(client, sexual):
    """Mail scanners open every link: a GET shows the button and confirms nothing."""
    subscribe(client)
    confirm_path = link(mail.outbox[0], "/attendering/bevestigen/")
    page = client.get(confirm_path)
    assert page.status_code == 200 and "Aanmelding bevestigen" in page.content.decode()
    assert not page.cookies  # the link is the secret; no CSRF cookie needed
    assert Subscription.objects.get().confirmed_at is None
    assert client.post(confirm_path)["Location"] == "/attendering/bevestigd/"
    first = Subscription.objects.get()
    assert first.confirmed_at is not None and first.last_sent_at == first.confirmed_at
    client.post(confirm_path)  # twice: nothing changes
    assert Subscription.objects.get().confirmed_at == first.confirmed_at
    assert "al bevestigd" in client.get(confirm_path).content.decode()
    assert client.get("/attendering/bevestigd/").status_code == 200


def test_wrong_or_expired_confirmation_link(client, sexual):
    assert client.get("/attendering/bevestigen/verzonnen/").status_code == 404
    assert client.post("/attendering/bevestigen/verzonnen/").status_code == 404
    subscribe(client)
    confirm_path = link(mail.outbox[0], "/attendering/bevestigen/")
    Subscription.objects.update(requested_at=timezone.now() - datetime.timedelta(days=8))
    assert client.post(confirm_path).status_code == 404
    assert Subscription.objects.get().confirmed_at is None


def test_digest_holds_new_matching_methods_only_and_only_once(client, sexual, labour):
    MethodPageFactory(title="Loverboys: oude les", summary="Over loverboys.", forms_of_exploitation=[sexual])
    subscription = confirmed_subscription(client)
    call_command("send_alerts")
    assert mail.outbox == []  # nothing new since the confirmation

    MethodPageFactory(title="Loverboys: nieuwe les", summary="Nieuw: over loverboys.", forms_of_exploitation=[sexual])
    MethodPageFactory(title="Loverboys op het werk", summary="Over loverboys.", forms_of_exploitation=[labour])
    MethodPageFactory(title="Iets anders", summary="Geen verband.", forms_of_exploitation=[sexual])
    MethodPageFactory(title="Loverboys: concept", summary="Over loverboys.", forms_of_exploitation=[sexual], live=False)
    send_digests()
    (message,) = mail.outbox
    assert message.to == [subscription.email]
    assert message.subject == "Nieuwe methode voor uw zoekopdracht: Loverboys: nieuwe les"
    assert "Loverboys: nieuwe les" in message.body and "Nieuw: over loverboys." in message.body
    assert "http://testserver/methoden/" in message.body
    for absent in ("oude les", "op het werk", "Iets anders", "concept"):
        assert absent not in message.body
    subscription.refresh_from_db()
    assert subscription.last_sent_at > subscription.confirmed_at

    mail.outbox.clear()
    send_digests()
    assert mail.outbox == []  # the second run has nothing new


def test_a_change_to_an_old_method_is_no_news_for_the_digest(client, sexual):
    old = MethodPageFactory(title="Loverboys: oude les", summary="Over loverboys.", forms_of_exploitation=[sexual])
    confirmed_subscription(client)
    old.summary = "Over loverboys, bijgewerkt."
    old.save_revision().publish()
    send_digests()
    assert mail.outbox == []


def test_unconfirmed_subscription_never_gets_a_digest(client, sexual):
    subscribe(client)
    mail.outbox.clear()
    MethodPageFactory(title="Loverboys: nieuwe les", summary="Over loverboys.", forms_of_exploitation=[sexual])
    send_digests()
    assert mail.outbox == []


def test_unconfirmed_subscriptions_are_deleted_after_a_week(client, sexual):
    subscribe(client)
    send_digests()
    assert Subscription.objects.exists()
    Subscription.objects.update(requested_at=timezone.now() - datetime.timedelta(days=8))
    send_digests()
    assert not Subscription.objects.exists()


def test_one_search_for_many_subscribers_each_told_what_is_new_to_them(client, sexual):
    first = confirmed_subscription(client, email="een@gemeente.example")
    MethodPageFactory(title="Loverboys: les 1", summary="Over loverboys.", forms_of_exploitation=[sexual])
    second = confirmed_subscription(client, email="twee@gemeente.example")
    MethodPageFactory(title="Loverboys: les 2", summary="Over loverboys.", forms_of_exploitation=[sexual])
    send_digests()
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "les 1" in bodies[first.email] and "les 2" in bodies[first.email]
    assert "les 1" not in bodies[second.email] and "les 2" in bodies[second.email]


def test_failing_mail_is_retried_next_run(client, sexual, monkeypatch):
    confirmed_subscription(client)
    MethodPageFactory(title="Loverboys: nieuwe les", summary="Over loverboys.", forms_of_exploitation=[sexual])

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("alerts.mail.EmailMessage.send", broken)
    assert send_digests().startswith("0 digest(s) sent, 1 failed")
    monkeypatch.undo()
    send_digests()
    assert "Loverboys: nieuwe les" in mail.outbox[0].body


def test_unsubscribe_link_in_the_digest_removes_the_subscription(client, sexual):
    confirmed_subscription(client)
    MethodPageFactory(title="Loverboys: nieuwe les", summary="Over loverboys.", forms_of_exploitation=[sexual])
    send_digests()
    (message,) = mail.outbox
    path = link(message, "/attendering/afmelden/")
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{path}>"
    page = client.get(path)  # a scanner opening the link unsubscribes nobody
    assert page.status_code == 200 and Subscription.objects.exists()
    response = client.post(path)
    assert response["Location"] == "/attendering/afgemeld/"
    assert not Subscription.objects.exists()  # nothing kept
    assert "al afgemeld" in client.get(path).content.decode()
    assert client.get("/attendering/afgemeld/").status_code == 200


def test_rfc_8058_one_click_post(client, sexual):
    confirmed_subscription(client)
    MethodPageFactory(title="Loverboys: nieuwe les", summary="Over loverboys.", forms_of_exploitation=[sexual])
    send_digests()
    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    # What a mail program sends: a form POST without cookies or CSRF token.
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_forged_unsubscribe_links_do_nothing(client, sexual):
    subscription = confirmed_subscription(client)
    assert client.post("/attendering/afmelden/1:verzonnen/").status_code == 404
    from django.core import signing

    forged = signing.dumps([subscription.pk, "0" * 16], salt="alerts.unsubscribe")
    client.post(f"/attendering/afmelden/{forged}/")  # right key, wrong row secret
    assert Subscription.objects.exists()


def test_one_confirmation_mail_per_address_per_interval(client, sexual, settings):
    subscribe(client)
    subscribe(client)
    subscribe(client, search="q=anders")
    subscribe(client, email="JAN@gemeente.example", search="q=derde")
    assert len(mail.outbox) == 1  # the same page each time, but one mail
    assert Subscription.objects.count() == 1
    Subscription.objects.update(requested_at=timezone.now() - datetime.timedelta(minutes=16))
    subscribe(client)
    assert len(mail.outbox) == 2  # a new link, the old one no longer works
    assert link(mail.outbox[0], "/attendering/bevestigen/") != link(mail.outbox[1], "/attendering/bevestigen/")
    assert client.post(link(mail.outbox[0], "/attendering/bevestigen/")).status_code == 404
    # Another address is not held up.
    subscribe(client, email="piet@gemeente.example")
    assert len(mail.outbox) == 3


def test_confirmed_subscription_is_not_mailed_again(client, sexual):
    confirmed_subscription(client)
    Subscription.objects.update(requested_at=timezone.now() - datetime.timedelta(hours=1))
    response = subscribe(client)
    assert response.status_code == 302  # the same answer: the form does not tell who is subscribed
    assert mail.outbox == []


def test_site_wide_ceiling_on_confirmation_mails(client, settings):
    settings.ALERTS_MAX_CONFIRMATIONS_PER_HOUR = 2
    for n in range(3):
        response = subscribe(client, email=f"persoon{n}@gemeente.example", search="q=x")
    assert len(mail.outbox) == 2
    assert response.status_code == 429 and "Probeer het over een uur opnieuw" in response.content.decode()


def test_send_alerts_command_runs_the_task(client, sexual, capsys):
    confirmed_subscription(client)
    MethodPageFactory(title="Loverboys: nieuwe les", summary="Over loverboys.", forms_of_exploitation=[sexual])
    call_command("send_alerts")
    assert "1 digest(s) sent" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_a_new_matching_method_is_in_the_digest_and_in_the_searchs_feed(client, sexual):
    """The issue's 'done when': subscribe, confirm, publish, digest and feed agree."""
    confirmed_subscription(client)
    MethodPageFactory(title="Loverboys: nieuwe les", summary="Over loverboys.", forms_of_exploitation=[sexual])
    send_digests()
    feed_url = re.search(r"Atom-feed van deze zoekopdracht: http://testserver(\S+)", mail.outbox[0].body).group(1)
    assert feed_url == f"/feeds/zoeken/?{SEARCH}"
    feed = client.get(feed_url).content.decode()
    assert "<title>Loverboys: nieuwe les</title>" in feed
