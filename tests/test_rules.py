"""Rule tables: every shipped table fits its schema; a table with a mistake fails with one line
that names the file, the section and the key.

The broken tables are the shipped text with one edit, checked by tables.parse, the function
load_toml reads every table with.
"""

from importlib import resources

import pytest

from checker import tables
from checker.tables import RuleTableError, parse, validate

QUALIFIERS = "exact, approx, lower_bound, upper_bound, range, estimate, cumulative"


def edited(name: str, old: str, new: str) -> str:
    """The shipped text of checker/data/<name> with its first old replaced by new."""
    text = tables.read_text(name)
    assert old in text, f"{name} no longer holds {old!r}: pick another edit for this test"
    return text.replace(old, new, 1)


def error_of(name: str, text: str) -> str:
    with pytest.raises(RuleTableError) as info:
        parse(name, text)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"checker/data/{name}: ")
    return message.removeprefix(f"checker/data/{name}: ")


def test_every_shipped_table_has_a_schema_and_fits_it():
    shipped = sorted(entry.name for entry in resources.files("checker.data").iterdir() if entry.name.endswith(".toml"))
    assert shipped == sorted(tables.SCHEMAS)
    for name in shipped:
        assert parse(name, tables.read_text(name))


@pytest.mark.parametrize(
    "name, old, new, problem",
    [
        # a misspelt section, a misspelt key
        ("qualifiers.toml", "[cumulative]", "[cumulativ]",
         "[cumulativ]: unknown (expected one of prefix, suffix, not_markers, comparative, bounds, signs, estimate, future, cumulative, precedence)"),
        ("passages.toml", "min_shared =", "min_share =",
         "[ngrams] 'min_share': unknown (expected one of size, max_doc_share, min_max_docs, min_shared, max_repeats)"),
        ("units.toml", "factor = 10000", "facter = 10000",
         "[units] '万平方米' 'facter': unknown (expected one of base, dimension, kind, factor)"),
        # a wrong value type
        ("passages.toml", "size = 5 ", "size = 5.5 ", "[ngrams] 'size': 5.5 is not an integer"),
        ("periods.toml", '"去年" = -1', '"去年" = "-1"', "[relative_years] '去年': '-1' is not an integer"),
        ("phrases.toml", '"城乡" = ["城镇", "农村"]', '"城乡" = "城镇农村"', "[pairs] '城乡': '城镇农村' is not a list"),
        # a value outside its choice
        ("qualifiers.toml", '"约" = "approx"', '"约" = "aprox"', f"[prefix] '约': 'aprox' is not one of {QUALIFIERS}"),
        ("units.toml", 'kind = "amount" }', 'kind = "amout" }', "'kind': 'amout' is not one of amount, count, growth"),
        # a missing required key
        ("units.toml", '"元" = { base = "元", dimension = "money", kind = "amount" }', '"元" = { base = "元", dimension = "money" }',
         "[units] '元' 'kind': missing"),
        # values the code cannot use
        ("units.toml", "factor = 10000", "factor = 0", "[units] '万平方米' 'factor': 0 is not a number above 0"),
        ("periods.toml", '"上半年" = [1, 6]', '"上半年" = [1, 13]', "[sub_periods] '上半年': [1, 13] is not 1 <= first <= last <= 12"),
        ("periods.toml", '"上半年" = [1, 6]', '"上半年" = [6, 1]', "[sub_periods] '上半年': [6, 1] is not 1 <= first <= last <= 12"),
        ("periods.toml", '"十四五" = [2021, 2025]', '"十四五" = [2021]', "[plans] '十四五': [2021] is not a pair of integers [first, last]"),
        ("phrases.toml", '"城乡" = ["城镇", "农村"]', '"城乡" = ["城镇"]', "[pairs] '城乡': ['城镇'] is not 2 words"),
        ("qualifiers.toml", '[cumulative]\nwords = [', '[cumulative]\nwords = ["", ', "[cumulative] 'words': item 1, '', is not a non-empty string"),
        ("boilerplate.toml", "[tail]\nmarkers = [", "[tail]\nmarkers = [\n    '(相关',",
         "[tail] 'markers': item 1, '(相关', is not a regular expression: missing ), unterminated subpattern at position 0"),
        ("scopes.toml", '"签约" = ["签约"]', '"签约" = ["签约", "净增"]', "[clause] '签约': '净增' is listed under '新增' too"),
        # checks across sections and files
        ("qualifiers.toml", '"range", ', "", f"[precedence] 'order': range missing (it lists each of {QUALIFIERS} once)"),
        ("qualifiers.toml", '"exact"]', '"exact", "approx"]', "[precedence] 'order': 'approx' unknown or repeated"),
        ("units.toml", '"千米" = { base = "公里", dimension = "length"', '"千米" = { base = "公里", dimension = "lenght"',
         "[units] '千米' 'dimension': 'lenght', but base '公里' is 'length'"),
        ("units.toml", '"大" = "个"', '"大大" = "个"', "[measure_alias] '大大': not in [measure_words] words"),
        ("phrases.toml", '"人" = ["市民"', '"居民" = ["市民"', "[implied_units] '居民': not a unit or measure word of units.toml"),
    ],
)  # fmt: skip
def test_a_mistake_names_the_file_the_key_and_the_problem(name, old, new, problem):
    assert problem in error_of(name, edited(name, old, new))


def test_a_missing_section_is_named():
    text = tables.read_text("qualifiers.toml").split("[precedence]")[0]
    assert error_of("qualifiers.toml", text) == "[precedence]: missing"


def test_a_toml_syntax_error_names_the_file():
    assert "line 1" in error_of("periods.toml", "[plans\n")


def test_a_table_without_a_schema_fails():
    with pytest.raises(RuleTableError, match=r"^checker/data/extra\.toml: no schema in checker/tables\.py$"):
        validate("extra.toml", {})


def test_the_loader_validates(monkeypatch):
    text = edited("qualifiers.toml", '"约" = "approx"', '"约" = "aprox"')
    monkeypatch.setattr(tables, "read_text", lambda name: text)
    with pytest.raises(RuleTableError, match="'约': 'aprox' is not one of"):
        tables.load_toml.__wrapped__("qualifiers.toml")
