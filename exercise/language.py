"""The product's languages: gettext catalogues, and numbers, dates and plurals by Babel.

Every word the product says goes through `text(lang, msgid, **params)` (or `ntext` for a
count): `msgid` is the English, with `{named}` placeholders, and the catalogue of `lang`
(`locale/<lang>/LC_MESSAGES/exercise.mo`, compiled from the `.po` beside it) gives its
translation. A missing translation, or one whose placeholders do not fit, is the English:
never an error. English needs no catalogue.

The languages the product has are English and those with a catalogue in `locale/` (or in
a folder named by `EXERCISE_LOCALE_PATH`, searched first): adding a language is adding a
`.po` file. Without a `.mo` the `.po` is read by Babel. Babel is imported only when a
catalogue is read from its `.po` or a number or a date is formatted, so `--help` stays quick.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # (imported where used: `exercise --help` loads this module)
    from datetime import datetime

    from babel import Locale

DOMAIN: Final = "exercise"
SOURCE: Final = "en"  # the language of the message ids
LOCALE_DIR: Final = Path(__file__).with_name("locale")
PATH_VARIABLE: Final = "EXERCISE_LOCALE_PATH"
MAX_CATALOGUE_BYTES: Final = 4_000_000  # a catalogue of the whole product is ~100 kB


def N_(msgid: str) -> str:
    """Marks `msgid` for extraction where it is defined; it is translated where shown."""
    return msgid


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with a plural for extraction where it is defined."""
    return singular, plural


class Phrase(str):
    """English text that remembers its message id and parameters, so that the place that
    shows it can say it in the reader's language (`say`). It is the English wherever it is
    used as text: a problem found deep in the loader is made once, in English, and put
    into words where it is printed. A parameter may be a Phrase too (said in turn); a
    whole number is grouped in the reader's notation."""

    __slots__ = ("msgid", "params", "plural")

    msgid: str
    plural: tuple[str, int] | None  # the plural form and the count, for `nphrase`
    params: tuple[tuple[str, object], ...]

    def __new__(
        cls, msgid: str, params: Mapping[str, object], plural: tuple[str, int] | None = None
    ) -> Phrase:
        template = msgid if plural is None or plural[1] == 1 else plural[0]
        # English as it is made: a phrase parameter is its own English, a number grouped
        values = {k: f"{v:,}" if type(v) is int else v for k, v in params.items()}
        if plural is not None:
            values["n"] = plural[1]
        self = super().__new__(cls, _fill(template, template, values))
        self.msgid, self.plural, self.params = msgid, plural, tuple(params.items())
        return self

    def __reduce__(self) -> tuple[type[Phrase], tuple[str, dict[str, object], object]]:
        return Phrase, (self.msgid, dict(self.params), self.plural)  # (copied and pickled whole)


def phrase(msgid: str, /, **params: object) -> Phrase:
    """`msgid` filled in English, to be said in another language where it is shown."""
    return Phrase(msgid, params)


def nphrase(singular: str, plural: str, n: int, /, **params: object) -> Phrase:
    """`phrase` with a count: the form `n` takes (`n` is a placeholder)."""
    return Phrase(singular, params, (plural, n))


def _said(lang: str, value: object) -> object:
    """A parameter of a phrase in `lang`: a phrase said, a whole number grouped as `lang`
    groups it (`16,384`, `16.384`), anything else as it is (pass a line number as text)."""
    if isinstance(value, Phrase):
        return say(lang, value)
    if type(value) is int:
        return number(lang, value, 0)
    return value


def say(lang: str, value: str) -> str:
    """`value` in `lang`: a Phrase through its message id, with its parameters said in turn;
    other text through the catalogue when it is a message id (a fixed sentence), else as
    it is (scenario text, a file name)."""
    if not isinstance(value, Phrase):
        return translations(lang).gettext(value) if value else value
    params = {k: _said(lang, v) for k, v in value.params}
    if value.plural is None:
        return text(lang, value.msgid, **params)
    return ntext(lang, value.msgid, value.plural[0], value.plural[1], **params)


