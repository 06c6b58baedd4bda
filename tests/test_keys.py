"""Metric keys: phrasings of one statistic give one key, on phrases written for the test."""

import pytest

from checker.keys import metric_key, same_metric, without_scope_words


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("跻身全国百强县", "全国百强县"),  # a verb of ranking is not what is ranked
        ("接待国内外游客", "接待游客"),  # all visitors, wherever from
        ("全体居民人均可支配收入", "居民人均可支配收入"),
        ("海内外游客", "游客"),
        ("地区生产总值经最终核实", "地区生产总值"),  # the figure's status, not what it measures
    ],
)
def test_words_that_do_not_change_the_quantity_leave_the_key(first, second):
    assert metric_key(first) == metric_key(second)


def test_scope_words_are_dropped_from_the_text_of_a_metric():
    assert without_scope_words("农村居民人均可支配收入") == without_scope_words("城镇居民人均可支配收入")
    assert "农村" not in without_scope_words("农村居民人均可支配收入")


def test_different_heads_are_different_quantities():
    assert not same_metric(metric_key("工业总产值"), metric_key("工业增加值"))
