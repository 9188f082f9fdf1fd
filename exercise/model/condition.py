"""The condition language of conditional injects, parsed into a tree (never evaluated as code).

    condition := or
    or        := and ("or" and)*
    and       := not ("and" not)*
    not       := "not" not | "(" or ")" | test
    test      := delivered(INJECT) | decided(INJECT) | missed(INJECT)
               | chosen(INJECT, OPTION) | phase(PHASE) | measure(MEASURE)
               | indicator(INDICATOR) OP NUMBER          OP := < <= > >= == !=

Errors carry the 1-based column in the condition text so the loader can point at it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from ..language import nphrase, phrase

# The arity of each test; `indicator` is the only one compared with a number.
FUNCTIONS: dict[str, int] = {
    "delivered": 1,
    "decided": 1,
    "missed": 1,
    "chosen": 2,
    "phase": 1,
    "measure": 1,
    "indicator": 1,
}
COMPARISONS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    ">": operator.gt,
}
MAX_LENGTH = 2000  # a condition longer than this is a mistake, and deep nesting a hazard
MAX_DEPTH = 50


class ConditionSyntaxError(ValueError):
    def __init__(self, message: str, column: int) -> None:
        super().__init__(phrase("column {column}: {problem}", column=str(column), problem=message))
        self.reason = message
        self.column = column


class ConditionState(Protocol):
    """What a condition needs to know about a running session."""

    def delivered(self, inject: str) -> bool: ...
    def decided(self, inject: str) -> bool: ...
    def missed(self, inject: str) -> bool: ...
    def chosen(self, inject: str, option: str) -> bool: ...
    def in_phase(self, phase: str) -> bool: ...
    def measure_taken(self, measure: str) -> bool: ...
    def indicator(self, indicator: str) -> float: ...


@dataclass(frozen=True, slots=True)
class Test:
    func: str
    args: tuple[str, ...]

    def evaluate(self, state: ConditionState) -> bool:
        match self.func:
            case "delivered":
                return state.delivered(self.args[0])
            case "decided":
                return state.decided(self.args[0])
            case "missed":
                return state.missed(self.args[0])
            case "chosen":
                return state.chosen(self.args[0], self.args[1])
            case "phase":
                return state.in_phase(self.args[0])
            case _:
                return state.measure_taken(self.args[0])

    def __str__(self) -> str:
        return f"{self.func}({', '.join(self.args)})"


@dataclass(frozen=True, slots=True)
class Compare:
    indicator: str
    op: str
    value: float

    def evaluate(self, state: ConditionState) -> bool:
        return COMPARISONS[self.op](state.indicator(self.indicator), self.value)

    def __str__(self) -> str:
        return f"indicator({self.indicator}) {self.op} {_number(self.value)}"


def _number(value: float) -> str:
    """A number as the tokenizer reads it back: in full, never in exponent notation."""
    return format(Decimal(repr(value)).normalize(), "f")


@dataclass(frozen=True, slots=True)
class Not:
    item: Node

    def evaluate(self, state: ConditionState) -> bool:
        return not self.item.evaluate(state)

    def __str__(self) -> str:
        return f"not {_wrap(self.item)}"


@dataclass(frozen=True, slots=True)
class All:
    items: tuple[Node, ...]

    def evaluate(self, state: ConditionState) -> bool:
        return all(item.evaluate(state) for item in self.items)

    def __str__(self) -> str:
        return " and ".join(_wrap(item) for item in self.items)


@dataclass(frozen=True, slots=True)
class Any_:
    items: tuple[Node, ...]

    def evaluate(self, state: ConditionState) -> bool:
        return any(item.evaluate(state) for item in self.items)

    def __str__(self) -> str:
        return " or ".join(_wrap(item) for item in self.items)


Node = Test | Compare | Not | All | Any_


def _wrap(node: Node) -> str:
    return f"({node})" if isinstance(node, All | Any_) else str(node)


def walk(node: Node) -> Iterator[Test | Compare]:
    """Every leaf test of a condition, in order."""
    if isinstance(node, Test | Compare):
        yield node
    elif isinstance(node, Not):
        yield from walk(node.item)
    else:
        for item in node.items:
            yield from walk(item)


_TOKEN = re.compile(  # ASCII: a digit is 0-9, never an Arabic-Indic or full-width one
    r"\s*(?:(?P<num>[+-]?\d+(?:\.\d+)?(?![\w.-]))|(?P<name>[A-Za-z0-9_][A-Za-z0-9_.-]*)"
    r"|(?P<op><=|>=|==|!=|<|>)|(?P<punct>[(),]))",
    re.ASCII,
)


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # num, name, op, punct, end
    text: str
    column: int  # 1-based


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while pos < len(text):
        if text[pos:].isspace():
            break
        match = _TOKEN.match(text, pos)
        if match is None or match.lastgroup is None:
            column = pos + 1 + (len(text[pos:]) - len(text[pos:].lstrip()))
            char = text[column - 1]
            code = "" if char.isascii() else f" (U+{ord(char):04X})"
            raise ConditionSyntaxError(
                phrase("unexpected character {char}{code}", char=repr(char), code=code), column
            )
        kind = match.lastgroup
        tokens.append(_Token(kind, match.group(kind), match.start(kind) + 1))
        pos = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.pos]

    def advance(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def fail(self, expected: str) -> ConditionSyntaxError:
        got = (
            phrase("the end of the condition")
            if self.token.kind == "end"
            else repr(self.token.text)
        )
        return ConditionSyntaxError(
            phrase("expected {expected}, found {found}", expected=expected, found=got),
            self.token.column,
        )

    def expect(self, text: str) -> None:
        if self.token.text != text or self.token.kind in ("name", "num"):
            raise self.fail(repr(text))
        self.advance()

    def keyword(self, word: str) -> bool:
        if self.token.kind == "name" and self.token.text == word:
            self.advance()
            return True
        return False

    def parse(self) -> Node:
        node = self.parse_or()
        if self.token.kind != "end":
            raise self.fail(phrase("'and', 'or' or the end of the condition"))
        return node

    def parse_or(self) -> Node:
        items = [self.parse_and()]
        while self.keyword("or"):
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else Any_(tuple(items))

    def parse_and(self) -> Node:
        items = [self.parse_not()]
        while self.keyword("and"):
            items.append(self.parse_not())
        return items[0] if len(items) == 1 else All(tuple(items))

    def parse_not(self) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionSyntaxError(phrase("nested too deeply"), self.token.column)
        try:
            if self.keyword("not"):
                return Not(self.parse_not())
            if self.token.text == "(" and self.token.kind == "punct":
                self.advance()
                node = self.parse_or()
                self.expect(")")
                return node
            return self.parse_test()
        finally:
            self.depth -= 1

    def parse_test(self) -> Node:
        token = self.token
        if token.kind != "name" or token.text in ("and", "or", "not"):
            raise self.fail(
                phrase("a test such as delivered(x), chosen(x, option) or indicator(x) < 40")
            )
        if token.text not in FUNCTIONS:
            names = ", ".join(FUNCTIONS)
            raise ConditionSyntaxError(
                phrase("unknown test {name} (tests: {names})", name=repr(token.text), names=names),
                token.column,
            )
        self.advance()
        self.expect("(")
        args = [self.parse_name()]
        while self.token.text == "," and self.token.kind == "punct":
            self.advance()
            args.append(self.parse_name())
        arity = FUNCTIONS[token.text]
        if len(args) != arity:
            raise ConditionSyntaxError(
                nphrase(
                    "{test}() takes {n} argument, got {got}",
                    "{test}() takes {n} arguments, got {got}",
                    arity,
                    test=token.text,
                    got=str(len(args)),
                ),
                token.column,
            )
        self.expect(")")
        if token.text != "indicator":
            if self.token.kind == "op":
                raise ConditionSyntaxError(
                    phrase(
                        "only indicator() can be compared; {test}() is true or false",
                        test=token.text,
                    ),
                    self.token.column,
                )
            return Test(token.text, tuple(args))
        if self.token.kind != "op":
            raise self.fail(phrase("a comparison (<, <=, >, >=, ==, !=) after indicator(...)"))
        op = self.advance().text
        if self.token.kind != "num":
            raise self.fail(phrase("a number"))
        return Compare(args[0], op, float(self.advance().text))

    def parse_name(self) -> str:
        if self.token.kind not in ("name", "num"):
            raise self.fail(phrase("a name"))
        return self.advance().text


def parse_condition(text: str) -> Node:
    """Parse a condition; raise ConditionSyntaxError with a column on any mistake."""
    if len(text) > MAX_LENGTH:
        raise ConditionSyntaxError(
            phrase("longer than {most} characters", most=str(MAX_LENGTH)), MAX_LENGTH + 1
        )
    if not text.strip():
        raise ConditionSyntaxError(phrase("the condition is empty"), 1)
    return _Parser(text).parse()
