"""URLs of the proof of use (included into ``pik.funding.urls``, namespace ``funding``)."""

from django.urls import path

from pik.funding.views import proofs

urlpatterns = [
    path("verwendungsnachweise/", proofs.proof_list, name="proof_list"),
    path("antraege/<int:pk>/verwendungsnachweise/neu/", proofs.proof_new, name="proof_new"),
    path("verwendungsnachweise/<int:pk>/", proofs.proof_detail, name="proof_detail"),
    path(
        "verwendungsnachweise/<int:pk>/stellen/<int:line_pk>/",
        proofs.proof_line,
        name="proof_line",
    ),
    path("verwendungsnachweise/<int:pk>/sachbericht/", proofs.proof_report, name="proof_report"),
    path(
        "verwendungsnachweise/<int:pk>/sachbericht/datei/",
        proofs.proof_report_download,
        name="proof_report_download",
    ),
    path(
        "verwendungsnachweise/<int:pk>/kennzahlen/",
        proofs.proof_key_figures,
        name="proof_key_figures",
    ),
    path(
        "verwendungsnachweise/<int:pk>/kennzahlen/bestaetigen/",
        proofs.proof_key_figures_confirm,
        name="proof_key_figures_confirm",
    ),
    path("verwendungsnachweise/<int:pk>/rechnungen/", proofs.proof_invoice, name="proof_invoice"),
    path(
        "verwendungsnachweise/<int:pk>/rechnungen/<int:invoice_pk>/",
        proofs.proof_invoice_download,
        name="proof_invoice_download",
    ),
    path(
        "verwendungsnachweise/<int:pk>/feststellungen/",
        proofs.proof_finding,
        name="proof_finding",
    ),
    path("verwendungsnachweise/<int:pk>/schritt/", proofs.proof_step, name="proof_step"),
]
