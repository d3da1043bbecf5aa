"""Files in and out of `farc`: every odd input or output path is a diagnostic
(F0001 reading, F0002 writing, F0003 an output that is an input), reported
before compiling, and no build ever destroys or half-writes a file."""
from __future__ import annotations

import contextlib
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compiler import outputs
from compiler.cli import main
from compiler.source import SourceReadError, read_regular_file

ROOT = Path(__file__).resolve().parent.parent
GOOD = """#![memory(1, min = 1)]
#[no_mangle]
pub extern "C" fn get(p: #[mem_idx(1)] *const u32) -> u32 { unsafe { *p } }
"""


def write(directory: Path, name: str, text: str = GOOD) -> Path:
    path = directory / name
    path.write_text(text)
    return path


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """farc in a child process, for inputs that would hang a broken farc."""
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


def error_codes(err: str) -> list[str]:
    return [line.split("]")[0].removeprefix("error[") for line in err.splitlines() if line.startswith("error[")]


# ---------------------------------------------------------------------------
# an output that is an input (F0003): found before compiling, the input intact


@pytest.mark.parametrize("suffix,emit", [(".ll", "llvm-ir"), (".wasm", "wasm"), (".wat", "wat"), (".o", "obj")])
def test_source_named_like_an_output_is_not_overwritten(tmp_path, capsys, suffix, emit):
    src = write(tmp_path, f"prog{suffix}")
    assert main(["build", str(src), "--emit", emit]) == 1
    err = capsys.readouterr().err
    assert error_codes(err) == ["F0003"], err
    assert f"would overwrite the input `{src}`" in err and "`*.rs`" in err
    assert src.read_text() == GOOD


def test_symlink_to_the_source_is_not_written_through(tmp_path, capsys):
    src = write(tmp_path, "prog.rs")
    (tmp_path / "prog.wasm").symlink_to("prog.rs")
    assert main(["build", str(src)]) == 1
    assert error_codes(capsys.readouterr().err) == ["F0003"]
    assert src.read_text() == GOOD
    assert not (tmp_path / "prog.ll").exists(), "nothing is written when one output is refused"


def test_hard_link_of_the_source_in_the_output_directory(tmp_path, capsys):
    src = write(tmp_path, "prog.rs")
    out = tmp_path / "out"
    out.mkdir()
    os.link(src, out / "prog.ll")
    assert main(["build", str(src), "-o", str(out)]) == 1
    assert error_codes(capsys.readouterr().err) == ["F0003"]
    assert src.read_text() == GOOD


def test_symlinks_to_other_files_are_replaced_not_followed(tmp_path):
    src = write(tmp_path, "prog.rs")
    keep = write(tmp_path, "keep.txt", "precious")
    (tmp_path / "prog.ll").symlink_to("keep.txt")
    (tmp_path / "prog.wasm").symlink_to("nowhere/missing.wasm")  # dangling
    assert main(["build", str(src)]) == 0
    assert keep.read_text() == "precious"
    for name in ("prog.ll", "prog.wasm"):
        assert not (tmp_path / name).is_symlink() and (tmp_path / name).is_file()
    assert (tmp_path / "prog.wasm").read_bytes()[:4] == b"\0asm"


# ---------------------------------------------------------------------------
# atomic writes


def test_outputs_replace_old_ones_with_ordinary_permissions(tmp_path):
    src = write(tmp_path, "prog.rs")
    old = write(tmp_path, "prog.ll", "old")
    old.chmod(0o600)
    mask = os.umask(0o022)
    try:
        assert main(["build", str(src)]) == 0
    finally:
        os.umask(mask)
    assert "define" in old.read_text()
    assert stat.S_IMODE(os.stat(tmp_path / "prog.wasm").st_mode) == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prog.ll", "prog.rs", "prog.wasm"]


def test_an_interrupted_write_leaves_the_old_files_and_no_temporaries(tmp_path, monkeypatch):
    old_ll = write(tmp_path, "prog.ll", "old ir")
    old_wasm = write(tmp_path, "prog.wasm", "old wasm")
    calls = []
    real_fsync = os.fsync

    def interrupted_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C while the second output is being written
        real_fsync(fd)

    monkeypatch.setattr(outputs.os, "fsync", interrupted_fsync)
    with pytest.raises(KeyboardInterrupt):
        outputs.write_outputs([(old_ll, b"new ir"), (old_wasm, b"new wasm")])
    assert old_ll.read_text() == "old ir" and old_wasm.read_text() == "old wasm"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prog.ll", "prog.wasm"]


