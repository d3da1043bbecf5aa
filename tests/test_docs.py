"""Documentation tests: the examples in docs/errors/*.md, docs/reference.md
and docs/stdlib.md are checked by the real front end (parse + check + monomorphize), and every
registered diagnostic code has its explanation.

Conventions for fenced code blocks (the info string after the backticks is a
comma-separated list of words):

    ```rust,ok                  must check cleanly: no diagnostic at all (lints
                                are allowed, as rustdoc allows them in doctests)
    ```rust,warn                on a lint's page (docs/errors/<lint>.md): must
                                check with warnings of that lint only
    ```rust,compile_fail        must report errors, with exactly the codes
                                named: in docs/errors/<CODE>.md the file's CODE,
    ```rust,compile_fail,M0002  or the codes listed after `compile_fail`
                                (each at least once; no other code, no ICE)
    ```rust                     docs/reference.md, docs/stdlib.md: the same as `rust,ok`;
                                docs/errors: not allowed (an error page says
                                which of its examples fail)
    ```text, ```anything-else   not checked
    ```rust,ok,module=lib       a module the page's other examples are linked
                                with as `lib` (compiled first; they are checked
                                as `farc check --link lib=...` checks them)

Every example must be a complete program (with its `#![memory(...)]`
declarations). An example that fails because of a checker bug, not a mistake
in the example, stays in the docs and is listed in `KNOWN_CHECKER_BUGS` with
the reason; its test is `xfail(strict=True)`, so fixing the checker makes it
fail until the entry is removed.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, check_text

from compiler.diagnostics import CODES, LINTS, LintLevel, LintOptions

DOCS = ROOT / "docs"
ERRORS_DIR = DOCS / "errors"
REFERENCE = DOCS / "reference.md"
STDLIB = DOCS / "stdlib.md"
#: Pages whose passing examples are also compiled to wasm.
BUILT_PAGES = (REFERENCE, STDLIB)

#: Codes whose pages other engineers write: missing pages are skipped, not failed.
OTHERS_PREFIXES = ("S", "B")
#: Pages of errors no single program shows: mistakes made on the command line
#: (a `--link` argument, a file that cannot be read or written, `farc run`'s
#: arguments and host: R), and the
#: final-module check a declaration error always precedes (I0002), and two
#: files for one module (E0761: a program of files, not one example). Their
#: examples are ```text, so they are held to the title check only.
COMMAND_LINE_CODES = frozenset({"L0005", "L0006", "F0001", "F0002", "F0003", "I0002", "E0761", "R0001", "R0002", "R0003"})
#: Codes reported on the final module: their examples are compiled, not only checked.
BUILD_CODES_PREFIX = "I"
#: Documents the reference links to that other engineers write.
OTHERS_DOCS = frozenset({"design-addrspaces.md"})

#: Examples that fail because of a bug in the checker, not in the example:
#: (path relative to the repo, a text that occurs in exactly one of its ```rust
#: blocks) -> the bug. `test_known_bugs_name_one_example` keeps the keys honest.
KNOWN_CHECKER_BUGS: dict[tuple[str, str], str] = {}

FENCE = re.compile(r"^(?P<ticks>`{3,})(?P<info>[^`]*)$")
CODE_WORD = re.compile(r"^(?:[EMSBLFXT]\d{4}|ICE)$")
#: Doc examples are checked with every lint allowed (rustdoc's default for doctests),
#: except the `rust,warn` examples of the lint pages.
NO_LINTS = LintOptions([("warnings", LintLevel.ALLOW)])


@dataclass(frozen=True)
class Example:
    """One ```rust block: where it is, what it claims, and its text."""

    path: Path
    line: int  # 1-based line of the opening fence
    info: tuple[str, ...]
    code: str

    @property
    def rel(self) -> str:
        return str(self.path.relative_to(ROOT))

    @property
    def id(self) -> str:
        return f"{self.path.name}:{self.line}"

    @property
    def compile_fail(self) -> bool:
        return "compile_fail" in self.info

    @property
    def warns(self) -> bool:
        return "warn" in self.info

    @property
    def module_name(self) -> str | None:
        """NAME for a `module=NAME` block: a module the page's other examples link with."""
        return next((w.split("=", 1)[1] for w in self.info if w.startswith("module=")), None)

    def expected_codes(self) -> set[str]:
        """The codes a compile_fail example must report (exactly these)."""
        listed = {w for w in self.info if CODE_WORD.match(w)}
        if listed:
            return listed
        if self.path.parent == ERRORS_DIR:
            return {self.path.stem}
        return set()


def fenced_blocks(path: Path) -> list[tuple[int, tuple[str, ...], str]]:
    """(line, info words, text) of every fenced block of a markdown file."""
    blocks = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if match is None:
            i += 1
            continue
        ticks, start = match["ticks"], i
        info = tuple(w.strip() for w in match["info"].split(",") if w.strip())
        i += 1
        body = []
        while i < len(lines) and lines[i].rstrip() != ticks:
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise AssertionError(f"{path}:{start + 1}: unterminated code block")
        blocks.append((start + 1, info, "\n".join(body) + "\n"))
        i += 1
    return blocks


def doc_files() -> list[Path]:
    files = sorted(ERRORS_DIR.glob("*.md"))
    files += [page for page in BUILT_PAGES if page.is_file()]
    return files


def examples(path: Path | None = None) -> list[Example]:
    found = []
    for p in ([path] if path is not None else doc_files()):
        for line, info, code in fenced_blocks(p):
            if info and info[0] == "rust":
                found.append(Example(p, line, info, code))
    return found


def own_error_pages() -> list[Path]:
    """The error pages this test holds to the full standard (E, M and ICE)."""
    return [p for p in sorted(ERRORS_DIR.glob("*.md"))
            if not p.stem.startswith(OTHERS_PREFIXES) and p.stem not in COMMAND_LINE_CODES]


#: The same for failures after the front end (the reference's examples are
#: also compiled to wasm by `test_reference_example_builds`).
KNOWN_BACKEND_BUGS: dict[tuple[str, str], str] = {}


def known_bug(example: Example) -> str | None:
    """Why `example` is expected to fail, if it is listed in KNOWN_CHECKER_BUGS."""
    for (rel, snippet), reason in KNOWN_CHECKER_BUGS.items():
        if rel == example.rel and snippet in example.code:
            return reason
    return None


def _params() -> list:
    params = []
    for ex in examples():
        reason = known_bug(ex)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason is not None else []
        params.append(pytest.param(ex, id=ex.id, marks=marks))
    return params


# ----------------------------------------------------------------------------
# the examples


def page_links(example: Example) -> dict[str, bytes]:
    """The finished `module=NAME` modules of the example's page (none for a module block itself)."""
    if example.module_name is not None:
        return {}
    modules = tuple((ex.module_name, ex.id, ex.code) for ex in examples(example.path) if ex.module_name)
    return _build_modules(modules)


@functools.lru_cache(maxsize=None)
def _build_modules(modules: tuple[tuple[str, str, str], ...]) -> dict[str, bytes]:
    from compiler.driver import Link, build_links
    from compiler.diagnostics import DiagnosticSink
    from compiler.source import SourceFile
    sink = DiagnosticSink()
    built = build_links([Link(name, SourceFile(where, code)) for name, where, code in modules], sink)
    assert built is not None, sink.render()
    return built


@pytest.mark.parametrize("example", _params())
def test_example(example: Example) -> None:
    info = set(example.info[1:])
    unknown = info - {"ok", "compile_fail", "warn"} - {w for w in info if CODE_WORD.match(w) or w.startswith("module=")}
    assert not unknown, f"{example.id}: unknown info words {sorted(unknown)}"
    if example.path.parent == ERRORS_DIR:
        assert info & {"ok", "compile_fail", "warn"}, (
            f"{example.id}: an error page marks each example `rust,ok`, `rust,compile_fail` or `rust,warn`")
    lints = None if example.warns else NO_LINTS
    links = page_links(example)
    if example.path.parent == ERRORS_DIR and example.path.stem.startswith(BUILD_CODES_PREFIX):
        from compiler.driver import compile_source
        from compiler.diagnostics import DiagnosticSink
        from compiler.source import SourceFile
        sink = DiagnosticSink()
        compile_source(SourceFile(example.id, example.code), sink, links=links)
    elif links:
        from compiler.driver import check_source
        from compiler.diagnostics import DiagnosticSink
        from compiler.source import SourceFile
        sink = DiagnosticSink(lints)
        check_source(SourceFile(example.id, example.code), sink, links)
    else:
        _, sink = check_text(example.code, example.id, lints)
    reported = {d.code or "" for d in sink.diagnostics}
    assert "ICE" not in reported, f"{example.id}: the compiler crashed\n{sink.render()}"
    if example.warns:
        assert example.path.stem in LINTS, f"{example.id}: `rust,warn` belongs on a lint's page"
        assert not sink.has_errors and reported == {example.path.stem}, (
            f"{example.id}: expected warnings of `{example.path.stem}` only, got {sorted(reported)}\n"
            f"{sink.render()}")
    elif example.compile_fail:
        expected = example.expected_codes()
        assert expected, f"{example.id}: compile_fail example without an expected code"
        assert sink.has_errors and reported == expected, (
            f"{example.id}: expected exactly {sorted(expected)}, got {sorted(reported)}\n"
            f"{sink.render()}\n--- example ---\n{example.code}")
    else:
        assert not sink.diagnostics, (
            f"{example.id}: expected to check cleanly\n{sink.render()}\n--- example ---\n{example.code}")


def test_known_bugs_name_one_example() -> None:
    """Every KNOWN_*_BUGS key (none at the moment) picks out exactly one example."""
    for rel, snippet in sorted({**KNOWN_CHECKER_BUGS, **KNOWN_BACKEND_BUGS}):
        matching = [ex for ex in examples(ROOT / rel) if snippet in ex.code]
        assert len(matching) == 1, f"{rel}: `{snippet}` must occur in exactly one ```rust block, found {len(matching)}"


