from django.contrib.sitemaps.views import sitemap
from django.urls import path

from pik.funding.selectors import public_data_stamp
from pik.portal.cache import cached_for_visitors
from pik.portal.sitemaps import SITEMAPS
from pik.portal.views import content, editor, public

app_name = "portal"
urlpatterns = [
    path("", public.home, name="home"),
    path("programme/<slug:code>/", public.programme_detail, name="programme"),
    path("impressum/", public.legal, {"page": "impressum"}, name="impressum"),
    path("datenschutz/", public.legal, {"page": "datenschutz"}, name="datenschutz"),
    path("barrierefreiheit/", public.legal, {"page": "barrierefreiheit"}, name="barrierefreiheit"),
    path("seiten/<path:path>/", content.page_detail, name="page"),
    path("faq/", content.faq_list, name="faq"),
    path("faq/<slug:slug>/", content.faq_entry, name="faq_entry"),
    path("suche/", content.search, name="search"),
    path(
        "sitemap.xml",
        cached_for_visitors(sitemap, depends_on=public_data_stamp),
        {"sitemaps": SITEMAPS, "template_name": "portal/sitemap.xml"},
        name="sitemap",
    ),
    path("redaktion/", editor.editor_home, name="editor_home"),
    path("redaktion/seiten/neu/", editor.page_create, name="page_create"),
    path("redaktion/seiten/<int:pk>/", editor.page_edit, name="page_edit"),
    path("redaktion/seiten/<int:pk>/versionen/", editor.page_history, name="page_history"),
    path(
        "redaktion/seiten/<int:pk>/versionen/<int:number>/wiederherstellen/",
        editor.page_restore,
        name="page_restore",
    ),
    path("redaktion/faq/neu/", editor.faq_create, name="faq_create"),
    path("redaktion/faq/<int:pk>/", editor.faq_edit, name="faq_edit"),
]
