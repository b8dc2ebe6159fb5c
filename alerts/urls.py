from django.urls import path

from . import feeds, views

app_name = "alerts"
urlpatterns = [
    path("feeds/methoden/", feeds.MethodsFeed(), name="methods_feed"),
    path("feeds/praktijkresultaten/", feeds.PilotResultsFeed(), name="pilots_feed"),
    path("feeds/zoeken/", feeds.SearchFeed(), name="search_feed"),
    path("attendering/", views.subscribe, name="subscribe"),
    path("attendering/controleer-uw-e-mail/", views.check_mail, name="check_mail"),
    path("attendering/bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("attendering/bevestigd/", views.confirmed, name="confirmed"),
    path("attendering/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("attendering/afgemeld/", views.unsubscribed, name="unsubscribed"),
]
