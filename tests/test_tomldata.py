"""The checks shared by the data files: each names the file and the field, and says what it must be."""

from __future__ import annotations

import pytest

from interview_signals.errors import CatalogError
from interview_signals.tomldata import DataFile, join

DRAFTS = DataFile("drafts.toml")


def message(check, *args, **kwargs) -> str:
    with pytest.raises(CatalogError) as err:
        check(*args, **kwargs)
    return str(err.value)


def test_messages_name_the_file_and_the_field():
    assert DataFile("catalog.toml").name == "catalog.toml"
    assert message(DataFile("catalog.toml").require, False, "version", "1") == "data/catalog.toml: version must be 1"
    assert message(DRAFTS.text, {}, "subject", "kinds[0]") == "data/drafts.toml: kinds[0].subject must be non-empty text"
    assert message(DRAFTS.text, {"id": "  "}, "id", "") == "data/drafts.toml: id must be non-empty text"
    assert join("", "id") == "id" and join("a.b", "id") == "a.b.id"


def test_invalid_toml_names_the_file():
    assert message(DRAFTS.parse, "x = ").startswith("data/drafts.toml: not valid TOML: ")


def test_whole_numbers_say_their_range():
    assert DRAFTS.whole({"n": 0}, "n", "t", 0, 100) == 0
    assert DRAFTS.whole({"n": 100}, "n", "t", 0, 100) == 100
    assert message(DRAFTS.whole, {"n": 101}, "n", "t", 0, 100) == "data/drafts.toml: t.n must be a whole number from 0 to 100"
    assert message(DRAFTS.whole, {"n": 0}, "n", "t", 1) == "data/drafts.toml: t.n must be a positive whole number"
    assert message(DRAFTS.whole, {"n": -1}, "n", "t", 0) == "data/drafts.toml: t.n must be a whole number of at least 0"
    assert DRAFTS.whole({"n": 10**9}, "n", "t", 0) == 10**9  # no upper bound unless given
    for bad in (True, 1.5, "1", None):
        assert "must be" in message(DRAFTS.whole, {"n": bad}, "n", "t", 0)


def test_fractions_run_from_0_to_1_inclusive():
    assert DRAFTS.fraction({"f": 0}, "f", "t") == 0.0
    assert DRAFTS.fraction({"f": 1}, "f", "t") == 1.0
    assert isinstance(DRAFTS.fraction({"f": 1}, "f", "t"), float)
    for bad in (1.01, -0.1, True, "0.5"):
        assert message(DRAFTS.fraction, {"f": bad}, "f", "t") == "data/drafts.toml: t.f must be a number from 0 to 1"


def test_a_table_must_be_a_table():
    assert DRAFTS.table({"t": {"a": 1}}, "t", "") == {"a": 1}
    assert message(DRAFTS.table, {"t": [1]}, "t", "x") == "data/drafts.toml: x.t must be a table"


def test_lists_of_tables_are_non_empty_unless_allowed_empty():
    assert DRAFTS.tables({"k": [{"a": 1}]}, "k", "") == [{"a": 1}]
    assert message(DRAFTS.tables, {}, "k", "w") == "data/drafts.toml: w.k must be a non-empty list of tables"
    assert message(DRAFTS.tables, {"k": []}, "k", "w") == "data/drafts.toml: w.k must be a non-empty list of tables"
    assert message(DRAFTS.tables, {"k": [{"a": 1}, 2]}, "k", "w") == "data/drafts.toml: w.k must be a non-empty list of tables"
    assert DRAFTS.tables({}, "k", "w", empty=True) == []
    assert DRAFTS.tables({"k": []}, "k", "w", empty=True) == []
    assert message(DRAFTS.tables, {"k": [3]}, "k", "w", empty=True) == "data/drafts.toml: w.k must be a list of tables"
    assert message(DRAFTS.tables, {"k": {"a": 1}}, "k", "w", empty=True) == "data/drafts.toml: w.k must be a list of tables"


def test_unique_lists_every_repeated_value_once_sorted():
    DRAFTS.unique(["a", "b"], "ids")
    assert message(DRAFTS.unique, ["b", "a", "b", "a", "c"], "ids") == "data/drafts.toml: ids must be unique (repeated: a, b)"


def test_lists_of_text_are_non_empty_and_hold_only_non_empty_text():
    assert DRAFTS.texts({"q": ["When?", "Who?"]}, "q", "s") == ("When?", "Who?")
    for bad in ([], [""], ["When?", " "], ["When?", 3], "When?", None, [["When?"]]):
        assert message(DRAFTS.texts, {"q": bad}, "q", "s") == "data/drafts.toml: s.q must be a non-empty list of non-empty text"
    assert message(DRAFTS.texts, {}, "q", "s") == "data/drafts.toml: s.q must be a non-empty list of non-empty text"
