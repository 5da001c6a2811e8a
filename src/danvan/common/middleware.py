"""Request middleware of our own."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from danvan.common.parsers import clean_strings


class LanguageMiddleware:
    """Vietnamese unless the user chose otherwise.

    Django's ``LocaleMiddleware`` follows the browser's Accept-Language, and
    office browsers are often set to English; the interface must still open in
    Vietnamese. The language switch (``set_language``) sets the cookie read here.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ["Cookie"])
        response.headers.setdefault("Content-Language", language)
        return response


class CleanQueryMiddleware:
    """Clean the values of the query string before any view or filter reads them.

    Searches and filters read ``request.GET`` directly; a control character
    there (a NUL, which PostgreSQL refuses in any text) must not reach a query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.GET:
            cleaned = clean_strings(request.GET)
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


# Types worth compressing: pages, fragments, the API's JSON, exports as CSV.
# Uploaded originals (PDF, DOCX, images) are compressed already.
COMPRESSED_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "image/svg+xml",
)


class CompressTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for text answers only.

    Static files never reach it (WhiteNoise answers them first, with the
    copies ``collectstatic`` compressed). Against BREACH: Django adds random
    bytes to every gzip stream, and CSRF tokens are masked anew per response.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
