from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from registers import clients
from tenants import views as tenant_views

urlpatterns = [
    path("", tenant_views.home, name="home"),
    path("companies/", tenant_views.companies, name="companies"),
    path("registers/", clients.index, name="registers"),
    path("accounts/", include("accounts.urls")),
    path("t/<slug:tenant_slug>/", include("tenants.urls")),
    path("t/<slug:tenant_slug>/documents/", include("policies.urls")),
    path("p/<slug:tenant_slug>/", include("policies.public.urls")),
    # The language switcher works before log-in too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

handler500 = "policyhub.views.server_error"
