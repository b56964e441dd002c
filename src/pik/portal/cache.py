"""Public pages for anonymous visitors, rendered once and served from Django's cache.

One counter, the portal version, sits in the shared cache (Redis in production; the deploy check
refuses a process-local cache). Every cached page is keyed by it, so a publishing service only has
to call ``bump_portal_version()``: from then on every page is rendered afresh. Each publishing
service of the portal calls it (pages, FAQ here; documents, events and notices likewise).

- Signed-in users, requests with a session or pending messages, and anything but GET/HEAD
  never see a cached page; signed-in users get ``Cache-Control: private, no-store``.
- Anonymous pages carry an ``ETag`` and ``Cache-Control: private, no-cache``: the browser keeps
  the page and asks again each time (answered 304 while nothing was published). ``private``
  because the page embeds the visitor's own CSRF token (the language switch): it is put into the
  cached body per request, so no two visitors share a token.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.template.response import SimpleTemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

VERSION_KEY = "portal:version"
PAGE_TIMEOUT = 60 * 60  # an hour at most, even if nothing is published
STAMP_SECONDS = 30  # programme data (budgets, rules) show on the public pages within this
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"\x00pik-csrf\x00"


def portal_version() -> int:
    """The current portal version (1 if the cache was emptied)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def _increment() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there (emptied cache): start again
        cache.set(VERSION_KEY, 2, timeout=None)


def bump_portal_version() -> None:
    """Something public changed: every cached portal page is stale. Call it in the publishing
    service; it bumps now and again on commit (no page rendered in between survives)."""
    _increment()
    transaction.on_commit(_increment)


def _stamp(depends_on: Callable[[], str], version: int) -> str:
    """The other app's data stamp, asked at most every ``STAMP_SECONDS`` (a cached page then
    needs no database at all) and afresh after every publication."""
    key = f"portal:stamp:{version}:{depends_on.__module__}.{depends_on.__qualname__}"
    stamp = cache.get(key)
    if stamp is None:
        stamp = depends_on()
        cache.set(key, stamp, STAMP_SECONDS)
    return str(stamp)


def _cacheable(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _key(request: HttpRequest, version: int, stamp: str) -> str:
    what = hashlib.sha256(f"{request.get_full_path()}|{stamp}".encode()).hexdigest()[:32]
    return f"portal:page:{version}:{get_language()}:{what}"


def _serve(request: HttpRequest, body: bytes, etag: str, content_type: str) -> HttpResponse:
    if request.headers.get("If-None-Match") == etag:
        response: HttpResponse = HttpResponseNotModified()
    else:
        token = get_token(request).encode() if PLACEHOLDER in body else b""
        response = HttpResponse(body.replace(PLACEHOLDER, token), content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


View = Callable[..., HttpResponse]


def cached_for_visitors(
    view: View | None = None, *, depends_on: Callable[[], str] | None = None
) -> Any:
    """Serve ``view`` from the cache for anonymous visitors; signed-in users always fresh.

    ``depends_on``: data of other apps the page shows (the programme data), as a cheap stamp
    that changes with them; it joins the cache key, so no other app has to know about the cache
    (a change there shows within ``STAMP_SECONDS``).
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request):
                response = view(request, *args, **kwargs)
                user = getattr(request, "user", None)
                if user is not None and user.is_authenticated:
                    add_never_cache_headers(response)
                    patch_cache_control(response, private=True)
                return response
            version = portal_version()
            stamp = _stamp(depends_on, version) if depends_on else ""
            key = _key(request, version, stamp)
            hit = cache.get(key)
            if hit is None:
                response = view(request, *args, **kwargs)
                if response.status_code != 200 or response.streaming:
                    return response
                if isinstance(response, SimpleTemplateResponse):
                    response.render()  # the sitemap answers with a lazy template response
                body = TOKEN.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
                etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
                hit = (body, etag, response.get("Content-Type", "text/html; charset=utf-8"))
                cache.set(key, hit, PAGE_TIMEOUT)
            return _serve(request, *hit)

        return wrapper

    return decorate(view) if view is not None else decorate
