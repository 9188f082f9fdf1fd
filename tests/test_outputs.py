"""Outputs never destroy inputs: `debrief`, `export -o` and `schema -o` refuse a target that
is an input (also through a hard or symbolic link), a target that is a link, and an existing
file that is not their own unchanged earlier output (unless --force); files are written
whole or not at all."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from exercise import outputs
from exercise.cli import main
from exercise.journal import verify
from exercise.outputs import MANIFEST, OutputRefused, open_text, write_texts


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("played") / "demo.db"
    assert main(["play", "demo", "--auto", "expected", "--journal", str(path)]) == 0
    return path


def _copy(journal: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(journal, target)
    return target


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


# -- debrief ------------------------------------------------------------------------------


def test_debrief_of_a_journal_named_json_refuses_and_keeps_it(
    demo_journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = _copy(demo_journal, tmp_path / "rehearsal.json")
    before = _sha(journal)
    assert main(["debrief", str(journal), "--format", "md,html,json"]) == 2
    err = capsys.readouterr().err
    assert _sha(journal) == before
    assert verify(journal).ok
    assert str(journal) in err and "--out" in err
    # every target is checked before any is written: no Markdown, no HTML either
    assert not (tmp_path / "rehearsal.md").exists()
    assert not (tmp_path / "rehearsal.html").exists()
    # not even with --force
    assert main(["debrief", str(journal), "--format", "json", "--force"]) == 2
    assert _sha(journal) == before
    # elsewhere it is fine
    assert main(["debrief", str(journal), "--format", "json", "--out", str(tmp_path / "r")]) == 0
    assert json.loads((tmp_path / "r" / "rehearsal.json").read_text(encoding="utf-8"))


def test_own_unchanged_output_is_replaced_silently(
    demo_journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    assert main(["debrief", str(journal), "--format", "md,html"]) == 0
    md = tmp_path / "session.md"
    first = md.stat().st_ino
    capsys.readouterr()
    assert main(["debrief", str(journal), "--format", "md,html"]) == 0
    err = capsys.readouterr().err
    assert md.stat().st_ino != first  # a new file took its place
    assert [line for line in err.splitlines() if not line.startswith("wrote ")] == []


def test_hand_edited_report_is_refused_without_force_and_replaced_with_it(
    demo_journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    assert main(["debrief", str(journal), "--format", "md,html"]) == 0
    md, html = tmp_path / "session.md", tmp_path / "session.html"
    md.write_text(md.read_text(encoding="utf-8") + "\nNotes from the hot wash.\n", "utf-8")
    html_inode = html.stat().st_ino
    capsys.readouterr()

    assert main(["debrief", str(journal), "--format", "md,html"]) == 2
    err = capsys.readouterr().err
    assert "Notes from the hot wash." in md.read_text(encoding="utf-8")
    assert html.stat().st_ino == html_inode  # the unchanged HTML was not rewritten either
    assert str(md) in err and "--force" in err and "--out" in err

    assert main(["debrief", str(journal), "--format", "md,html", "--force"]) == 0
    assert "Notes from the hot wash." not in md.read_text(encoding="utf-8")
    # and now it is ours again: no --force needed
    assert main(["debrief", str(journal), "--format", "md,html"]) == 0


def test_a_file_not_written_by_us_is_refused(
    demo_journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    mine = tmp_path / "session.md"
    mine.write_text("my own notes\n", encoding="utf-8")
    assert main(["debrief", str(journal), "--format", "md"]) == 2
    assert mine.read_text(encoding="utf-8") == "my own notes\n"
    assert "--force" in capsys.readouterr().err


def test_a_symlinked_report_is_refused_and_its_destination_unchanged(
    demo_journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    precious = tmp_path / "elsewhere" / "precious.txt"
    precious.parent.mkdir()
    precious.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "session.md").symlink_to(precious)
    for force in ([], ["--force"]):
        assert main(["debrief", str(journal), "--format", "md,json", *force]) == 2
        assert precious.read_text(encoding="utf-8") == "keep me\n"
        assert (tmp_path / "session.md").is_symlink()
        assert not (tmp_path / "session.json").exists()
        assert "symbolic link" in capsys.readouterr().err


def test_a_comparison_never_overwrites_one_of_its_journals(
    demo_journal: Path, tmp_path: Path
) -> None:
    a = _copy(demo_journal, tmp_path / "a.db")
    b = _copy(demo_journal, tmp_path / "b.db")
    target = tmp_path / "a-vs-b.json"
    os.link(b, target)  # the comparison's JSON would land on a hard link of b
    before = _sha(b)
    assert main(["debrief", str(a), str(b), "--format", "json", "--force"]) == 2
    assert _sha(b) == before and verify(b).ok


# -- export -------------------------------------------------------------------------------


def test_export_to_a_hard_link_of_the_journal_refuses(
    demo_journal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    link = tmp_path / "events.csv"
    os.link(journal, link)
    before = _sha(journal)
    for force in ([], ["--force"]):
        assert main(["export", str(journal), "--format", "csv", "-o", str(link), *force]) == 2
        assert _sha(journal) == before
        assert verify(journal).ok
        err = capsys.readouterr().err
        assert str(link) in err and "-o FILE" in err


def test_export_through_a_symlink_to_the_journal_refuses(
    demo_journal: Path, tmp_path: Path
) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    link = tmp_path / "events.jsonl"
    link.symlink_to(journal)
    before = _sha(journal)
    assert main(["export", str(journal), "--format", "jsonl", "-o", str(link), "--force"]) == 2
    assert _sha(journal) == before and verify(journal).ok


def test_export_never_writes_a_journal_companion(demo_journal: Path, tmp_path: Path) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    wal = tmp_path / "session.db-wal"
    assert not wal.exists()  # SQLite would read whatever we put there as its own log
    assert main(["export", str(journal), "--format", "csv", "-o", str(wal)]) == 2
    assert not wal.exists() or b"seq," not in wal.read_bytes()  # SQLite may make its own
    assert verify(journal).ok


def test_export_again_replaces_its_own_file(demo_journal: Path, tmp_path: Path) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    out = tmp_path / "events.csv"
    assert main(["export", str(journal), "--format", "csv", "-o", str(out)]) == 0
    first = out.read_bytes()
    assert first.startswith(b"seq,")
    assert main(["export", str(journal), "--format", "csv", "-o", str(out)]) == 0
    assert out.read_bytes() == first
    out.write_bytes(first + b"hand,made\r\n")
    assert main(["export", str(journal), "--format", "csv", "-o", str(out)]) == 2
    assert out.read_bytes().endswith(b"hand,made\r\n")


def test_a_failed_export_leaves_the_old_file_and_no_partial_one(
    demo_journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    journal = _copy(demo_journal, tmp_path / "session.db")
    out = tmp_path / "events.jsonl"
    assert main(["export", str(journal), "--format", "jsonl", "-o", str(out)]) == 0
    before = out.read_bytes()

    def half_then_fail(journal: object, fmt: str, stream) -> None:  # type: ignore[no-untyped-def]
        stream.write('{"seq": 1}\n' * 1000)
        raise RuntimeError("killed midway")

    import exercise.journal

    monkeypatch.setattr(exercise.journal, "export_events", half_then_fail)
    assert main(["export", str(journal), "--format", "jsonl", "-o", str(out)]) == 70
    assert out.read_bytes() == before
    assert _leftovers(tmp_path) == []
    new = tmp_path / "new.jsonl"
    assert main(["export", str(journal), "--format", "jsonl", "-o", str(new)]) == 70
    assert not new.exists() and _leftovers(tmp_path) == []


# -- schema -------------------------------------------------------------------------------


def test_schema_output_is_replaced_only_while_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "scenario.schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert main(["schema", "-o", str(out)]) == 0
    out.write_text("{}\n", encoding="utf-8")
    assert main(["schema", "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "{}\n"
    assert "--force" in capsys.readouterr().err
    assert main(["schema", "-o", str(out), "--force"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$schema"]


def test_the_manifest_name_is_never_a_target(tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path / MANIFEST), "--force"]) == 2
    assert not (tmp_path / MANIFEST).exists()


# -- the module ---------------------------------------------------------------------------


def test_all_targets_are_checked_before_any_is_written(tmp_path: Path) -> None:
    (tmp_path / "b.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "c.txt").write_text("by hand", encoding="utf-8")
    files = {tmp_path / "a.txt": "a", tmp_path / "b.txt": "b", tmp_path / "c.txt": "c"}
    with pytest.raises(OutputRefused) as refused:
        write_texts(files, hint="try again")
    assert len(refused.value.problems) == 2  # both named at once
    assert not (tmp_path / "a.txt").exists()
    assert not (tmp_path / "elsewhere.txt").exists()
    assert not (tmp_path / MANIFEST).exists()


def test_open_text_replaces_only_when_the_block_succeeds(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(ValueError), open_text(target) as out:
        out.write("half")
        raise ValueError("render failed")
    assert not target.exists() and _leftovers(tmp_path) == []
    with open_text(target) as out:
        out.write("whole\n")
    assert target.read_text(encoding="utf-8") == "whole\n"
    assert _leftovers(tmp_path) == []


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_texts({tmp_path / "r.md": "x"})
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "r.md").stat().st_mode) == 0o644


def test_manifest_records_size_and_hash_of_what_was_written(tmp_path: Path) -> None:
    write_texts({tmp_path / "r.md": "héllo\n"})
    data = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    entry = data["files"]["r.md"]
    assert entry == {"size": 7, "sha256": hashlib.sha256("héllo\n".encode()).hexdigest()}


@pytest.mark.parametrize(
    "manifest",
    [b"not json", b"[]", b'{"files": {"r.md": "x"}}', b'{"files": {"r.md": {"size": 7}}}'],
    ids=["not-json", "a-list", "bad-entry", "no-hash"],
)
def test_a_broken_manifest_trusts_nothing(tmp_path: Path, manifest: bytes) -> None:
    target = tmp_path / "r.md"
    target.write_text("by hand", encoding="utf-8")
    (tmp_path / MANIFEST).write_bytes(manifest)
    with pytest.raises(OutputRefused):
        write_texts({target: "report"})
    assert target.read_text(encoding="utf-8") == "by hand"
    write_texts({tmp_path / "other.md": "report"})  # and it is rewritten, usable again
    assert "other.md" in json.loads((tmp_path / MANIFEST).read_bytes())["files"]


def test_a_manifest_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("by hand", encoding="utf-8")
    entry = {"size": 7, "sha256": hashlib.sha256(b"by hand").hexdigest()}
    text = json.dumps({"files": {"r.md": entry}})
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    write_texts({target: "report"})  # within the limit, this entry would be trusted...
    target.write_text("by hand", encoding="utf-8")
    padded = text + " " * (outputs.MANIFEST_LIMIT + 1 - len(text))
    (tmp_path / MANIFEST).write_text(padded, encoding="utf-8")
    with pytest.raises(OutputRefused):  # ...but not past it
        write_texts({target: "report"})
    assert target.read_text(encoding="utf-8") == "by hand"


def test_a_manifest_that_is_a_link_is_neither_trusted_nor_written_through(
    tmp_path: Path,
) -> None:
    target = tmp_path / "r.md"
    target.write_text("by hand", encoding="utf-8")
    forged = tmp_path / "elsewhere.json"
    entry = {"size": 7, "sha256": hashlib.sha256(b"by hand").hexdigest()}
    forged.write_text(json.dumps({"files": {"r.md": entry}}), encoding="utf-8")
    before = forged.read_bytes()
    (tmp_path / MANIFEST).symlink_to(forged)
    with pytest.raises(OutputRefused):
        write_texts({target: "report"})
    write_texts({tmp_path / "new.md": "report"})
    assert forged.read_bytes() == before
    assert (tmp_path / MANIFEST).is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_manifest_that_is_a_pipe_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / MANIFEST)
    (tmp_path / "r.md").write_text("by hand", encoding="utf-8")
    with pytest.raises(OutputRefused):
        write_texts({tmp_path / "r.md": "report"})
    write_texts({tmp_path / "new.md": "report"})
    assert (tmp_path / "new.md").read_text(encoding="utf-8") == "report"
