"""The Jinja2 environments the HTML and Markdown reports are rendered with.

Escaping is by construction: every `{{ value }}` is made safe for the format unless it
is already a fragment of that format (`Markup` for HTML, `MarkdownText` for Markdown),
which only the escaping functions and the fragment builders make. HTML: the
environment's `finalize` shows control and bidirectional characters by their code, then
autoescaping escapes the value. Markdown: `finalize` escapes it with `md`. A template
cannot forget to escape, and text from the scenario or players can never be read as
template syntax: it is a value, not a template.

One environment per format, made once; templates are package files (`templates/`), read
through importlib.resources so that they load from a wheel as from a checkout.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from jinja2 import BaseLoader, Environment, StrictUndefined, Template, TemplateNotFound
from markupsafe import Markup

from ..safetext import clean, html_escape, is_clean
from .words import Words


class _PackageFiles(BaseLoader):
    """Templates from this package's `templates/` folder (a wheel's too)."""

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        path = resources.files(__package__).joinpath("templates", *template.split("/"))
        if not path.is_file():
            raise TemplateNotFound(template)
        return path.read_text("utf-8"), None, lambda: True


def rows_once(join: Callable[[list[Any]], Any]) -> Callable[[list[Any], Any], Any]:
    """`rows(items, macro)` for a template: the rows of a table, each made by the macro
    once per rendering (an inject with several pillars is in several pillars' tables),
    joined by `join`."""
    made: dict[int, Any] = {}

    def rows(items: list[Any], macro: Any) -> Any:
        out = []
        for item in items:
            row = made.get(id(item))
            if row is None:
                row = made[id(item)] = macro(item)
            out.append(row)
        return join(out)

    return rows


# -- HTML -------------------------------------------------------------------------------


def html(value: object) -> Markup:
    """Text for HTML (and SVG): control characters shown by code, then escaped."""
    if isinstance(value, Markup):
        return value
    return Markup(html_escape(value if type(value) is str else str(value)))


def _html_finalize(value: Any) -> Any:
    # before autoescape: control characters made visible, then escaped as any text
    if type(value) is str and not is_clean(value):
        return clean(value)
    return value


class HtmlWords:
    """The report's words as HTML: `m("{n} of {total}", n=Markup("<b>3</b>"), total=4)`.
    The translated phrase is escaped and its values are filled in with `Markup.format`,
    which escapes each value that is not already HTML."""

    __slots__ = ("lang", "words")

    def __init__(self, words: Words) -> None:
        self.words, self.lang = words, words.lang

    def __call__(self, text: str, /, **values: object) -> Markup:
        phrase = html(self.words(text))
        if not values:
            return phrase
        filled = {k: html(v) for k, v in values.items()}
        try:
            return phrase.format(**filled)
        except (KeyError, IndexError, ValueError, AttributeError):
            return html(text).format(**filled)  # a translation with other placeholders

    def plural(self, n: int, singular: str, plural: str) -> Markup:
        return html(self.words.plural(n, singular, plural))

    def number(self, value: float, digits: int = 2, fixed: bool = False) -> str:
        return self.words.number(value, digits, fixed)

    def known(self, text: str) -> Markup:
        return html(self.words.known(text))


def _words_filters(env: Environment) -> None:
    """Times and numbers as the report writes them, as filters (`{{ row.t | clock }}`):
    called directly, cheaper than a function in a table of thousands of rows."""
    from .text import clock, number, span

    env.filters.update(clock=clock, span=span, number=number)


def _environment(autoescape: bool, finalize: Callable[[Any], Any]) -> Environment:
    """The report's templates, with every `{{ value }}` passed through `finalize`."""
    env = Environment(
        loader=_PackageFiles(),
        autoescape=autoescape,
        undefined=StrictUndefined,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        keep_trailing_newline=True,
    )
    _words_filters(env)
    return env


@cache
def html_environment() -> Environment:
    return _environment(True, _html_finalize)


def html_template(name: str) -> Template:
    return html_environment().get_template(name)


# -- Markdown ---------------------------------------------------------------------------

_INLINE = re.compile(r"([\\`*_\[\]|~$])")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+[.)])")
_PLAIN = re.compile(r"(?![#+=>-]|\s|\d+[.)])[^\\`*_\[\]|~$&<>\x00-\x1f\x7f-\x9f]*(?<! )").fullmatch


def md(value: object) -> str:
    """Text shown literally in Markdown (inline, one line): control characters shown by
    code, folded to one line, `& < >` as entities, Markdown punctuation backslash-escaped."""
    text = value if type(value) is str else str(value)
    if _PLAIN(text):
        return text  # nothing to escape or fold (the common case)
    return _escape(text)


@lru_cache(maxsize=8192)
def _escape(value: str) -> str:
    text = clean(value, single_line=True)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


class MarkdownText(str):
    """Text that is Markdown already (escaped, or the report's own words): the Markdown
    environment writes it as it is. Made only by `MarkdownWords` and the Markdown
    renderer's fragment builders (table heads, a table's lines from macros)."""

    __slots__ = ()


def _markdown_finalize(value: Any) -> Any:
    if type(value) is str:  # the common case first: text to escape
        return value if _PLAIN(value) else _escape(value)
    if type(value) in (int, float) or isinstance(value, MarkdownText):
        return value
    if value is None:
        raise TypeError("a Markdown template wrote None")  # a field the template misread
    return md(value)


class MarkdownWords:
    """The report's words in Markdown: the phrase is the report's own text (its Markdown
    as written), each value filled in is escaped with `md` unless it is Markdown already."""

    __slots__ = ("lang", "words")

    def __init__(self, words: Words) -> None:
        self.words, self.lang = words, words.lang

    def __call__(self, text: str, /, **values: object) -> MarkdownText:
        if not values:
            return MarkdownText(self.words(text))
        return MarkdownText(self.words(text, **{k: _markdown_value(v) for k, v in values.items()}))

    def plural(self, n: int, singular: str, plural: str) -> MarkdownText:
        return MarkdownText(self.words.plural(n, singular, plural))

    def number(self, value: float, digits: int = 2, fixed: bool = False) -> str:
        return self.words.number(value, digits, fixed)

    def known(self, text: str) -> str:
        return self.words.known(text)

    def moves(self, indicators: Any) -> str:
        return self.words.moves(indicators)


def _markdown_value(value: object) -> object:
    if type(value) in (int, float) or isinstance(value, MarkdownText):
        return value
    return md(value)


@cache
def markdown_environment() -> Environment:
    # Markdown is not HTML: no autoescaping, finalize escapes every value instead (so a
    # macro's output written with {{ }} would be escaped again: tables' lines come from
    # `rows`, which marks them as Markdown)
    return _environment(False, _markdown_finalize)


def markdown_template(name: str) -> Template:
    return markdown_environment().get_template(name)