def test_a_failed_write_is_a_diagnostic_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "prog.wasm"

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(outputs.os, "fsync", disk_full)
    with pytest.raises(outputs.OutputError) as caught:
        outputs.write_outputs([(target, b"\0asm")])
    assert caught.value.message.code == "F0002" and "no space left on device" in caught.value.message.text
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------------------
# the output directory (F0002), checked before compiling


def test_out_dir_that_is_a_file(tmp_path, capsys):
    src = write(tmp_path, "prog.rs")
    not_a_dir = write(tmp_path, "out", "x")
    assert main(["build", str(src), "-o", str(not_a_dir)]) == 1
    err = capsys.readouterr().err
    assert error_codes(err) == ["F0002"] and "is a file, not a directory" in err
    assert main(["build", str(src), "-o", "/dev/null"]) == 1
    assert "is a character device, not a directory" in capsys.readouterr().err


def test_missing_out_dir_is_created_and_impossible_one_is_an_error(tmp_path, capsys):
    src = write(tmp_path, "prog.rs")
    assert main(["build", str(src), "-o", str(tmp_path / "a" / "b")]) == 0
    assert (tmp_path / "a" / "b" / "prog.wasm").is_file()
    write(tmp_path, "file")
    assert main(["build", str(src), "-o", str(tmp_path / "file" / "sub")]) == 1
    err = capsys.readouterr().err
    assert error_codes(err) == ["F0002"] and "cannot use the output directory" in err and "not a directory" in err
    assert main(["build", str(src), "-o", "/proc/self/no/such/dir"]) == 1
    err = capsys.readouterr().err
    assert error_codes(err) == ["F0002"] and "cannot create the output directory" in err


@pytest.mark.parametrize("special", ["/proc/self", "/sys"])
def test_special_directories_are_refused_before_compiling(tmp_path, capsys, special):
    if not os.path.isdir(special):
        pytest.skip(f"{special} does not exist on this system")
    src = write(tmp_path, "prog.rs", "fn f( {")  # a syntax error: never reached
    assert main(["build", str(src), "-o", special]) == 1
    err = capsys.readouterr().err
    assert error_codes(err) == ["F0002"] and f"cannot write to the output directory `{special}`" in err


@contextlib.contextmanager
def read_only_directory(path: Path):
    """`path` made a directory nobody can write into, also root: mode 0o500,
    and for root (who ignores modes) the immutable attribute; skips where
    neither holds (root without `chattr`)."""
    path.mkdir()
    path.chmod(0o500)
    immutable = False
    try:
        if os.geteuid() == 0:
            immutable = subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode == 0
            if not immutable:
                pytest.skip("root writes into read-only directories and `chattr +i` is not available here")
        yield path
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o700)


def test_read_only_directory(tmp_path, capsys):
    src = write(tmp_path, "prog.rs", "fn f( {")  # a syntax error: never reached
    with read_only_directory(tmp_path / "ro") as ro:
        assert main(["build", str(src), "-o", str(ro)]) == 1
        assert list(ro.iterdir()) == []
    err = capsys.readouterr().err
    assert error_codes(err) == ["F0002"], err
    assert f"cannot write to the output directory `{ro}`: " in err
    assert "permission denied" in err or "operation not permitted" in err


def test_an_output_that_is_a_directory(tmp_path, capsys):
    src = write(tmp_path, "prog.rs")
    (tmp_path / "prog.wasm").mkdir()
    assert main(["build", str(src)]) == 1
    err = capsys.readouterr().err
    assert error_codes(err) == ["F0002"] and "prog.wasm`: it is a directory" in err


# ---------------------------------------------------------------------------
# inputs (F0001): promptly, never blocking, never reading without bound


def test_devices_fifos_and_directories_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.rs"
    os.mkfifo(fifo)
    for path, kind in [("/dev/zero", "a character device"), (str(fifo), "a FIFO"), (str(tmp_path), "a directory")]:
        start = time.monotonic()
        result = run_cli("check", path, timeout=30)
        assert time.monotonic() - start < 20
        assert result.returncode == 1 and error_codes(result.stderr) == ["F0001"], result.stderr
        assert f"it is {kind}" in result.stderr and "Traceback" not in result.stderr


