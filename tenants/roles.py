"""Roles in a company and what each may do: the single table every permission check reads."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    OWNER = "owner", _("Owner")
    EDITOR = "editor", _("Editor")
    REVIEWER = "reviewer", _("Reviewer")
    VIEWER = "viewer", _("Viewer")


class Perm(StrEnum):
    VIEW = "view"  # read the company's documents, drafts and members
    EDIT = "edit"  # fill the wizard, edit drafts, send for review
    REVIEW = "review"  # comment, approve or request changes, override wording
    PUBLISH = "publish"  # publish a new version
    MANAGE = "manage"  # company settings, invitations, roles, removal of members


ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.OWNER: frozenset(Perm),
    Role.EDITOR: frozenset({Perm.VIEW, Perm.EDIT}),
    Role.REVIEWER: frozenset({Perm.VIEW, Perm.REVIEW}),
    Role.VIEWER: frozenset({Perm.VIEW}),
}

ROLE_HELP = {
    Role.OWNER: _("Everything, including publishing, company settings and members."),
    Role.EDITOR: _("Fills in the wizard, edits drafts and sends them for review."),
    Role.REVIEWER: _("Reads drafts, comments on them, approves them or requests changes."),
    Role.VIEWER: _("Reads the company's documents."),
}


def role_can(role: str, perm: Perm) -> bool:
    return perm in ROLE_PERMS.get(role, frozenset())