def _build_params() -> list:
    """The passing examples of the reference and the stdlib page, for the full pipeline."""
    params = []
    for ex in (ex for page in BUILT_PAGES if page.is_file() for ex in examples(page)):
        if ex.compile_fail:
            continue
        reason = known_bug(ex) or next(
            (why for (rel, snippet), why in KNOWN_BACKEND_BUGS.items() if rel == ex.rel and snippet in ex.code),
            None)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason is not None else []
        params.append(pytest.param(ex, id=ex.id, marks=marks))
    return params


@pytest.mark.parametrize("example", _build_params())
def test_reference_example_builds(example: Example) -> None:
    """The reference's (and stdlib page's) programs also compile to a valid wasm module (the back
    end validates what it writes, reporting B0002 otherwise)."""
    from compiler.driver import compile_source
    from compiler.source import SourceFile
    from compiler.diagnostics import DiagnosticSink
    sink = DiagnosticSink(NO_LINTS)
    out = compile_source(SourceFile(example.id, example.code), sink)
    assert not sink.diagnostics and out.wasm is not None, f"{example.id}\n{sink.render()}"
    assert out.wasm[:4] == b"\0asm"


def test_examples_are_found() -> None:
    """The extraction itself works (a broken regex would make every test vacuous)."""
    all_examples = examples()
    assert len(all_examples) >= 2 * len(own_error_pages()) - 2
    assert any(ex.compile_fail for ex in all_examples)
    assert any(not ex.compile_fail for ex in all_examples)


