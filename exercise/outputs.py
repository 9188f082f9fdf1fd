"""Writing output files (reports, exports, schemas) without ever destroying an input.

Every command that writes a file goes through here. Before anything is written, every
target of the command is checked, and one refusal means nothing is written at all:

- a target that is one of the command's inputs (the same file, also through a hard link or
  a symbolic link; for a journal its SQLite companions `-wal`, `-shm`, `-journal` too) is
  refused, whatever the options;
- a target that is itself a symbolic link, or not a regular file, is refused (a link is
  never written through);
- an existing target is replaced only when it is this program's own earlier output,
  unchanged, or when the user says `--force`.

"Our own earlier output" is known from a small manifest in the output folder,
`.exercise-outputs.json`, which maps the name of each file written there to the size and
SHA-256 of the bytes written. A file whose bytes still match is ours and unchanged; a file
edited by hand (or written by someone else, or before the manifest existed) does not
match. The manifest is read with a size limit, never through a link, and only for the
names of this command's targets; the only files ever written are the targets and the
manifest itself.

A file is written to a temporary file in the target's folder, flushed to disk, and then
renamed over the target (`os.replace`), so a killed process leaves the old file or the new
one, never half of one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from .language import N_, Phrase, phrase

MANIFEST = ".exercise-outputs.json"
MANIFEST_LIMIT = 1 << 20  # bytes read at most; a larger manifest is not trusted
MANIFEST_ENTRIES = 2000  # names kept; the oldest are forgotten beyond that
_CHUNK = 1 << 16
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO in place of the manifest must not block

Entry = dict[str, Any]  # {"size": int, "sha256": str}


ANOTHER_FILE = N_("choose another file")


class OutputRefused(Exception):
    """Targets that must not be written: one line per target, naming it and what to do,
    each a `language.Phrase` (English as text, said in the reader's language where shown)."""

    def __init__(self, problems: list[Phrase]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _hint(hint: str) -> Phrase:
    """What to do instead, as a phrase: a message id (marked with `N_` where it is
    defined) is said in the reader's language with the rest of the refusal."""
    return hint if isinstance(hint, Phrase) else phrase(hint)


def journal_files(path: str | os.PathLike[str]) -> list[Path]:
    """A journal and the companions SQLite keeps beside it: all inputs of a command."""
    path = Path(path)
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))]


def write_texts(
    files: Mapping[Path, str | bytes],
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    force: bool = False,
    hint: str = ANOTHER_FILE,
    make_folders: bool = False,
) -> None:
    """Write each text (UTF-8) or bytes to its path, or none of them (OutputRefused).

    `inputs` are the files the command reads; `hint` says what to do instead, as the end of
    a sentence ("write elsewhere with --out DIR"): a message id marked with `N_`, or a
    phrase.
    """
    targets = [Path(p) for p in files]
    inputs = list(inputs)
    check(targets, inputs, force=force, hint=hint)
    staged: dict[Path, str] = {}
    try:
        for target in targets:
            if make_folders:
                target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = _temporary(target)
            with os.fdopen(fd, "wb") as out:
                data = files[target]
                out.write(data.encode("utf-8") if isinstance(data, str) else data)
                out.flush()
                os.fsync(out.fileno())
            staged[target] = tmp
        _commit(staged, inputs, force=force, hint=hint)
    finally:
        for tmp in staged.values():
            _remove(tmp)


@contextlib.contextmanager
def open_text(
    target: Path,
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    force: bool = False,
    hint: str = ANOTHER_FILE,
    newline: str | None = None,
) -> Iterator[TextIO]:
    """A text file (UTF-8) to write `target` with; it takes the target's place only when
    the block ends without an exception. Checked like `write_texts`, before it opens."""
    target = Path(target)
    inputs = list(inputs)
    check([target], inputs, force=force, hint=hint)
    fd, tmp = _temporary(target)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        _commit({target: tmp}, inputs, force=force, hint=hint)
    finally:
        _remove(tmp)


def check(
    targets: Sequence[Path],
    inputs: Iterable[str | os.PathLike[str]] = (),
    *,
    force: bool = False,
    hint: str = ANOTHER_FILE,
) -> None:
    """Raise OutputRefused, naming every target that may not be written, or return."""
    inputs = list(inputs)
    said = _hint(hint)
    ids = _identities(inputs)
    names = {_place(name): Path(name) for name in inputs}
    manifests: dict[Path, dict[str, Entry]] = {}
    problems = [p for t in targets if (p := _refusal(Path(t), ids, names, force, said, manifests))]
    if problems:
        raise OutputRefused(problems)


# -- the checks ---------------------------------------------------------------------------


def _place(name: str | os.PathLike[str]) -> str:
    """Where a name points, its folder's links followed (the name itself need not exist)."""
    path = Path(name)
    return os.path.join(os.path.realpath(path.parent), path.name)


def _identities(inputs: Iterable[str | os.PathLike[str]]) -> dict[tuple[int, int], Path]:
    """(device, inode) of each input that exists, following links: a hard or symbolic
    link to an input has the same identity."""
    out: dict[tuple[int, int], Path] = {}
    for name in inputs:
        try:
            st = os.stat(name)
        except (OSError, ValueError):
            continue
        out.setdefault((st.st_dev, st.st_ino), Path(name))
    return out


