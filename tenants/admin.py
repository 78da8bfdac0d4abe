from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from policies.models import PolicyVersion
from tenants.models import Invitation, Membership, Tenant


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, with a 404 for an address whose ids are not ids (it looks them
    up unchecked and answers 500)."""

    def _check_ids(self, *ids):
        for value in ids:
            try:
                self.model._meta.pk.to_python(unquote(value))
            except ValidationError as exc:
                raise Http404 from exc

    def history_view(self, request, object_id, extra_context=None):
        self._check_ids(object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._check_ids(object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Tenant)
class TenantAdmin(HistoryAdmin):
    list_display = ["legal_name", "slug", "country", "created_at"]
    search_fields = ["legal_name", "slug"]
    inlines = [MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        # Links to published policies contain the slug: it is set once.
        return ["slug"] if obj else []

    def has_delete_permission(self, request, obj=None):
        # A company that has published is removed by `manage.py offboard_company`, which lifts
        # the versions' append-only protection for it alone and deletes its history too.
        if obj is not None and PolicyVersion.objects.filter(tenant=obj).exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)  # one company at a time, checked as above
        return actions


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "tenant", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "tenant__legal_name"]
    raw_id_fields = ["user", "tenant"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "tenant", "role", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token_hash"]
    raw_id_fields = ["tenant", "invited_by", "accepted_by"]
