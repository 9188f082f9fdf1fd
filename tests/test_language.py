"""The one language layer: gettext catalogues that are complete and current, a language
added by adding a `.po` file, English wherever a translation is missing or broken, and
numbers and dates in the user's language and the scenario's time zone."""

from __future__ import annotations

import importlib.util
import os
import string
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from exercise import language
from exercise.language import LOCALE_DIR, date_time, languages, ntext, number, text

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/exercise.po"))


def _tools():
    spec = importlib.util.spec_from_file_location("messages", ROOT / "tools" / "messages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=path.parent.parent.name)


def _fields(text_: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text_) if name}


def _ids(catalog: Catalog) -> set[object]:
    return {(m.context, m.id) for m in catalog if m.id}


def test_the_product_has_english_and_dutch() -> None:
    assert CATALOGUES, "no catalogue in exercise/locale"
    assert languages()[:2] == ("en", "nl")


def test_the_template_holds_every_message_of_the_code() -> None:
    """`python tools/messages.py update` was run after the words in the code changed."""
    extracted = _ids(_tools().extract())
    assert extracted == _ids(_read(LOCALE_DIR / "exercise.pot"))


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_every_message_is_translated_with_the_same_placeholders(po: Path) -> None:
    template = _ids(_read(LOCALE_DIR / "exercise.pot"))
    catalog = _read(po)
    assert _ids(catalog) >= template, "run: python tools/messages.py update"
    untranslated, fuzzy, wrong = [], [], []
    for m in catalog:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else m.id
        strings = (m.string,) if isinstance(m.string, str) else m.string
        if not all(strings):
            untranslated.append(m.id)
        if m.fuzzy:
            fuzzy.append(m.id)
        wanted = set().union(*(_fields(i) for i in ids))
        if any(s and _fields(s) - wanted for s in strings) or (
            len(strings) == 1 and strings[0] and _fields(strings[0]) != wanted
        ):
            wrong.append(m.id)
    assert not untranslated and not fuzzy and not wrong


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parent.parent.name)
def test_the_compiled_catalogue_is_current(po: Path) -> None:
    """The `.mo` shipped in the wheel says what its `.po` says (`python tools/messages.py
    compile`): a translation fixed in the `.po` only would never be shown."""
    import gettext

    with po.with_suffix(".mo").open("rb") as source:
        compiled = gettext.GNUTranslations(source)
    stale = []
    for m in _read(po):
        if not m.id:
            continue
        if isinstance(m.id, str):
            shown = compiled.pgettext(m.context, m.id) if m.context else compiled.gettext(m.id)
            if shown != m.string:
                stale.append(m.id)
        elif [compiled.ngettext(m.id[0], m.id[1], n) for n in (1, 2)] != list(m.string[:2]):
            stale.append(m.id)
    assert stale == [], "run: python tools/messages.py compile"


def _pseudo_catalogue(folder: Path, lang: str, wrap: str = "«{}»") -> None:
    """A catalogue of `lang` made from the template, every message wrapped."""
    template = _read(LOCALE_DIR / "exercise.pot")
    catalog = Catalog(locale=None, domain="exercise", fuzzy=False)
    catalog.plural_forms  # noqa: B018 (computes the header; English plural rules)
    for m in template:
        if m.id:
            ids = (m.id,) if isinstance(m.id, str) else m.id
            strings = tuple(wrap.format(i) for i in ids)
            catalog.add(m.id, strings if len(strings) > 1 else strings[0], context=m.context)
    out = folder / lang / "LC_MESSAGES"
    out.mkdir(parents=True)
    with (out / "exercise.po").open("wb") as target:
        write_po(target, catalog)


