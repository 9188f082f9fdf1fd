"""The condition language of conditional injects: parsing, errors, evaluation."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exercise.model import ConditionSyntaxError, parse_condition
from exercise.model.condition import (
    MAX_DEPTH,
    MAX_LENGTH,
    All,
    Any_,
    Compare,
    Not,
    walk,
)
from exercise.model.condition import (
    Test as Leaf,
)


def d(name: str) -> Leaf:
    return Leaf("delivered", (name,))


@dataclass
class FakeState:
    """A session in which some things happened."""

    delivered_: set[str] = field(default_factory=set)
    decided_: set[str] = field(default_factory=set)
    missed_: set[str] = field(default_factory=set)
    chosen_: set[tuple[str, str]] = field(default_factory=set)
    phases: set[str] = field(default_factory=set)
    measures: set[str] = field(default_factory=set)
    indicators: dict[str, float] = field(default_factory=dict)

    def delivered(self, inject: str) -> bool:
        return inject in self.delivered_

    def decided(self, inject: str) -> bool:
        return inject in self.decided_

    def missed(self, inject: str) -> bool:
        return inject in self.missed_

    def chosen(self, inject: str, option: str) -> bool:
        return (inject, option) in self.chosen_

    def in_phase(self, phase: str) -> bool:
        return phase in self.phases

    def measure_taken(self, measure: str) -> bool:
        return measure in self.measures

    def indicator(self, indicator: str) -> float:
        return self.indicators[indicator]


# --- structure ---------------------------------------------------------------------------


def test_and_binds_tighter_than_or() -> None:
    assert parse_condition("delivered(a) or delivered(b) and delivered(c)") == Any_(
        (d("a"), All((d("b"), d("c"))))
    )
    assert parse_condition("delivered(a) and delivered(b) or delivered(c)") == Any_(
        (All((d("a"), d("b"))), d("c"))
    )


def test_not_binds_tightest() -> None:
    assert parse_condition("not delivered(a) and delivered(b)") == All((Not(d("a")), d("b")))
    assert parse_condition("not not delivered(a)") == Not(Not(d("a")))


def test_parentheses_group() -> None:
    assert parse_condition("(delivered(a) or delivered(b)) and delivered(c)") == All(
        (Any_((d("a"), d("b"))), d("c"))
    )
    assert parse_condition("not (delivered(a) or delivered(b))") == Not(Any_((d("a"), d("b"))))
    assert parse_condition("((delivered(a)))") == d("a")


def test_chains_are_flat() -> None:
    assert parse_condition("delivered(a) or delivered(b) or delivered(c)") == Any_(
        (d("a"), d("b"), d("c"))
    )


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("delivered(cable-cut)", Leaf("delivered", ("cable-cut",))),
        ("decided(x)", Leaf("decided", ("x",))),
        ("missed(x)", Leaf("missed", ("x",))),
        ("chosen(deepfake-pm, rebut)", Leaf("chosen", ("deepfake-pm", "rebut"))),
        ("chosen(x,opt_2)", Leaf("chosen", ("x", "opt_2"))),
        ("phase(pre-conflict)", Leaf("phase", ("pre-conflict",))),
        ("measure(activate-lcp-md)", Leaf("measure", ("activate-lcp-md",))),
        ("indicator(energy) < 40", Compare("energy", "<", 40)),
        ("indicator(energy)<=40", Compare("energy", "<=", 40)),
        ("indicator(energy) > 40.5", Compare("energy", ">", 40.5)),
        ("indicator(energy) >= -5", Compare("energy", ">=", -5)),
        ("indicator(energy) == 0", Compare("energy", "==", 0)),
        ("indicator(energy) != 100", Compare("energy", "!=", 100)),
        ("  delivered(a)  ", Leaf("delivered", ("a",))),
    ],
)
def test_every_test_function_and_comparison(text: str, node: object) -> None:
    assert parse_condition(text) == node


def test_walk_yields_every_leaf_in_order() -> None:
    tree = parse_condition("not (delivered(a) or indicator(e) < 3) and chosen(b, o)")
    assert list(walk(tree)) == [d("a"), Compare("e", "<", 3), Leaf("chosen", ("b", "o"))]


# --- evaluation --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("delivered(a)", True),
        ("delivered(b)", False),
        ("decided(a)", True),
        ("missed(a)", False),
        ("missed(c)", True),
        ("chosen(a, rebut)", True),
        ("chosen(a, monitor)", False),
        ("phase(hybrid)", True),
        ("phase(war)", False),
        ("measure(lcp)", True),
        ("measure(other)", False),
        ("indicator(trust) < 40", True),
        ("indicator(trust) < 30", False),
        ("indicator(trust) <= 30", True),
        ("indicator(trust) > 30", False),
        ("indicator(trust) >= 30", True),
        ("indicator(trust) == 30", True),
        ("indicator(trust) != 30", False),
        ("not delivered(b)", True),
        ("delivered(b) or delivered(a) and decided(a)", True),
        ("(delivered(b) or delivered(a)) and missed(a)", False),
        ("missed(c) or chosen(a, monitor)", True),
        ("delivered(b) and delivered(a) or delivered(b)", False),
    ],
)
def test_evaluate_against_a_state(text: str, expected: bool) -> None:
    state = FakeState(
        delivered_={"a", "c"},
        decided_={"a"},
        missed_={"c"},
        chosen_={("a", "rebut")},
        phases={"hybrid"},
        measures={"lcp"},
        indicators={"trust": 30},
    )
    assert parse_condition(text).evaluate(state) is expected


# --- errors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "column", "words"),
    [
        ("delivered(a) and", len("delivered(a) and") + 1, "end of the condition"),
        ("delivered(a) or", len("delivered(a) or") + 1, "end of the condition"),
        ("chosen(a)", 1, "takes 2 arguments, got 1"),
        ("delivered(a, b)", 1, "takes 1 argument, got 2"),
        ("delivered(a) and chosen(a)", len("delivered(a) and ") + 1, "chosen() takes 2"),
        ("foo(x)", 1, "unknown test 'foo'"),
        ("delivered(a) or foo(x)", len("delivered(a) or ") + 1, "unknown test 'foo'"),
        ("(delivered(a)", len("(delivered(a)") + 1, "expected ')'"),
        ("delivered(a))", len("delivered(a))"), "found ')'"),
        ("delivered(a", len("delivered(a") + 1, "expected ')'"),
        ("delivered(a) < 3", len("delivered(a) ") + 1, "only indicator() can be compared"),
        ("indicator(e)", len("indicator(e)") + 1, "comparison"),
        ("indicator(e) < high", len("indicator(e) < ") + 1, "a number"),
        ("indicator(e) < 5m", len("indicator(e) < ") + 1, "a number"),
        ("delivered(a) & delivered(b)", len("delivered(a) ") + 1, "unexpected character '&'"),
        ("delivered(a) delivered(b)", len("delivered(a) ") + 1, "'and', 'or'"),
        ("delivered()", len("delivered(") + 1, "a name"),
        ("and delivered(a)", 1, "a test"),
        ("", 1, "empty"),
        ("   ", 1, "empty"),
    ],
)
def test_syntax_errors_point_at_the_column(text: str, column: int, words: str) -> None:
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(text)
    assert info.value.column == column
    assert words in info.value.reason
    assert str(info.value).startswith(f"column {column}: ")


def test_syntax_error_is_a_value_error() -> None:
    # pydantic turns a ValueError into a located problem; anything else would be a crash
    with pytest.raises(ValueError):
        parse_condition("foo(x)")


def test_overlong_condition_refused() -> None:
    text = " or ".join(["delivered(a)"] * 400)
    assert len(text) > MAX_LENGTH
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(text)
    assert str(MAX_LENGTH) in info.value.reason


@pytest.mark.parametrize(
    "text",
    [
        "not " * (MAX_DEPTH + 5) + "delivered(a)",
        "(" * (MAX_DEPTH + 5) + "delivered(a)" + ")" * (MAX_DEPTH + 5),
        "(" * 600,
    ],
)
def test_deep_nesting_refused(text: str) -> None:
    with pytest.raises(ConditionSyntaxError) as info:
        parse_condition(text)
    assert "deep" in info.value.reason


def test_moderate_nesting_accepted() -> None:
    depth = MAX_DEPTH // 2
    text = "(" * depth + "delivered(a)" + ")" * depth
    assert parse_condition(text) == d("a")


# --- printing ----------------------------------------------------------------------------

names = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True).filter(
    lambda n: n not in ("and", "or", "not")
)
leaves = st.one_of(
    st.builds(lambda n: Leaf("delivered", (n,)), names),
    st.builds(lambda n: Leaf("missed", (n,)), names),
    st.builds(lambda n, o: Leaf("chosen", (n, o)), names, names),
    st.builds(
        Compare,
        names,
        st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
        st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda v: round(v, 3)),
    ),
)
trees = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.builds(Not, inner),
        st.lists(inner, min_size=2, max_size=3).map(lambda items: All(tuple(items))),
        st.lists(inner, min_size=2, max_size=3).map(lambda items: Any_(tuple(items))),
    ),
    max_leaves=8,
)


def _normal(node: object) -> object:
    """Flatten nested and/or of the same kind: `a and (b and c)` means `a and b and c`."""
    if isinstance(node, Not):
        return Not(_normal(node.item))  # type: ignore[arg-type]
    if isinstance(node, All | Any_):
        kind = type(node)
        items: list[object] = []
        for item in map(_normal, node.items):
            items += item.items if isinstance(item, kind) else [item]  # type: ignore[union-attr]
        return kind(tuple(items))  # type: ignore[arg-type]
    return node


@given(trees)
def test_printed_condition_parses_back_to_the_same_tree(tree: object) -> None:
    assert _normal(parse_condition(str(tree))) == _normal(tree)


def test_large_and_precise_numbers_print_in_full() -> None:
    for value in (1234567.0, 40.123456789, 1e15, 0.000125):
        text = str(Compare("x", "<", value))
        assert parse_condition(text) == Compare("x", "<", value)
