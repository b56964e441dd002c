"""One gate for every request body and query string, before any view or form reads them.

Two failures seen when the application was probed from outside:

* Size. Django reads a multipart body lazily but reads it all: a 49 MB upload took a process to
  1.3 GB. A body larger than ``PIK_MAX_REQUEST_BYTES`` is refused here by its Content-Length,
  before a byte of it is read, with a German 413 page. Form data beyond Django's own limits
  (``DATA_UPLOAD_MAX_MEMORY_SIZE``, ``DATA_UPLOAD_MAX_NUMBER_FIELDS``, ``…_NUMBER_FILES``) get
  the same kind of page instead of Django's bare "Bad Request".
* Silent changes. Django decodes form input with ``errors="replace"``: the bytes ``\\xff\\xfe``
  in a field were saved as U+FFFD (or, in a urlencoded body, as "ÿþ"). Invalid UTF-8 in the
  query string or a urlencoded body is refused (exact: the raw bytes are checked). A multipart
  body is decoded by Django's parser, which keeps no raw bytes, so there a U+FFFD in any field
  or file name is refused: it is either Django's replacement or text that was already damaged.

docs/decisions/0011-io-request-guard.md
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

REPLACEMENT = "\ufffd"
DEFAULT_MAX_REQUEST_BYTES = 25 * 1024 * 1024


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def is_utf8_urlencoded(raw: bytes) -> bool:
    """Whether a query string or urlencoded body is valid UTF-8 once percent-decoded.

    Decoding the whole string equals decoding each name and value: the separators ``&`` and
    ``=`` are ASCII, which can neither complete nor continue a multi-byte sequence.
    """
    try:
        unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _query_bytes(request: HttpRequest) -> bytes:
    query = request.META.get("QUERY_STRING", "")
    try:
        return str(query).encode("iso-8859-1")  # WSGI hands bytes over as latin-1 (PEP 3333)
    except UnicodeEncodeError:
        return str(query).encode("utf-8")  # already text (e.g. the test client)


def _multipart_has_replacement(request: HttpRequest) -> bool:
    for name, values in request.POST.lists():
        if REPLACEMENT in name or any(REPLACEMENT in value for value in values):
            return True
    for name, files in request.FILES.lists():
        if REPLACEMENT in name or any(REPLACEMENT in (f.name or "") for f in files):
            return True
    return False


def _is_valid_text(request: HttpRequest) -> bool:
    """Query string and form body are UTF-8; parses them now, so Django's limits raise here."""
    if not is_utf8_urlencoded(_query_bytes(request)):
        return False
    request.GET  # noqa: B018 - parsed here: too many fields raise inside the guard
    if request.content_type == "application/x-www-form-urlencoded":
        if not is_utf8_urlencoded(request.body):
            return False
        request.POST  # noqa: B018 - as above
    elif request.content_type == "multipart/form-data" and request.method == "POST":
        return not _multipart_has_replacement(request)
    return True


class RequestGuardMiddleware:
    """Refuse oversize bodies (413) and input that is not valid UTF-8 (400), nothing saved."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self._refusal(request)
        return refusal if refusal is not None else self.get_response(request)

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        max_bytes = int(getattr(settings, "PIK_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES))
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body then either
        if length > max_bytes:
            return self._too_large(request, max_bytes)
        try:
            valid = _is_valid_text(request)
        except RequestDataTooBig:
            return self._too_large(request, settings.DATA_UPLOAD_MAX_MEMORY_SIZE, form=True)
        except (TooManyFieldsSent, TooManyFilesSent):
            return self._refuse(
                request,
                400,
                _("Das Formular enthält zu viele Felder"),
                _(
                    "pik nimmt höchstens %(fields)s Felder und %(files)s Dateien auf einmal an. "
                    "Nichts wurde gespeichert."
                )
                % {
                    "fields": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
                    "files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
                },
            )
        except MultiPartParserError:
            return self._refuse(
                request,
                400,
                _("Die Anfrage kann nicht gelesen werden"),
                _(
                    "Die gesendeten Formulardaten sind unvollständig oder beschädigt. "
                    "Nichts wurde gespeichert. Bitte senden Sie das Formular erneut."
                ),
            )
        return None if valid else self._invalid_text(request)

    def _too_large(self, request: HttpRequest, limit: int, *, form: bool = False) -> HttpResponse:
        what = _("Formulardaten ohne Dateien") if form else _("Dateien und Formular zusammen")
        return self._refuse(
            request,
            413,
            _("Die Anfrage ist zu groß"),
            _(
                "pik nimmt höchstens %(limit)s MB auf einmal an (%(what)s). Nichts wurde "
                "gespeichert. Bitte gehen Sie zurück und senden Sie eine kleinere Datei."
            )
            % {"limit": _mb(limit), "what": what},
        )

    def _invalid_text(self, request: HttpRequest) -> HttpResponse:
        return self._refuse(
            request,
            400,
            _("Die Eingabe enthält ungültige Zeichen"),
            _(
                "Mindestens ein Feld oder die Adresse enthält Zeichen, die kein gültiger Text "
                "(UTF-8) sind. pik ändert Eingaben nicht stillschweigend, deshalb wurde nichts "
                "gespeichert. Bitte gehen Sie zurück, prüfen Sie die Eingabe – etwa aus einem "
                "anderen Programm kopierten Text – und senden Sie sie erneut."
            ),
        )

    def _refuse(self, request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
        # No "Connection: close" here: WSGI forbids hop-by-hop headers; the server (gunicorn)
        # discards the unread rest of the body itself.
        return render(
            request, "core/request_refused.html", {"title": title, "text": text}, status=status
        )
