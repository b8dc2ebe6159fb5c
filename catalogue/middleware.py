"""Dutch first: the site speaks Dutch unless the visitor chose English.

Django's LocaleMiddleware would follow the browser's Accept-Language, which gives
English pages to most Dutch civil servants with an English-language browser.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        # The language comes from a cookie, so shared caches must keep the two apart.
        patch_vary_headers(response, ("Cookie",))
        translation.deactivate()
        return response
