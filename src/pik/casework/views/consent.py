"""Pages of the consents: record one (with the scanned paper), open the scan, withdraw one,
print the bilingual consent form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from pik.casework import forms, languages, selectors, services
from pik.casework.documents import consent_form_pdf
from pik.casework.views.base import caseworker, client_url, form_page, form_view, submit


@login_required
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk, log_read=request.method == "GET")
    form = forms.ConsentForm(
        request.POST or None,
        request.FILES or None,
        initial={"given_on": timezone.localdate(), "purpose": request.GET.get("zweck", "")},
    )
    done = submit(
        request,
        form,
        lambda d: services.consent_record(client=client, actor=user, **form.cleaned_data),
        success="Die Einwilligung ist eingetragen.",
        to=client_url(client),
    )
    if done is not None:
        return done
    return form_page(
        request,
        title=f"Einwilligung eintragen: {client}",
        intro=(
            "Schriftlich: bitte das unterschriebene Formular einscannen (PDF oder Bild). "
            "Mündlich: nur mit Zeugin oder Zeuge."
        ),
        form=form,
        multipart=True,
        back=client_url(client),
    )


@login_required
def consent_scan(request: HttpRequest, pk: int) -> HttpResponse:
    """The scanned signed consent form (each opening is logged on the record)."""
    user = caseworker(request)
    consent = selectors.consent_scan_read(user=user, pk=pk)
    with consent.scan.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=consent.scan_type)
    response["Content-Disposition"] = f'inline; filename="einwilligung-{consent.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    consent = selectors.consent_get(user=user, pk=pk)
    if request.method == "GET":
        selectors.client_read_logged(user=user, client=consent.client)
    form = forms.WithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    return form_view(
        request,
        form,
        lambda d: services.consent_withdraw(
            consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"], actor=user
        ),
        success="Der Widerruf ist eingetragen.",
        to=client_url(consent.client),
        title=f"Widerruf: {consent.get_purpose_display()}",
        intro=(
            "Der Widerruf beendet die Verarbeitung für diesen Zweck. Widerruf der Teilnahme "
            "beendet die Beratung; Widerruf zu Gesundheitsdaten löscht die Hinweise."
        ),
        back=client_url(consent.client),
        submit="Widerruf eintragen",
        danger=True,
    )


@login_required
def consent_form_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = caseworker(request)
    client = selectors.client_get(user=user, pk=pk)
    language = request.GET.get("sprache", "en")
    if not languages.is_offered(language):
        raise Http404
    response = HttpResponse(
        consent_form_pdf(client=client, language=language), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="einwilligung-{client.pk}-{language}.pdf"'
    return response
