"""One list of the registers of every company a person belongs to: for a lawyer or consultant
who keeps the records of processing of several clients. Only the person's own memberships are
read; nothing of any other company."""

from dataclasses import dataclass

from django.shortcuts import render
from django.utils.translation import get_language

from registers.build import Register, build
from tenants.models import Membership


@dataclass(frozen=True)
class Client:
    membership: Membership
    register: Register


def index(request):
    language = "en" if get_language() == "en" else "lv"
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("tenant")
        .order_by("tenant__legal_name")
    )
    clients = [Client(m, build(m.tenant, language)) for m in memberships]
    return render(request, "registers/clients.html", {"clients": clients})
