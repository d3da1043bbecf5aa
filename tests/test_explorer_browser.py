"""The farc explorer in a real browser: headless Chromium (Debian's), driven by
Playwright, against `farc serve` on a free port. One server and one browser
per test process; each test gets a fresh page."""
from __future__ import annotations

import re

import pytest

from explorer_support import chromium, compiles, explorer_server, missing_requirement, set_source, wait_compiled

pytestmark = pytest.mark.browser
if (reason := missing_requirement()) is not None:
    pytest.skip(reason, allow_module_level=True)

RUN_PROGRAM = """#![memory(1, min = 1)]

#[mem_idx(1)]
static mut TABLE: [u32; 4] = [5, 6, 7, 8];

#[no_mangle]
pub extern "C" fn get(i: usize) -> u32 {
    let p: #[mem_idx(1)] *const u32 = unsafe { (&raw const TABLE).cast::<u32>() };
    unsafe { *p.add(i) }
}

#[no_mangle]
pub extern "C" fn div(a: i32, b: i32) -> i32 {
    a / b
}
"""

IMPORTED = """#![memory(2, import = "host.buffer", min = 1)]

#[no_mangle]
pub extern "C" fn put(addr: usize, v: u8) {
    let p = addr as #[mem_idx(2)] *mut u8;
    unsafe { *p = v; }
}
"""


@pytest.fixture(scope="module")
def url():
    with explorer_server() as address:
        yield address


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser, url):
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    wait_compiled(page, 0)
    yield page
    context.close()
    assert errors == [], f"errors in the page: {errors}"


def colour(page, selector: str, prop: str = "color") -> str:
    return page.eval_on_selector(selector, f"e => getComputedStyle(e).{prop}")


def call(page, name: str, *args: str) -> str:
    row = page.locator(".export", has=page.locator(f"button[data-export={name}]"))
    for i, value in enumerate(args):
        row.locator("input.arg").nth(i).fill(value)
    entries = page.locator("#runlog .run-entry").count()
    row.locator("button.call").click()
    page.wait_for_function("n => document.querySelectorAll('#runlog .run-entry').length > n", arg=entries)
    return page.locator("#runlog .run-entry").last.inner_text()


def hex_bytes(page, row_address: str) -> list[str]:
    return page.locator(".hex-row", has_text=row_address).locator(".byte").all_inner_texts()


def test_example_loads_and_each_memory_has_one_colour(page):
    assert page.input_value("#examples") == "far_sum"
    wat_far = page.locator("#pane-wat .mem.m-1:not(.op)")
    assert wat_far.count() >= 8 and wat_far.first.inner_text() == "$m1"
    assert page.locator("#pane-wat .mem.m-1.op").first.inner_text() == "i32.load"
    assert page.locator("#pane-llvm_ir .mem.m-1").first.inner_text() == "addrspace(1001)"
    m1 = colour(page, "#pane-wat .mem.m-1")
    assert colour(page, "#pane-llvm_ir .mem.m-1") == m1
    assert colour(page, ".cm-content .cm-mem.m-1") == m1  # `#[mem_idx(1)]` in the source
    assert colour(page, "#memmap .chip.m-1", "backgroundColor") == m1
    assert colour(page, "#legend .chip.m-0", "backgroundColor") != m1
    page.click("text=legalized .ll")
    intrinsic = page.locator("#pane-llvm_ir_legalized .mem.m-1", has_text="@i32.load.m1").first
    assert intrinsic.inner_text() == "@i32.load.m1.a4"
    assert intrinsic.evaluate("e => getComputedStyle(e).color") == m1
    memmap = page.inner_text("#memmap")
    assert "FAR_DATA" in memmap and "0x10" in memmap and "[u32; 8]" in memmap
    main = page.locator("#memmap table.accesses tr", has_text="__original_main").inner_text()
    assert "RW" in main  # main reads and writes memory 1 itself


