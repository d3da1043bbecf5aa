"""The README's far-pointer example: its IR and wat excerpts are what farc
really produces for the source shown beside them."""
from __future__ import annotations

import re
from pathlib import Path

from compiler.cli import main

ROOT = Path(__file__).resolve().parent.parent


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def test_readme_ir_and_wat_match_the_compiler(tmp_path):
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## What a far pointer compiles to", 1)[1].split("\n## ", 1)[0]
    source, = blocks(section, "rust")
    llvm, = blocks(section, "llvm")
    wat, = blocks(section, "wat")
    src = tmp_path / "get.rs"
    src.write_text(source)
    assert main(["build", str(src), "--emit", "llvm-ir,wat"]) == 0
    produced_ll = (tmp_path / "get.ll").read_text()
    produced_wat = (tmp_path / "get.wat").read_text()
    for line in llvm.strip().splitlines():
        assert line in produced_ll, f"README IR line not produced: {line!r}"
    for line in wat.strip().splitlines():
        assert line in produced_wat, f"README wat line not produced: {line!r}"


def test_readme_far_call_commands_work(tmp_path, capsys, monkeypatch):
    """The far-call section's commands run as shown (from the repository root)."""
    import shlex
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Far calls: two modules, no shared memory", 1)[1].split("\n## ", 1)[0]
    commands, = blocks(section, "sh")
    monkeypatch.chdir(tmp_path)
    lines = [shlex.split(line) for line in commands.strip().splitlines()]
    assert [words[0] for words in lines] == [".venv/bin/farc", ".venv/bin/farc"]
    def rooted(word: str) -> str:  # paths are relative to the repository root
        name, sep, path = word.rpartition("=")
        return f"{name}{sep}{ROOT / path}" if path.startswith("examples/") else word

    absolute = [[rooted(w) for w in words[1:]] for words in lines]
    assert main(absolute[0]) == 0
    assert capsys.readouterr().out.split() == ["8"]
    assert main(absolute[1]) == 0
    from compiler.wasm.binary import parse_module
    merged = parse_module((tmp_path / "out" / "main.wasm").read_bytes())
    assert merged.imports == [] and len(merged.memories) == 2


def test_using_farc_shows_every_option():
    """Every option of every command is in the README's "Using farc" section."""
    import argparse

    from compiler.cli import _parser
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Using farc", 1)[1].split("\n## ", 1)[0]
    (commands,) = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    missing = []
    for name, parser in commands.choices.items():
        assert f"farc {name} " in section, f"`farc {name}` is not in Using farc"
        for action in parser._actions:
            for option in action.option_strings:
                # `-O` is shown as -O0..-O3, every other option as itself
                pattern = re.escape(option) + (r"\d" if option == "-O" else r"(?![\w-])")
                if option not in ("-h", "--help") and not re.search(pattern, section):
                    missing.append(f"farc {name} {option}")
    assert not missing, f"not in the README's Using farc section: {missing}"
