"""An installed wheel carries the bundled scenarios and catalogue and finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("exercise-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def test_the_wheel_holds_the_bundled_content(unpacked_wheel: Path) -> None:
    data = unpacked_wheel / "exercise" / "_data"
    bundled = {p.name for p in (ROOT / "scenarios").glob("*.yaml")}
    catalogue = {p.name for p in (ROOT / "injects").glob("*.yaml")}
    assert bundled and {p.name for p in (data / "scenarios").glob("*.yaml")} == bundled
    assert catalogue and {p.name for p in (data / "injects").glob("*.yaml")} == catalogue


def test_an_installed_wheel_lists_and_lints_its_scenarios(
    unpacked_wheel: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    run = [sys.executable, "-m", "exercise"]
    listing = subprocess.run([*run, "list"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert listing.returncode == 0, listing.stderr
    assert "demo" in listing.stdout and "invalid" not in listing.stdout
    lint = subprocess.run(
        [*run, "lint", "demo", "--strict"], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    # and the code that ran is the wheel's, not the checkout's
    where = subprocess.run(
        [sys.executable, "-c", "import exercise; print(exercise.__file__)"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert where.stdout.strip().startswith(str(unpacked_wheel))


def test_the_wheel_holds_the_browser_seat(unpacked_wheel: Path) -> None:
    web = unpacked_wheel / "exercise" / "seats" / "web"
    assert {p.name for p in web.iterdir()} == {"index.html", "seat.js", "seat.css"}


def test_an_installed_wheel_speaks_dutch_from_its_compiled_catalogue(
    unpacked_wheel: Path, tmp_path: Path
) -> None:
    compiled = unpacked_wheel / "exercise" / "locale" / "nl" / "LC_MESSAGES" / "exercise.mo"
    assert compiled.is_file()
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    listing = subprocess.run(
        [sys.executable, "-m", "exercise", "list", "--lang", "nl"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert listing.returncode == 0, listing.stderr
    assert "Meegeleverde scenario's" in listing.stdout


def test_the_wheel_holds_the_report_style_and_templates(
    unpacked_wheel: Path, tmp_path: Path
) -> None:
    templates = unpacked_wheel / "exercise" / "debrief" / "templates"
    shipped = {p.name for p in templates.iterdir()}
    in_checkout = {p.name for p in (ROOT / "exercise" / "debrief" / "templates").iterdir()}
    assert "report.css" in shipped and shipped == in_checkout
    # and the wheel's HTML report inlines them, from the wheel
    env = {**os.environ, "PYTHONPATH": str(unpacked_wheel)}
    run = [sys.executable, "-m", "exercise"]
    journal = tmp_path / "demo.db"
    played = subprocess.run(
        [*run, "play", "demo", "--auto", "expected", "--journal", str(journal)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert played.returncode == 0, played.stderr
    made = subprocess.run(
        [*run, "debrief", str(journal), "--format", "html,md"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    html = (tmp_path / "demo.html").read_text(encoding="utf-8")
    assert "--navy:#154273" in html and "<script" not in html
