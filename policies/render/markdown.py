"""A policy as Markdown: for reading a draft outside the app, and for the examples in docs/."""

from policies.render.document import Policy


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(policy: Policy) -> str:
    lines = [f"# {policy.title}", ""]
    for paragraph in policy.intro:
        lines += [paragraph, ""]
    for section in policy.sections:
        lines += [f'<a id="{section.key}"></a>', "", f"## {section.number}. {section.title}", ""]
        for block in section.blocks:
            if block.kind == "ul":
                links = list(block.links) + [""] * len(block.items)
                for item, link in zip(block.items, links, strict=False):
                    lines.append(f"- [{item}](#{link})" if link else f"- {item}")
            elif block.kind == "table":
                lines.append("| " + " | ".join(_cell(h) for h in block.head) + " |")
                lines.append("|" + " --- |" * len(block.head))
                lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.items]
            else:
                for item in block.items:
                    lines += [item, ""]
                continue
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
