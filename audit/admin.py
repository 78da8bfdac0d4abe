from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, in the admin as in the database."""

    list_display = ["created_at", "action", "tenant_id", "actor_name", "ip_address", "request_id"]
    list_filter = ["action"]
    search_fields = ["actor_name", "request_id", "object_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
