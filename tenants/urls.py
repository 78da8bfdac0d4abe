from django.urls import path

from registers import views as registers
from tenants import views

app_name = "company"

# /t/<tenant_slug>/...  Every view here is wrapped in tenants.access.company_view.
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("members/", views.members, name="members"),
    path("members/invite/", views.member_invite, name="member_invite"),
    path("members/<uuid:code>/role/", views.member_role, name="member_role"),
    path("members/<uuid:code>/remove/", views.member_remove, name="member_remove"),
    path("invitations/<uuid:code>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("settings/", views.company_settings, name="settings"),
    path("register/", registers.register, name="register"),
    path("register/<str:language>.xlsx", registers.register_xlsx, name="register_xlsx"),
    path("register/<str:language>.pdf", registers.register_pdf, name="register_pdf"),
    path("register/reviewed/", registers.register_reviewed, name="register_reviewed"),
]