def test_audit_reads_its_module_with_the_same_checks(tmp_path):
    """`farc audit` takes a wasm file: a device, FIFO or directory is refused at once, names escaped."""
    fifo = tmp_path / "pipe.wasm"
    os.mkfifo(fifo)
    for path, kind in [("/dev/zero", "a character device"), (str(fifo), "a FIFO"), (str(tmp_path), "a directory")]:
        result = run_cli("audit", path, timeout=30)
        assert result.returncode == 1 and f"cannot read `{path}`: it is {kind}" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
    odd = tmp_path / os.fsdecode(b"caf\xe9.wasm")
    odd.write_bytes(b"not wasm")
    result = run_cli("audit", str(odd))
    assert result.returncode == 1 and "caf\\xe9.wasm` is not a wasm module" in result.stderr, result.stderr


def test_huge_files_are_refused_without_being_read(tmp_path, capsys):
    huge = tmp_path / "huge.rs"
    with open(huge, "wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: costs no disk
    assert main(["check", str(huge)]) == 1
    assert "larger than 64 MiB" in capsys.readouterr().err


def test_reading_stops_at_the_limit_even_when_the_size_lies():
    """/proc files report size 0; the limit holds on the bytes read."""
    with pytest.raises(SourceReadError, match="larger than"):
        read_regular_file("/proc/self/maps", limit=16)


def test_missing_file_and_bad_utf8_name_the_place(tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.rs")]) == 1
    assert "cannot read" in capsys.readouterr().err
    (tmp_path / "latin1.rs").write_bytes(b"fn f() {}\n// caf\xe9\n")
    assert main(["check", "--message-format=json", str(tmp_path / "latin1.rs")]) == 1
    diagnostic, *closing = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert diagnostic["code"]["code"] == "F0001"
    assert [d["message"] for d in closing][0] == "aborting due to 1 previous error"
    assert "not valid UTF-8 (byte 0xe9 at line 2, column 7)" in diagnostic["message"]


# ---------------------------------------------------------------------------
# file names


def test_file_names_that_are_not_utf8(tmp_path, capsys):
    src = tmp_path / os.fsdecode(b"caf\xe9.rs")
    src.write_text(GOOD.replace("-> u32 { unsafe { *p } }", "-> u32 { unsafe { *p } } fn bad() -> u8 { 1u32 }"))
    assert main(["build", str(src)]) == 1
    err = capsys.readouterr().err
    assert "caf\\xe9.rs:3:" in err and "error[E0308]" in err
    src.write_text(GOOD)
    assert main(["build", str(src), "--message-format=json"]) == 0
    out = capsys.readouterr().out
    assert "caf\\xe9.wasm" in out
    assert (tmp_path / os.fsdecode(b"caf\xe9.wasm")).read_bytes()[:4] == b"\0asm"


def test_file_names_with_quotes_and_newlines(tmp_path):
    src = write(tmp_path, 'we"ird\nname.rs')
    assert main(["build", str(src), "--emit", "llvm-ir,wasm,wat"]) == 0
    assert (tmp_path / 'we"ird\nname.wasm').is_file()
    assert "define" in (tmp_path / 'we"ird\nname.ll').read_text()


def test_source_names_escape_control_characters():
    from compiler.source import display_path
    assert display_path("a\x1b[31mb.rs") == "a\\x1b[31mb.rs"
    assert display_path(os.fsdecode(b"\xff.rs")) == "\\xff.rs"


# ---------------------------------------------------------------------------
# modules given to --link and `farc link` are inputs too


def test_linked_modules_are_inputs_that_outputs_must_not_overwrite(tmp_path, capsys):
    src = write(tmp_path, "prog.rs")
    assert main(["build", str(src)]) == 0
    wasm = (tmp_path / "prog.wasm").read_bytes()
    capsys.readouterr()
    assert main(["build", str(src), "--link", f"lib={tmp_path / 'prog.wasm'}"]) == 1
    err = capsys.readouterr().err
    assert error_codes(err) == ["F0003"] and "would overwrite the input" in err
    assert main(["link", str(tmp_path / "prog.wasm"), "-o", str(tmp_path / "prog.wasm")]) == 1
    assert error_codes(capsys.readouterr().err) == ["F0003"]
    assert (tmp_path / "prog.wasm").read_bytes() == wasm


def test_linked_module_that_is_a_fifo_is_refused_at_once(tmp_path):
    src = write(tmp_path, "prog.rs")
    os.mkfifo(tmp_path / "lib.wasm")
    result = run_cli("check", str(src), "--link", f"lib={tmp_path / 'lib.wasm'}", timeout=30)
    assert result.returncode == 1 and error_codes(result.stderr) == ["L0005"], result.stderr
    assert "it is a FIFO" in result.stderr
