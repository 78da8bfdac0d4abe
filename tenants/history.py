"""Role changes of a company's members, in words, from django-simple-history records."""

from dataclasses import dataclass
from datetime import datetime

from accounts.models import User
from tenants.models import Membership, Tenant
from tenants.roles import Role


@dataclass(frozen=True)
class RoleChange:
    when: datetime
    actor: str
    member: str
    kind: str  # "added", "changed" or "removed"
    old_role: str | None
    new_role: str | None


def role_changes(tenant: Tenant, limit: int = 50) -> list[RoleChange]:
    """The company's newest membership changes, newest first (one query)."""
    records = list(
        Membership.history.filter(tenant_id=tenant.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")[: limit + 1]
    )
    names = _member_names(records)
    changes = []
    # Walk oldest to newest so each record is compared with the one before it.
    last_role: dict[int, str] = {}
    for record in reversed(records):
        previous = last_role.get(record.id)
        last_role[record.id] = record.role
        if record.history_type == "~" and previous is None:
            continue  # the record before it fell outside the window
        kind = {"+": "added", "~": "changed", "-": "removed"}[record.history_type]
        if kind == "changed" and previous == record.role:
            continue
        changes.append(
            RoleChange(
                when=record.history_date,
                actor=str(record.history_user) if record.history_user else "",
                member=names.get(record.user_id, ""),
                kind=kind,
                old_role=Role(previous).label if previous else None,
                new_role=Role(record.role).label,
            )
        )
    changes.reverse()
    return changes[:limit]


def _member_names(records) -> dict[int, str]:
    ids = {r.user_id for r in records}
    return {u.pk: str(u) for u in User.objects.filter(pk__in=ids).only("full_name", "email")}
