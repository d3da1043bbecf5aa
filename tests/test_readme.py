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
