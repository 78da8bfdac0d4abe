"""The policy text, written from the answers: Latvian first (policies.render.lv), English too
(policies.render.en). Public pages and PDFs later read a stored rendering, never this live."""

from policies.render.document import Block, Policy, Section, render

__all__ = ["Block", "Policy", "Section", "render"]
