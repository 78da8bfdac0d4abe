from policies.models.controller import ControllerAnswers
from policies.models.cookies import Cookie, CookieAnswers
from policies.models.data import DataCategory, Purpose
from policies.models.documents import (
    Document,
    ReviewNote,
    ReviewStatus,
    StepRevision,
    WordingOverride,
)
from policies.models.final import FinalAnswers
from policies.models.recipients import Recipient, RecipientsAnswers
from policies.models.retention import RetentionRule
from policies.models.rights import RightsAnswers
from policies.models.scope import ScopeAnswers, Service
from policies.models.security import SecurityAnswers
from policies.models.transfers import TransferAnswers
from policies.models.versions import Erasure, PolicyVersion, VersionDiff, VersionRendering

__all__ = [
    "ControllerAnswers",
    "Cookie",
    "CookieAnswers",
    "DataCategory",
    "Document",
    "Erasure",
    "FinalAnswers",
    "PolicyVersion",
    "Purpose",
    "Recipient",
    "ReviewNote",
    "ReviewStatus",
    "RecipientsAnswers",
    "RetentionRule",
    "RightsAnswers",
    "ScopeAnswers",
    "SecurityAnswers",
    "Service",
    "StepRevision",
    "TransferAnswers",
    "VersionDiff",
    "VersionRendering",
    "WordingOverride",
]
