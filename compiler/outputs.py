"""Writing a build's output files: never over an input, never half-written.

    plan_outputs(source_path, out_dir, kinds) -> [(kind, path)]   F0002/F0003 before compiling
    check_output_path(path, inputs)                                the same for one named output
    write_outputs([(path, data)])                                  F0002

* An output whose path is an input file (`farc build foo.ll` would write
  `foo.ll`; `foo.wasm` a symlink to, or a hard link of, `foo.rs`) is an
  error found before compiling: files are compared by device and inode, so
  links cannot hide it.
* Every output is written to a temporary file in its own directory and
  renamed over the destination (atomic on POSIX): an interrupted or failed
  build leaves either the old file or the new one, never a truncated one.
  A destination that is a symlink is replaced, not written through.
* The output directory (`-o DIR`) is created if it is missing, as rustc's
  `--out-dir` does; one that is a file, cannot be created or cannot be
  written to is an error found before compiling.

Errors are `OutputError`s carrying a catalog message (`compiler.messages`); the CLI turns them
into diagnostics.
"""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from . import messages as msg
from .diagnostics import MessageText
from .source import display_path, file_kind, os_reason

#: --emit kind -> the suffix added to the source file's stem
OUTPUT_SUFFIXES: dict[str, str] = {
    "llvm-ir": ".ll",
    "llvm-ir-unopt": ".unopt.ll",
    "llvm-ir-legalized": ".legalized.ll",
    "wasm": ".wasm",
    "wat": ".wat",
    "obj": ".o",
    "memory-map": ".memory-map.txt",
    "memory-map-json": ".memory-map.json",
}

class OutputError(Exception):
    """An output that cannot (or must not) be written: code F0002 or F0003."""

    def __init__(self, message: MessageText, help: str = "") -> None:
        super().__init__(message.text)
        self.message = message
        self.help = help


def plan_outputs(source_path: str | Path, out_dir: Path | None, kinds: list[str],
                 other_inputs: list[str] | tuple[str, ...] = ()) -> list[tuple[str, Path]]:
    """The path of each output kind (in order, duplicates dropped), after
    checking that the directory is usable and that no output is the source
    or one of `other_inputs` (`--link` files).

    `out_dir` None means beside the source file."""
    source_path = Path(source_path)
    directory = source_path.resolve().parent if out_dir is None else out_dir
    _ensure_directory(directory)
    planned = [(kind, directory / f"{source_path.stem}{OUTPUT_SUFFIXES[kind]}") for kind in dict.fromkeys(kinds)]
    for _kind, path in planned:
        check_output_path(path, [source_path, *other_inputs], directory_checked=True, source=source_path)
    return planned


def check_output_path(path: Path, inputs: list[str | Path], directory_checked: bool = False,
                      source: Path | None = None) -> None:
    """OutputError unless `path` can be written: its directory is usable,
    it is not a directory, and it is none of `inputs` (by device and inode).
    `source`, one of the inputs, is the file the output is named after."""
    if not directory_checked:
        _ensure_directory(path.parent, create=False)
    try:
        info = os.stat(path)  # follows symlinks: a link to the source is the source
    except OSError:
        return  # nothing there (or a dangling link, which the rename replaces)
    for given in inputs:
        try:
            read = os.stat(given)
        except OSError:
            continue
        if (info.st_dev, info.st_ino) == (read.st_dev, read.st_ino):
            raise OutputError(
                msg.OVERWRITES_INPUT(path=display_path(path), input=display_path(given)),
                msg.HELP_RENAME_SOURCE if source is not None and given is source and source.suffix != ".rs"
                else msg.HELP_OUT_DIR)
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(msg.CANNOT_WRITE(path=display_path(path), reason="it is a directory"), msg.HELP_OUT_DIR)


def _ensure_directory(directory: Path, create: bool = True) -> None:
    shown = display_path(directory)
    try:
        info = os.stat(directory)
    except FileNotFoundError:
        if not create:
            raise OutputError(msg.OUT_DIR_MISSING(path=shown)) from None
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(msg.OUT_DIR_CANNOT_CREATE(path=shown, reason=os_reason(exc))) from None
        info = os.stat(directory)
    except OSError as exc:
        raise OutputError(msg.OUT_DIR_UNUSABLE(path=shown, reason=os_reason(exc))) from None
    if not stat.S_ISDIR(info.st_mode):
        raise OutputError(msg.OUT_DIR_NOT_A_DIRECTORY(path=shown, kind=file_kind(info.st_mode)),
                          msg.HELP_OUT_DIR_NAMES_DIRECTORY)
    # a probe file: catches read-only, special (/proc) and full directories before compiling
    try:
        with tempfile.TemporaryFile(dir=directory, prefix=".farc-probe-"):
            pass
    except OSError as exc:
        raise OutputError(msg.OUT_DIR_CANNOT_WRITE(path=shown, reason=os_reason(exc)), msg.HELP_OUT_DIR) from None


def write_outputs(outputs: list[tuple[Path, bytes]]) -> None:
    """Write every output atomically: all are staged as temporary files in
    their directories first, then renamed into place; on any failure (or an
    interrupt) the staged files are removed and no destination is touched
    except those already renamed."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            staged.append((_stage(path, data), path))
        while staged:
            temporary, path = staged[0]
            try:
                os.replace(temporary, path)
            except OSError as exc:
                raise _write_error(path, exc) from None
            staged.pop(0)
    finally:
        for temporary, _path in staged:
            _remove_quietly(temporary)


def _stage(path: Path, data: bytes) -> str:
    """A temporary file beside `path` holding `data`, with the permissions a
    newly created file gets (mkstemp makes it private)."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:64]}.", suffix=".tmp")
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException as exc:
        _remove_quietly(temporary)
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise
    return temporary


def _write_error(path: Path, exc: OSError) -> OutputError:
    return OutputError(msg.CANNOT_WRITE(path=display_path(path), reason=os_reason(exc)), msg.HELP_OUT_DIR)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