# ----------------------------------------------------------------------------
# the error pages


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_has_an_explanation(code: str) -> None:
    page = ERRORS_DIR / f"{code}.md"
    if not page.is_file():
        if code.startswith(OTHERS_PREFIXES):
            pytest.skip(f"docs/errors/{code}.md is not written yet (owned by another engineer)")
        pytest.fail(f"docs/errors/{code}.md is missing")
    first = page.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"# {code}: "), f"{page.name}: first line must be `# {code}: <title>`, is {first!r}"
    if not code.startswith(OTHERS_PREFIXES):
        assert first == f"# {code}: {CODES[code].title}", (
            f"{page.name}: the title must match the registry: `# {code}: {CODES[code].title}`")


def test_every_error_page_is_a_registered_code() -> None:
    stale = [p.name for p in ERRORS_DIR.glob("*.md") if p.stem not in CODES]
    assert not stale, f"pages for codes that are not in CODES: {stale}"


@pytest.mark.parametrize("page", own_error_pages(), ids=lambda p: p.stem)
def test_error_page_has_both_examples(page: Path) -> None:
    """An E or M page shows the mistake and its fix (a lint's page: code that warns,
    then code that does not); ICE has nothing to show."""
    found = examples(page)
    failing = [ex for ex in found if (ex.warns if page.stem in LINTS else ex.compile_fail)]
    passing = [ex for ex in found if "ok" in ex.info and ex.module_name is None]
    if page.stem == "ICE":
        assert not failing, "no program is supposed to trigger an ICE"
        return
    assert failing, f"{page.name}: no ```rust,{'warn' if page.stem in LINTS else 'compile_fail'} example"
    assert passing, f"{page.name}: no ```rust,ok example"
    assert failing[0].line < passing[0].line, f"{page.name}: the erroneous example comes first"


def test_explain_prints_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    from compiler.cli import main
    assert main(["explain", "M0002"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip() == (ERRORS_DIR / "M0002.md").read_text(encoding="utf-8").rstrip()
    assert out.startswith("# M0002: argument points into a different memory than the parameter")


def test_explain_accepts_lower_case_and_rejects_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    from compiler.cli import main
    assert main(["explain", "e0308"]) == 0
    assert capsys.readouterr().out.startswith("# E0308: mismatched types")
    assert main(["explain", "X9999"]) == 1
    assert "not a farc error code" in capsys.readouterr().err


# ----------------------------------------------------------------------------
# the reference


def test_reference_shows_every_memory_rule() -> None:
    """The reference has a failing example for each M code and links its page."""
    assert REFERENCE.is_file(), "docs/reference.md is missing"
    text = REFERENCE.read_text(encoding="utf-8")
    shown = {code for ex in examples(REFERENCE) if ex.compile_fail for code in ex.expected_codes()}
    for code in sorted(c for c in CODES if c.startswith("M")):
        assert f"errors/{code}.md" in text, f"reference.md does not link docs/errors/{code}.md"
        assert code in shown, f"reference.md has no ```rust,compile_fail,{code} example"


def test_reference_links_resolve() -> None:
    """Relative links in the reference point to files that exist (pages other
    engineers write may be missing for now: that is a skip, not a failure)."""
    text = REFERENCE.read_text(encoding="utf-8")
    targets = set(re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", text))
    missing = sorted(t for t in targets if not (REFERENCE.parent / t).exists())
    theirs = [t for t in missing if t in OTHERS_DOCS or Path(t).stem.startswith(OTHERS_PREFIXES)]
    assert missing == theirs, f"reference.md links to missing files: {sorted(set(missing) - set(theirs))}"
    if theirs:
        pytest.skip(f"not written yet (owned by other engineers): {theirs}")
