"""The portal's documents, contact search, events, notices and open figures (public), and the
editors' pages for them."""

from django.urls import path

from pik.portal.views import contacts, documents, events, figures, notices

urlpatterns = [
    path("dokumente/", documents.document_list, name="documents"),
    path("dokumente/<int:pk>/aktuell/", documents.document_download, name="document_download"),
    path(
        "dokumente/fassung/<int:pk>/",
        documents.document_version_download,
        name="document_version_download",
    ),
    path("redaktion/dokumente/neu/", documents.document_upload, name="document_upload"),
    path("ansprechpersonen/", contacts.contact_search, name="contacts"),
    path("ansprechpersonen/orte.json", contacts.contact_places, name="contact_places"),
    path("ansprechpersonen/tabelle/", contacts.contact_table, name="contact_table"),
    path("ansprechpersonen/liste.pdf", contacts.contact_pdf, name="contact_pdf"),
    path("veranstaltungen/", events.event_list, name="events"),
    path("veranstaltungen/archiv/", events.event_archive, name="event_archive"),
    path("veranstaltungen/<int:pk>/", events.event_detail, name="event_detail"),
    path("veranstaltungen.ics", events.event_calendar, name="event_calendar"),
    path("veranstaltungen/unterlage/<int:pk>/", events.event_file_download, name="event_file"),
    path("redaktion/veranstaltungen/neu/", events.event_create, name="event_create"),
    path(
        "redaktion/veranstaltungen/<int:pk>/unterlage/",
        events.event_file_upload,
        name="event_file_upload",
    ),
    path("hinweise/", notices.notice_list, name="notices"),
    path("redaktion/hinweise/", notices.notice_manage, name="notice_manage"),
    path(
        "redaktion/hinweise/<int:pk>/veroeffentlichen/",
        notices.notice_publish,
        name="notice_publish",
    ),
    path(
        "redaktion/hinweise/<int:pk>/zurueckziehen/",
        notices.notice_unpublish,
        name="notice_unpublish",
    ),
    path("zahlen/", figures.figure_table, name="figures"),
    path("zahlen/csv/", figures.figure_csv, name="figures_csv"),
    path("zahlen/json/", figures.figure_json, name="figures_json"),
]
