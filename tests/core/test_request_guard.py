"""The request guard: oversize bodies get 413 before they are read (item 8), invalid UTF-8 in
any form or query string is refused instead of being saved as U+FFFD (item 11)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from pik.casework.models import Client as CaseClient
from pik.core.request_guard import RequestGuardMiddleware, is_utf8_urlencoded
from pik.core.roles import Role
from pik.funding.models import Contingent
from tests.casework.factories import staff

BOUNDARY = "pikboundary"
INVALID_TEXT = "Die Eingabe enthält ungültige Zeichen"


@pytest.fixture
def manager(world, client: Client):  # type: ignore[no-untyped-def]
    user = staff(Role.INTEGRATION_MANAGER, world.kreis_a)
    client.force_login(user)
    return user


def _fields(**overrides: str) -> dict[str, str]:
    today = timezone.localdate().isoformat()
    values = {
        "first_name": "Mohamad",
        "last_name": "Alhasan",
        "birth_year": "1990",
        "gender": "male",
        "counselling_start": today,
        "consent_given_on": today,
        "consent_language": "ar",
    }
    values.update(overrides)
    return values


def _multipart(fields: dict[str, bytes]) -> bytes:
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + value
        + b"\r\n"
        for name, value in fields.items()
    ]
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


# --- Invalid UTF-8 (item 11) ----------------------------------------------------------------


@pytest.mark.parametrize("bad", [b"Moh%FF%FEamad", b"Moh\xff\xfeamad"], ids=["percent", "raw"])
def test_invalid_utf8_in_a_urlencoded_form_is_refused(client: Client, manager, bad: bytes) -> None:
    body = (
        urlencode(_fields(first_name="X")).encode().replace(b"first_name=X", b"first_name=" + bad)
    )
    response = client.post(
        reverse("casework:client_create"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert INVALID_TEXT in response.content.decode()
    assert not CaseClient.objects.exists()


def test_invalid_utf8_in_a_multipart_form_is_refused(client: Client, manager) -> None:
    fields = {k: v.encode() for k, v in _fields().items()}
    fields["first_name"] = b"Moh\xff\xfeamad"
    response = client.post(
        reverse("casework:client_create"),
        _multipart(fields),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 400
    assert INVALID_TEXT in response.content.decode()
    assert not CaseClient.objects.exists()


def test_invalid_utf8_in_a_file_name_is_refused(client: Client, world, member) -> None:  # type: ignore[no-untyped-def]
    client.force_login(member(Role.RPS_HEAD))
    body = (
        f"--{BOUNDARY}\r\n".encode()
        + b"Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''Personen-%FF.csv\r\n"
        + b"Content-Type: text/csv\r\n\r\nags,personen\n08115003,12\n\r\n"
        + f"--{BOUNDARY}--\r\n".encode()
    )
    response = client.post(
        "/foerderung/kontingente/im/",
        body,
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )
    assert response.status_code == 400
    assert INVALID_TEXT in response.content.decode()
    assert not Contingent.objects.exists()


def test_invalid_utf8_in_the_query_string_is_refused(client: Client, manager) -> None:
    response = client.get(reverse("casework:client_list"), QUERY_STRING="q=Moh%FFamad")
    assert response.status_code == 400
    assert INVALID_TEXT in response.content.decode()


@pytest.mark.parametrize("multipart", [False, True], ids=["urlencoded", "multipart"])
def test_umlauts_and_arabic_pass_unchanged(client: Client, manager, multipart: bool) -> None:
    values = _fields(first_name="Jürgen-Ömer", last_name="Al-Ḥasan", name_original="محمد الحسن")
    url = reverse("casework:client_create")
    if multipart:
        body = _multipart({k: v.encode() for k, v in values.items()})
        response = client.post(url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}")
    else:
        body = urlencode(values).encode()
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302, response.context and response.context["form"].errors
    saved = CaseClient.objects.get()
    assert (saved.first_name, saved.last_name) == ("Jürgen-Ömer", "Al-Ḥasan")
    assert saved.name_original == "محمد الحسن"


@pytest.mark.parametrize(
    ("raw", "valid"),
    [
        (b"a=%C3%A4&b=%D8%A7", True),
        (b"a=\xc3\xa4", True),
        (b"a=%C3&b=%A4", False),  # a sequence cut by the separator
        (b"a=%ED%A0%80", False),  # a lone surrogate is no UTF-8
        (b"a=%C0%AF", False),  # overlong
        (b"", True),
    ],
)
def test_is_utf8_urlencoded(raw: bytes, valid: bool) -> None:
    assert is_utf8_urlencoded(raw) is valid


# --- Size (item 8) --------------------------------------------------------------------------


class Exploding:
    """A wsgi.input that fails the test if anyone reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the body was read")

    readline = read


def test_oversize_body_gets_413_before_it_is_read() -> None:
    request = RequestFactory().generic(
        "POST",
        "/foerderung/kontingente/im/",
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
        **{"wsgi.input": Exploding(), "CONTENT_LENGTH": str(49 * 1024 * 1024)},
    )
    guard = RequestGuardMiddleware(lambda r: pytest.fail("the view was reached"))  # type: ignore[arg-type,return-value]
    with translation.override("de"):  # no LocaleMiddleware in front here
        response = guard(request)
    assert response.status_code == 413
    page = response.content.decode()
    assert "Die Anfrage ist zu groß" in page and "höchstens 25 MB" in page


def test_oversize_upload_through_the_client_gets_413(
    client: Client, world, member, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.PIK_MAX_REQUEST_BYTES = 1024 * 1024
    client.force_login(member(Role.RPS_HEAD))
    upload = SimpleUploadedFile("p.csv", b"ags,personen\n" + b"08115003,1\n" * 100_000)
    response = client.post("/foerderung/kontingente/im/", {"file": upload})
    assert response.status_code == 413
    assert "höchstens 1 MB" in response.content.decode()
    assert not Contingent.objects.exists()


def test_oversize_form_data_get_413(client: Client, manager) -> None:
    response = client.post(reverse("casework:client_create"), _fields(notes="x" * 3_000_000))
    assert response.status_code == 413
    assert "höchstens 2 MB" in response.content.decode()
    assert not CaseClient.objects.exists()


def test_too_many_fields_are_refused_in_german(client: Client, manager) -> None:
    body = "&".join(f"f{n}=1" for n in range(1001))
    response = client.post(
        reverse("casework:client_create"), body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "zu viele Felder" in response.content.decode()


def test_small_request_passes_through() -> None:
    request = RequestFactory().post("/x", {"name": "Böblingen"})
    assert RequestGuardMiddleware(lambda r: HttpResponse("ok"))(request).status_code == 200


def test_refusal_page_speaks_english_second(client: Client, manager) -> None:
    client.cookies["django_language"] = "en"
    response = client.get(reverse("casework:client_list"), QUERY_STRING="q=%FF")
    assert response.status_code == 400
    assert "The input contains invalid characters" in response.content.decode()