def _refusal(
    target: Path,
    ids: dict[tuple[int, int], Path],
    names: dict[str, Path],
    force: bool,
    hint: Phrase,
    manifests: dict[Path, dict[str, Entry]],
) -> Phrase | None:
    """Why `target` may not be written, as a sentence for people, or None."""
    file = str(target)
    if target.name == MANIFEST:
        return phrase(
            "{file}: that name is kept for the list of files this program wrote; "
            "nothing was written: {hint}",
            file=file,
            hint=hint,
        )
    # an input's name even when no such file exists yet (a journal's -wal: SQLite would
    # take whatever we wrote there for its own)
    source = names.get(_place(target))
    if source is not None:
        return phrase(
            "{file}: is a file this command reads; nothing was written: {hint}",
            file=file,
            hint=hint,
        )
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None  # its folder is a file: the write itself fails with a clear error
    source = ids.get((st.st_dev, st.st_ino))
    if source is None and stat.S_ISLNK(st.st_mode):
        with contextlib.suppress(OSError):
            linked = os.stat(target)
            source = ids.get((linked.st_dev, linked.st_ino))
    if source is not None:
        return phrase(
            "{file}: is the same file as {source} (a link to it), which this command "
            "reads; nothing was written: {hint}",
            file=file,
            source=str(source),
            hint=hint,
        )
    if stat.S_ISLNK(st.st_mode):
        return phrase(
            "{file}: is a symbolic link, and outputs are never written through one; "
            "nothing was written: remove the link, or {hint}",
            file=file,
            hint=hint,
        )
    if not stat.S_ISREG(st.st_mode):
        return phrase(
            "{file}: exists and is not a regular file; nothing was written: {hint}",
            file=file,
            hint=hint,
        )
    if force:
        return None
    folder = target.parent
    if folder not in manifests:
        manifests[folder] = _read_manifest(folder) or {}
    if _unchanged(target, st, manifests[folder].get(target.name)):
        return None
    return phrase(
        "{file}: exists and is not this program's unchanged earlier output (edited by "
        "hand, or written by something else); nothing was written: replace it with "
        "--force, or {hint}",
        file=file,
        hint=hint,
    )


def _unchanged(target: Path, st: os.stat_result, entry: Entry | None) -> bool:
    """Whether `target` holds exactly the bytes the manifest says we wrote."""
    if entry is None or entry.get("size") != st.st_size:
        return False
    try:
        return _digest(target) == entry.get("sha256")
    except OSError:
        return False


def _digest(path: str | os.PathLike[str]) -> str:
    fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    with os.fdopen(fd, "rb") as data:
        if not stat.S_ISREG(os.fstat(data.fileno()).st_mode):
            raise OSError(f"{path}: not a regular file")
        digest = hashlib.sha256()
        while chunk := data.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# -- the manifest -------------------------------------------------------------------------


def _read_manifest(folder: Path) -> dict[str, Entry] | None:
    """The manifest of `folder`: {} when there is none or it is unreadable, too large or
    malformed; None when something other than a regular file has its name (then it is
    neither trusted nor replaced)."""
    try:
        fd = os.open(folder / MANIFEST, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except FileNotFoundError:
        return {}
    except OSError:  # a link (ELOOP), a folder, no permission
        return None
    with os.fdopen(fd, "rb") as data:
        if not stat.S_ISREG(os.fstat(data.fileno()).st_mode):
            return None
        raw = data.read(MANIFEST_LIMIT + 1)
    if len(raw) > MANIFEST_LIMIT:
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    files = parsed.get("files") if isinstance(parsed, dict) else None
    if not isinstance(files, dict):
        return {}
    return {
        name: {"size": entry["size"], "sha256": entry["sha256"]}
        for name, entry in files.items()
        if isinstance(entry, dict)
        and type(entry.get("size")) is int
        and isinstance(entry.get("sha256"), str)
    }


def _record(folder: Path, written: dict[str, Entry]) -> None:
    """Note what was just written in `folder`'s manifest (best effort: a manifest that
    cannot be written only means the files count as not ours next time)."""
    entries = _read_manifest(folder)
    if entries is None:
        return
    for name, entry in written.items():
        entries.pop(name, None)
        entries[name] = entry  # the most recent last; the oldest are dropped first
    names = list(entries)[-MANIFEST_ENTRIES:]
    document = {
        "about": "files written here by the exercise command, with what it wrote, so that it "
        "replaces them only while unchanged",
        "version": 1,
        "files": {name: entries[name] for name in names},
    }
    text = json.dumps(document, indent=1, sort_keys=False) + "\n"
    path = folder / MANIFEST
    tmp = None
    try:
        fd, tmp = _temporary(path)
        with os.fdopen(fd, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except OSError:
        pass
    finally:
        if tmp is not None:
            _remove(tmp)


# -- writing ------------------------------------------------------------------------------


def _temporary(target: Path) -> tuple[int, str]:
    """A new file beside `target` (same folder, so the rename is atomic), with the mode a
    new file gets from the umask rather than mkstemp's 0600."""
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)
    except OSError:
        pass
    return fd, tmp


def _commit(staged: dict[Path, str], inputs: list[Any], *, force: bool, hint: str) -> None:
    """Check the targets again (time has passed since the first check), then rename every
    staged file into place and record them in their folders' manifests."""
    check(list(staged), inputs, force=force, hint=hint)
    written: dict[Path, dict[str, Entry]] = {}
    for target, tmp in staged.items():
        entry = {"size": os.stat(tmp).st_size, "sha256": _digest(tmp)}
        written.setdefault(target.parent, {})[target.name] = entry
    for target, tmp in staged.items():
        os.replace(tmp, target)
    for folder, entries in written.items():
        _sync_folder(folder)
        _record(folder, entries)


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (where the platform allows a folder to be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
