from django.urls import path

from pik.funding.urls_proofs import urlpatterns as proof_urls
from pik.funding.views import (
    applications,
    budgets,
    contingents,
    deadlines,
    figures,
    payments,
    poolings,
    repayments,
)

app_name = "funding"
urlpatterns = [
    path("antraege/", applications.application_list, name="application_list"),
    path("antraege/export.xlsx", applications.application_export, name="application_export"),
    path("antraege/gemeinden.json", applications.gemeinde_names, name="gemeinde_names"),
    path("antraege/neu/<slug:code>/", applications.application_new, name="application_new"),
    path("antraege/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "antraege/<int:pk>/zusammenfassung/",
        applications.application_print,
        name="application_print",
    ),
    path("antraege/<int:pk>/schritt/", applications.application_step, name="application_step"),
    path("antraege/<int:pk>/stellen/", applications.position_add, name="position_add"),
    path(
        "antraege/<int:pk>/stellen/<int:position_pk>/entfernen/",
        applications.position_remove,
        name="position_remove",
    ),
    path("antraege/<int:pk>/digital/", applications.digital_details, name="digital_details"),
    path("antraege/<int:pk>/anlagen/", applications.attachment_upload, name="attachment_upload"),
    path(
        "antraege/<int:pk>/anlagen/<int:attachment_pk>/",
        applications.attachment_download,
        name="attachment_download",
    ),
    path("bescheide/<int:pk>/", applications.notice_download, name="notice_download"),
    path("haushalt/", budgets.budget_overview, name="budget_overview"),
    path("haushalt/<int:pk>/", budgets.budget_edit, name="budget_edit"),
    path("kontingente/<slug:code>/", contingents.contingent_overview, name="contingent_overview"),
    path(
        "kontingente/<slug:code>/export.xlsx",
        contingents.contingent_export,
        name="contingent_export",
    ),
    path("antragsteller/<slug:code>/neu/", contingents.applicant_new, name="applicant_new"),
    path(
        "zusammenschluesse/<int:pk>/zustimmen/",
        poolings.pooling_confirm,
        name="pooling_confirm",
    ),
    path(
        "zusammenschluesse/<int:pk>/vereinbarung/",
        poolings.pooling_agreement,
        name="pooling_agreement",
    ),
    path("mittelabrufe/", payments.payment_list, name="payment_list"),
    path(
        "antraege/<int:pk>/mittelabruf/",
        payments.payment_request_new,
        name="payment_request_new",
    ),
    path("mittelabrufe/<int:pk>/", payments.payment_request_detail, name="payment_request_detail"),
    path(
        "mittelabrufe/<int:pk>/schritt/",
        payments.payment_request_step,
        name="payment_request_step",
    ),
    path("antragsteller/<int:pk>/bankverbindung/", payments.bank_details, name="bank_details"),
    path("zahlungslisten/neu/", payments.payment_batch_create, name="payment_batch_create"),
    path("zahlungslisten/<int:pk>/", payments.payment_batch_detail, name="payment_batch_detail"),
    path(
        "zahlungslisten/<int:pk>/export.<str:fmt>",
        payments.payment_batch_export,
        name="payment_batch_export",
    ),
    path("zahlungslisten/<int:pk>/buchen/", payments.payment_batch_book, name="payment_batch_book"),
    path("fristen/", deadlines.deadlines_mine, name="deadlines_mine"),
    path("fristen/kreis/<str:ags>/", deadlines.deadlines_kreis, name="deadlines_kreis"),
    path("fristen/kalender-link/", deadlines.calendar_feed, name="calendar_feed"),
    path("fristen/kalender/<str:token>.ics", deadlines.calendar_ics, name="calendar_ics"),
    path("zahlen/", figures.figures_page, name="figures"),
    path("zahlen/jahresbericht.pdf", figures.figures_report, name="figures_report"),
    path("zahlen/<slug:table>.<slug:fmt>", figures.figures_export, name="figures_export"),
]
urlpatterns += [
    path("basiszinssaetze/", repayments.base_rates, name="base_rates"),
    path("rueckforderungen/", repayments.repayment_list, name="repayment_list"),
    path("antraege/<int:pk>/rueckforderung/", repayments.repayment_new, name="repayment_new"),
    path("rueckforderungen/<int:pk>/", repayments.repayment_detail, name="repayment_detail"),
    path("rueckforderungen/<int:pk>/schritt/", repayments.repayment_step, name="repayment_step"),
    path(
        "rueckforderungen/<int:pk>/zahlung/", repayments.repayment_payment, name="repayment_payment"
    ),
    path(
        "rueckforderungen/<int:pk>/bescheid/", repayments.repayment_notice, name="repayment_notice"
    ),
    *proof_urls,
]