def locale_dirs(environ: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    """Where catalogues are looked for, first match wins."""
    env = os.environ if environ is None else environ
    return _dirs(env.get(PATH_VARIABLE, ""))


@cache
def _dirs(value: str) -> tuple[Path, ...]:
    # by the variable's value: every message shown asks, a report's timeline thousands of times
    extra = [Path(p) for p in value.split(os.pathsep) if p]
    return (*extra, LOCALE_DIR)


@cache
def _languages(dirs: tuple[Path, ...]) -> tuple[str, ...]:
    found = {SOURCE}
    for folder in dirs:
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            messages = entry / "LC_MESSAGES"
            if entry.name.isidentifier() and any(
                (messages / f"{DOMAIN}{suffix}").is_file() for suffix in (".mo", ".po")
            ):
                found.add(entry.name)
    return (SOURCE, *sorted(found - {SOURCE}))


def languages() -> tuple[str, ...]:
    """English first, then every language with a catalogue, by code."""
    return _languages(locale_dirs())


LOCALE_VARIABLES: Final = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, as gettext reads it: the first of LANGUAGE
    (a list, `de:nl`: its first language the product has), LC_ALL, LC_MESSAGES and LANG
    that is set decides; `nl_NL.UTF-8` is `nl`. English when the product has none of them."""
    env = os.environ if environ is None else environ
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if not value:
            continue
        for wanted in value.split(":") if name == "LANGUAGE" else (value,):
            code = wanted.split(".")[0].split("@")[0]
            for candidate in (code, code.split("_")[0]):
                if candidate and candidate in languages():
                    return candidate
        return SOURCE
    return SOURCE


def session_language(option: str | None, meta: Mapping[str, object] | None = None) -> str:
    """The language to show a session in: `--lang`, else the one it was started in (its
    journal's meta `lang`, while the product still has it), else the locale's."""
    if option:
        return option
    kept = (meta or {}).get("lang")
    if isinstance(kept, str) and kept in languages():
        return kept
    return default_language()


def _read_po(path: Path, lang: str) -> gettext.GNUTranslations:
    """A `.po` with no `.mo`, compiled in memory by Babel (fuzzy entries left out, as
    msgfmt does)."""
    from io import BytesIO

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as source:
        catalog = read_po(source, locale=_babel_code(lang), domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def _translations(lang: str, dirs: tuple[Path, ...]) -> gettext.NullTranslations:
    if lang == SOURCE:
        return gettext.NullTranslations()
    for folder in dirs:  # the first folder with a catalogue of `lang`: its .mo, else its .po
        messages = folder / lang / "LC_MESSAGES"
        mo, po = messages / f"{DOMAIN}.mo", messages / f"{DOMAIN}.po"
        try:
            if mo.is_file() and mo.stat().st_size <= MAX_CATALOGUE_BYTES:
                with mo.open("rb") as source:
                    return gettext.GNUTranslations(source)
            if po.is_file() and po.stat().st_size <= MAX_CATALOGUE_BYTES:
                return _read_po(po, lang)
        except Exception:
            break  # a damaged catalogue is English, never a crash
    return gettext.NullTranslations()


def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of `lang` (English, that is the message ids, when it has none)."""
    return _translations(lang, locale_dirs())


def _fill(template: str, english: str, params: Mapping[str, object]) -> str:
    if not params:
        return template
    try:
        return template.format_map(params)
    except (KeyError, IndexError, ValueError, AttributeError):
        return english.format_map(params)  # a translation with other placeholders


def text(lang: str, msgid: str, /, **params: object) -> str:
    """`msgid` in `lang`, its `{placeholders}` filled from `params`."""
    return _fill(translations(lang).gettext(msgid), msgid, params)


def ptext(lang: str, context: str, msgid: str, /, **params: object) -> str:
    """`msgid` in `lang` where the same English needs other words in another place."""
    return _fill(translations(lang).pgettext(context, msgid), msgid, params)


def ntext(lang: str, singular: str, plural: str, n: int, /, **params: object) -> str:
    """The form of `singular`/`plural` that `n` takes in `lang` (`n` is a placeholder)."""
    template = translations(lang).ngettext(singular, plural, n)
    return _fill(template, singular if n == 1 else plural, {"n": n, **params})


class Translator:
    """`text`, `ntext` and the formats bound to one language: `t = Translator("nl")`,
    then `t("Decisions")`, `t.n("{n} decision", "{n} decisions", 3)`."""

    __slots__ = ("_catalogue", "lang")

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._catalogue = translations(lang)

    def __call__(self, msgid: str, /, **params: object) -> str:
        return _fill(self._catalogue.gettext(msgid), msgid, params)

    def n(self, singular: str, plural: str, n: int, /, **params: object) -> str:
        template = self._catalogue.ngettext(singular, plural, n)
        return _fill(template, singular if n == 1 else plural, {"n": n, **params})

    def number(self, value: float, digits: int = 2, fixed: bool = False) -> str:
        return number(self.lang, value, digits, fixed)


# -- numbers, dates and times -----------------------------------------------------------


def _babel_code(lang: str) -> str:
    return lang if lang.replace("_", "").isalpha() else SOURCE


@cache
def babel_locale(lang: str) -> Locale:
    """Babel's locale data for `lang`: English for a language Babel does not know (the
    tests' pseudo-language)."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(_babel_code(lang))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE)


def number(lang: str, value: float, digits: int = 2, fixed: bool = False) -> str:
    """`value` rounded to `digits` decimals (all of them shown when `fixed`, else only
    those that are not 0), thousands grouped, in `lang`'s notation: `0,12` in Dutch."""
    if not abs(value) < _HUGE:  # (and NaN): in powers of ten, as a chart axis has them
        return _huge_number(lang, value)
    if lang == SOURCE:
        return _english_number(value, digits, fixed)
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits > 0 else "")
    return format_decimal(value, pattern, locale=babel_locale(lang))


_HUGE = 1e15  # beyond this a number is written 1e+15: 16 digits are no longer read


def _huge_number(lang: str, value: float) -> str:
    text = f"{value:g}"
    if lang == SOURCE or "." not in text:
        return text
    from babel.numbers import get_decimal_symbol

    return text.replace(".", get_decimal_symbol(babel_locale(lang)))


def _english_number(value: float, digits: int, fixed: bool) -> str:
    """What Babel's English gives (half-even rounding of the decimal text), without
    loading Babel: an English session never pays for its import."""
    from decimal import ROUND_HALF_EVEN, Decimal

    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_EVEN)
    text = f"{rounded:,f}"
    if not fixed and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")  # fmt: skip
