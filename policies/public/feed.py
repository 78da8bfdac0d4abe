"""An Atom feed of a document's published versions, with their change summaries."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.translation import gettext, override

from policies.models import PolicyVersion
from policies.public.views import public_cache_headers, public_page
from policies.render.lv import TITLES


class VersionsFeed(Feed):
    feed_type = Atom1Feed
    language = "lv"

    def get_object(self, request, tenant_slug, doc_slug):
        versions = list(
            PolicyVersion.objects.filter(tenant__slug=tenant_slug, document__slug=doc_slug)
            .published()  # those that took effect: neither upcoming nor withdrawn
            .select_related("document", "document__tenant")
            .defer("answers", "texts")
            .order_by("-number")
        )
        if not versions:
            raise Http404
        return versions

    def title(self, versions):
        document = versions[0].document
        return f"{document.tenant.legal_name}: {TITLES[document.title_variant]}"

    def link(self, versions):
        document = versions[0].document
        return reverse("public:policy", args=[document.tenant.slug, document.slug])

    def subtitle(self, versions):
        return gettext("Published versions and what changed in each")

    def items(self, versions):
        return versions

    def item_title(self, version):
        return gettext("Version %(n)s, in force from %(date)s") % {
            "n": version.number,
            "date": date_format(version.effective_date, "SHORT_DATE_FORMAT"),
        }

    def item_description(self, version):
        # Atom readers show a summary as HTML; its lines carry names people typed.
        return escape("\n".join(version.change_summary.get("lv", [])))

    def item_link(self, version):
        document = version.document
        return reverse("public:version", args=[document.tenant.slug, document.slug, version.number])

    def item_pubdate(self, version):
        return version.published_at

    def item_updateddate(self, version):
        return version.published_at


@public_page
def versions_feed(request, tenant_slug, doc_slug):
    """The feed speaks the policy's first language, Latvian, whatever the visitor chose."""
    with override("lv"):
        response = VersionsFeed()(request, tenant_slug=tenant_slug, doc_slug=doc_slug)
    public_cache_headers(response)  # as the pages it lists
    return response
