from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tenants.models import Invitation, Membership, Tenant


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Tenant)
class TenantAdmin(SimpleHistoryAdmin):
    list_display = ["legal_name", "slug", "country", "created_at"]
    search_fields = ["legal_name", "slug"]
    inlines = [MembershipInline]

    def get_readonly_fields(self, request, obj=None):
        # Links to published policies contain the slug: it is set once.
        return ["slug"] if obj else []


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "tenant", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "tenant__legal_name"]
    raw_id_fields = ["user", "tenant"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "tenant", "role", "created_at", "expires_at", "accepted_at"]
    readonly_fields = ["token_hash"]
    raw_id_fields = ["tenant", "invited_by", "accepted_by"]