_SHORT_NAMES = {"EEE d MMM y HH:mm:ss": True, "EEEE d MMMM y HH:mm:ss": False}


def date_time(lang: str, when: datetime, pattern: str = "EEEE d MMMM y HH:mm:ss") -> str:
    """`when` in its own time zone (it must have one: a naive time would be a silent
    guess), with `lang`'s day and month names; hours 00-23 whatever the language."""
    if when.tzinfo is None:
        raise ValueError("a time without a time zone cannot be shown")
    if lang == SOURCE and pattern in _SHORT_NAMES:  # Babel's English, without loading Babel
        day, month = _EN_DAYS[when.weekday()], _EN_MONTHS[when.month - 1]
        if _SHORT_NAMES[pattern]:
            day, month = day[:3], month[:3]
        return f"{day} {when.day} {month} {when.year} {when:%H:%M:%S}"
    from babel.dates import format_datetime

    return format_datetime(when, pattern, tzinfo=when.tzinfo, locale=babel_locale(lang))


def reader_time(lang: str, when: datetime) -> str:
    """A moment as a reader expects it: `Thursday 14 January 2027 07:00 (UTC+01:00)`, the
    day and month in `lang`, in `when`'s own time zone with its offset said; a time
    without a zone (a scenario's start written without one) says so instead."""
    if when.tzinfo is None:
        from datetime import UTC

        shown = date_time(lang, when.replace(tzinfo=UTC), _READER_PATTERN)
        return f"{shown} ({text(lang, N_('time zone not given'))})"
    return f"{date_time(lang, when, _READER_PATTERN)} ({utc_offset(when)})"


_READER_PATTERN = "EEEE d MMMM y HH:mm"


def utc_offset(when: datetime) -> str:
    """`UTC+01:00`: the offset `when` is shown in, so a time is never silently UTC."""
    offset = when.utcoffset()
    if offset is None:
        raise ValueError("a time without a time zone cannot be shown")
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"