def test_a_language_is_added_by_adding_a_po_file(tmp_path: Path, monkeypatch) -> None:
    _pseudo_catalogue(tmp_path, "eo")  # no .mo: read by Babel
    monkeypatch.setenv(language.PATH_VARIABLE, str(tmp_path))
    assert "eo" in languages()
    assert text("eo", "Decisions") == "«Decisions»"
    assert ntext("eo", "{n} decision", "{n} decisions", 2) == "«2 decisions»"
    assert language.default_language({"LANG": "eo.UTF-8"}) == "eo"
    # and the command line offers it, with no code changed
    env = {**os.environ, language.PATH_VARIABLE: str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "exercise", "list", "--lang", "eo"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_a_missing_or_broken_translation_is_english(tmp_path: Path, monkeypatch) -> None:
    catalog = Catalog(locale="nl", domain="exercise", fuzzy=False)
    catalog.add("Role: {title}", "Rol: {titel}")  # a placeholder the code does not give
    catalog.add("Decisions", "")  # not translated
    out = tmp_path / "nl" / "LC_MESSAGES"
    out.mkdir(parents=True)
    with (out / "exercise.po").open("wb") as target:
        write_po(target, catalog)
    monkeypatch.setenv(language.PATH_VARIABLE, str(tmp_path))
    assert text("nl", "Role: {title}", title="NCTV") == "Role: NCTV"
    assert text("nl", "Decisions") == "Decisions"
    assert text("nl", "No such message {x}", x=1) == "No such message 1"


def test_a_damaged_catalogue_is_english(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "xx" / "LC_MESSAGES"
    out.mkdir(parents=True)
    (out / "exercise.mo").write_bytes(b"\xde\x12\x04\x95 not a catalogue")
    monkeypatch.setenv(language.PATH_VARIABLE, str(tmp_path))
    assert text("xx", "Decisions") == "Decisions"


def test_numbers_in_dutch_have_a_decimal_comma() -> None:
    assert number("nl", 0.12) == "0,12"
    assert number("en", 0.12) == "0.12"
    assert number("nl", 1234.5, 1) == "1.234,5"


def test_times_in_the_scenarios_zone_24_hour_in_dutch() -> None:
    evening = datetime(2027, 3, 1, 18, 5, tzinfo=timezone(timedelta(hours=1)))
    assert date_time("nl", evening) == "maandag 1 maart 2027 18:05:00"
    assert date_time("en", evening) == "Monday 1 March 2027 18:05:00"
    with pytest.raises(ValueError):
        date_time("nl", datetime(2027, 3, 1, 18, 5))  # no zone: never a silent UTC


@pytest.mark.parametrize("value", [0, 0.125, 0.135, 2.675, 1234.5, -0.001, 72.5, 1e6 / 3, -12.345])
@pytest.mark.parametrize(("digits", "fixed"), [(0, False), (2, False), (2, True), (6, False)])
def test_english_numbers_are_babels_without_loading_it(value: float, digits: int, fixed: bool):
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + ("0" if fixed else "#") * digits if digits else "")
    assert number("en", value, digits, fixed) == format_decimal(value, pattern, locale="en")


@pytest.mark.parametrize("pattern", ["EEE d MMM y HH:mm:ss", "EEEE d MMMM y HH:mm:ss"])
def test_english_dates_are_babels_without_loading_it(pattern: str) -> None:
    from babel.dates import format_datetime

    zone = timezone(timedelta(hours=-5))
    for month in range(1, 13):
        when = datetime(2027, month, month + 3, 23, 59, 1, tzinfo=zone)
        expected = format_datetime(when, pattern, tzinfo=zone, locale="en")
        assert date_time("en", when, pattern) == expected


def test_the_dutch_report_scores_with_a_decimal_comma() -> None:
    from exercise.debrief.metrics import suggest
    from exercise.debrief.report import Counts
    from exercise.debrief.words import Words

    mark = suggest(Counts(met=1, late=1, missed=2, pending=0), Words("nl"))
    assert mark is not None and "0,38" in mark.basis


def test_huge_numbers_in_powers_of_ten() -> None:
    assert number("en", 1e308) == "1e+308" and number("nl", -2.5e20) == "-2,5e+20"
    assert number("nl", float("inf")) == "inf"


def test_a_moment_reads_in_its_own_zone_and_a_missing_zone_is_said() -> None:
    summer = datetime(2027, 7, 1, 14, 5, tzinfo=timezone(timedelta(hours=2)))
    assert language.reader_time("nl", summer) == "donderdag 1 juli 2027 14:05 (UTC+02:00)"
    naive = datetime(2027, 7, 1, 14, 5)
    assert language.reader_time("nl", naive) == (
        "donderdag 1 juli 2027 14:05 (tijdzone niet opgegeven)"
    )
