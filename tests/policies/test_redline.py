from policies.redline import compare


def text(*sections):
    return {
        "sections": [
            {"key": key, "title": key.title(), "blocks": [{"kind": "p", "items": list(items)}]}
            for key, items in sections
        ]
    }


def test_changed_words_inside_a_paragraph():
    [section] = compare(
        text(("retention", ["Pasūtījumi: 5 gadi"])), text(("retention", ["Pasūtījumi: 7 gadi"]))
    )
    assert section.status == "changed"
    [line] = section.lines
    assert [(p.kind, p.text) for p in line.pieces] == [
        ("same", "Pasūtījumi: "),
        ("del", "5"),
        ("ins", "7"),
        ("same", " gadi"),
    ]


def test_added_and_removed_sections_and_items():
    diff = compare(text(("a", ["x"]), ("old", ["gone"])), text(("a", ["x", "y"]), ("new", ["z"])))
    status = {s.key: s.status for s in diff}
    assert status == {"a": "changed", "new": "added", "old": "removed"}
    a = diff[0]
    assert [line.kind for line in a.lines] == ["same", "added"]


def test_identical_texts_have_no_changes():
    same = text(("a", ["x", "y"]))
    assert [s.status for s in compare(same, same)] == ["same"]


def test_a_mostly_rewritten_line_is_struck_out_whole():
    [section] = compare(
        text(("r", ["Mailchimp (The Rocket Science Group LLC, ASV)"])),
        text(("r", ["Brevo (Sendinblue SAS, Francija)"])),
    )
    [line] = section.lines
    assert [(p.kind, p.text) for p in line.pieces] == [
        ("del", "Mailchimp (The Rocket Science Group LLC, ASV)"),
        ("ins", "Brevo (Sendinblue SAS, Francija)"),
    ]
