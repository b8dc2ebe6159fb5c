"""The pages of an alert: subscribe (/attendering/?<search>), confirm, unsubscribe.

The confirmation and unsubscribe links carry their own secret, so their forms need no CSRF
token (and set no cookie); they still act only on POST, because mail scanners open
every link in a message and must not confirm or unsubscribe anyone."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from search.facets import facet_catalogue

from . import mail, searches, subscriptions
from .forms import SubscribeForm


def _search_context(query_dict_or_string, catalogue):
    params = searches.params_from(query_dict_or_string, catalogue)
    return {
        "search_description": searches.describe(params, catalogue),
        "search_url": searches.with_query("search:search", params),
        "feed_url": searches.with_query("alerts:search_feed", params),
        "query": searches.saved_query(params),
    }


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request):
    catalogue = facet_catalogue()
    status = 200
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        context = _search_context(request.POST.get("zoekopdracht", ""), catalogue)
        if form.is_valid():
            base = request.build_absolute_uri("/").rstrip("/")
            outcome = subscriptions.subscribe(
                form.cleaned_data["email"], context["query"],
                lambda subscription, token: mail.send_confirmation(subscription, token, base))
            if outcome != subscriptions.Outcome.BUSY:
                return redirect("alerts:check_mail")
            context["busy"] = True
            status = 429
        else:
            status = 400
    else:
        context = _search_context(request.GET, catalogue)
        form = SubscribeForm(initial={"zoekopdracht": context["query"]})
    context["form"] = form
    return _private(TemplateResponse(request, "alerts/subscribe.html", context, status=status))


@require_GET
def check_mail(request):
    return _private(TemplateResponse(request, "alerts/check_mail.html", {}))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscription = subscriptions.pending_or_confirmed(token)
    if subscription is None:
        return _private(TemplateResponse(request, "alerts/invalid_link.html", {}, status=404))
    if request.method == "POST":
        subscriptions.confirm(subscription)
        return redirect("alerts:confirmed")
    context = _search_context(subscription.query, facet_catalogue())
    context["subscription"] = subscription
    return _private(TemplateResponse(request, "alerts/confirm.html", context))


@require_GET
def confirmed(request):
    return _private(TemplateResponse(request, "alerts/confirmed.html", {}))


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    valid, subscription = subscriptions.by_unsubscribe_token(token)
    if not valid:
        return _private(TemplateResponse(request, "alerts/invalid_link.html", {}, status=404))
    if request.method == "POST":
        if subscription is not None:
            subscription.delete()  # nothing is kept
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return _private(HttpResponse(status=200))  # RFC 8058: a mail program, nobody reads this
        return redirect("alerts:unsubscribed")
    context = {"gone": subscription is None}
    if subscription is not None:
        context.update(_search_context(subscription.query, facet_catalogue()))
    return _private(TemplateResponse(request, "alerts/unsubscribe.html", context))


@require_GET
def unsubscribed(request):
    return _private(TemplateResponse(request, "alerts/unsubscribed.html", {}))
