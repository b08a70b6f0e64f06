"""User text made safe to show: what is escaped, how, and how a quote is cut."""

from __future__ import annotations

from interview_signals import text


def test_undecodable_bytes_show_as_the_byte_itself():
    # surrogateescape maps the bytes 0x80..0xff to U+DC80..U+DCFF: both ends of the range
    assert text.printable("a\udc80b\udcffc") == "a\\x80b\\xffc"
    assert text.escape("\udcfe") == "\\xfe"


def test_other_lone_surrogates_show_as_unicode_escapes():
    assert text.is_unsafe("\udc7f") and text.is_unsafe("\ud800")
    assert text.printable("\udc7f\ud800") == "\\udc7f\\ud800"


def test_controls_and_bidi_overrides_are_unsafe_and_letters_are_not():
    assert all(text.is_unsafe(ch) for ch in "\x1b\x07\x7f\x9b\u202e\u2066\u061c")
    assert not any(text.is_unsafe(ch) for ch in "aé株 ✓…")
    assert text.printable("x\x1b[2Jy\u202ez") == "x\\x1b[2Jy\\u202ez"


def test_newlines_can_be_kept():
    assert text.printable("a\nb\tc", keep_newlines=True) == "a\nb\\tc"
    assert text.printable("a\nb") == "a\\nb"


def test_clip_keeps_text_of_exactly_the_limit_and_cuts_longer_with_an_ellipsis():
    assert text.clip("x" * 80) == "x" * 80
    assert text.clip("x" * 81) == "x" * 79 + "…"
    assert text.clip("abcdef", 4) == "abc…"
    assert text.clip("a\n  b\x1b", 10) == "a b\\x1b"


def test_did_you_mean_offers_the_nearest_choice_in_its_own_case():
    assert text.did_you_mean(" OFERR ", ("offer", "rejected")) == " (did you mean 'offer'?)"
    assert text.did_you_mean("pending", ("Pending",)) == " (did you mean 'Pending'?)"
    assert text.did_you_mean("xyz", ("offer", "rejected")) == ""


def test_known_is_stripped_text_or_none():
    assert text.known("  Acme ") == "Acme"
    assert text.known("   ") is None and text.known(None) is None and text.known(3) is None


def test_a_count_is_singular_only_for_one():
    from interview_signals.text import counted

    assert [counted(n, "day") for n in (0, 1, 2)] == ["0 days", "1 day", "2 days"]


def test_printable_all_escapes_every_string_in_a_document_keys_too():
    doc = {"summary": "ok\x1b]52;c;aGk=\x07", "signals": [{"id": "\u202e", "n": 3}], ("k\x9b"): ("a\nb", None)}
    assert text.printable_all(doc) == {
        "summary": "ok\\x1b]52;c;aGk=\\x07",
        "signals": [{"id": "\\u202e", "n": 3}],
        "k\\x9b": ("a\nb", None),  # a line break is kept: the layout wraps there
    }
    assert doc["summary"] == "ok\x1b]52;c;aGk=\x07"  # the document itself is left as it was


def test_printable_all_copies_nothing_that_needs_no_escape():
    rows = [{"company": "Acme", "score": 70, "note": "two\nlines"} for _ in range(3)]
    assert text.printable_all(rows) is rows
    lazy = text.printable_all(iter(["\x1b", "fine"]))
    assert not isinstance(lazy, list) and list(lazy) == ["\\x1b", "fine"]