def test_diagnostics_appear_as_you_type(page):
    set_source(page, "#![memory(1, min = 1)]\nfn near(_: *const u8) {}\n")
    page.keyboard.press("Control+End")
    before = compiles(page)
    page.keyboard.type("fn f(p: #[mem_idx(1)] *const u8) { near(p); }")
    wait_compiled(page, before, state="errors")
    assert page.locator(".cm-lintRange-error").count() == 1
    assert page.locator(".cm-lintRange-error").inner_text() == "p"
    diagnostics = page.inner_text("#diagnostics")
    assert "M0002" in diagnostics and "argument points into memory 1" in diagnostics
    assert "help:" in diagnostics
    page.hover(".cm-lintRange-error")
    page.wait_for_selector(".cm-tooltip-lint")
    assert "M0002" in page.inner_text(".cm-tooltip-lint")
    page.click("#diagnostics a.code[data-code=M0002]")
    page.wait_for_selector("#explain[open] h3")
    assert page.inner_text("#explain h3").startswith("M0002:")
    assert "#[mem_idx" in page.inner_text("#explain pre")


def test_run_results_traps_and_memory_bytes(page):
    set_source(page, RUN_PROGRAM)
    assert call(page, "get", "2") == "get(2) = 7"
    assert call(page, "div", "-9", "2") == "div(-9, 2) = -4"
    trap = call(page, "div", "7", "0")  # farc checks the divisor: its trap is an `unreachable`
    assert trap == "trap in div: unreachable"
    assert page.inner_text("#pane-wat .trap-line").strip() == "unreachable"
    trap = call(page, "get", "100000")
    assert trap.startswith("trap in get:") and "out of bounds" in trap
    assert "i32.load $m1" in page.inner_text("#pane-wat .trap-line")
    # memory 1's bytes: TABLE at 0x10, labelled
    page.click(".mem-tab.m-1")
    hexview = page.inner_text("#hexview")
    assert "TABLE @ 0x10" in hexview
    assert hex_bytes(page, "0x000010")[:5] == ["05", "00", "00", "00", "06"]
    assert "TABLE" in page.locator(".hex-row", has_text="0x000010").inner_text()


def test_imported_memory_is_created_by_the_page(page):
    set_source(page, IMPORTED)
    assert call(page, "put", "3", "171") == "put(3, 171) = ()"
    page.click(".mem-tab.m-2")
    assert hex_bytes(page, "0x000000")[:5] == ["00", "00", "00", "ab", "00"]
    assert page.locator(".hex .byte.changed").count() == 1


def test_state_is_kept_in_the_url(page, browser):
    page.select_option("#opt", "0")
    set_source(page, "#[no_mangle]\npub extern \"C\" fn answer() -> i32 { 6 * 7 }\n")
    page.wait_for_function("() => location.hash.startsWith('#s=')")
    page.wait_for_timeout(600)  # the fragment follows the text after a short pause
    link = page.url
    other = browser.new_page()
    try:
        other.goto(link)
        wait_compiled(other, 0)
        assert other.input_value("#opt") == "0"
        assert "fn answer() -> i32 { 6 * 7 }" in other.inner_text(".cm-content")
        assert call(other, "answer") == "answer() = 42"
    finally:
        other.close()


def test_source_lines_and_outputs_highlight_each_other(page):
    body = page.locator(".cm-line", has_text="sum(far, 8)")
    body.hover()
    highlighted = page.locator("#pane-wat .line.hl-region")
    assert highlighted.count() > 0 and highlighted.first.inner_text().strip().startswith("(func $sum_far ")
    assert page.locator("#pane-llvm_ir .line.hl-region").first.inner_text().startswith("define ")
    page.locator("#pane-wat .line", has_text=re.compile(r"^\s*\(func \$copy_far_to_near ")).hover()
    lines = page.locator(".cm-line.hl-region")
    assert lines.count() > 0 and "fn copy_far_to_near" in lines.first.inner_text()


def test_a_source_line_lights_up_the_exact_ir_and_wasm_it_became(page):
    page.locator(".cm-line", has_text="*far.add(4) = 6;").hover()
    wat = page.locator("#pane-wat .line.hl-exact").all_inner_texts()
    assert [line.strip() for line in wat if "store" in line] == ["i32.store $m1"]
    ir = page.locator("#pane-llvm_ir .line.hl-exact").all_inner_texts()
    assert any(line.strip().startswith("store i32 6, ptr addrspace(1001)") for line in ir), ir
    # and back: a far load of the .wat (the first is in sum_far) lights up the dereference it came from
    page.locator("#pane-wat .line", has_text="i32.load $m1").first.hover()
    source = page.locator(".cm-line.hl-exact").all_inner_texts()
    assert any("*p.add(i)" in line for line in source), source
