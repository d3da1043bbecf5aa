"""Mutations: one input = a seed and a few stacked mutations.

Families (each a function `(rng, text, corpus) -> (text, what)`):
* grammar-aware: a node (expression, type, statement, item, attribute)
  replaced by another of its kind from any seed, deleted, duplicated (two
  items with one name, two exports) or wrapped in a hostile expression;
* token: a token deleted, duplicated, swapped or replaced by a corpus token;
* hostile literals: integers at the edges of every type (2^32, 2^63, -1,
  2^24 as a memory index), strings no export name should hold (NUL, quotes,
  `memory`, the linker's own symbols, 300 characters);
* hostile attributes: `#![memory(...)]` with random indices and options,
  `#[export_name]`, `#[no_mangle]`, `#[link(wasm_import_module)]`, `#[mem_idx]`;
* byte: bytes flipped, inserted, deleted or spliced from another seed (the
  result may not be UTF-8: that exercises the source decoder).

Grammar-aware mutations need the seed's pristine node offsets, so an input
starts with at most one of them and continues with text-level ones.
"""
from __future__ import annotations

import random
import re
from typing import Callable

from .seeds import Corpus, Seed

_TOKEN = re.compile(
    r"\s+|//[^\n]*|/\*.*?\*/|\"(?:[^\"\\]|\\.)*\"?|[A-Za-z_][A-Za-z0-9_]*|0[xob][0-9a-fA-F_]*\w*"
    r"|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?\w*|::|->|<<=|>>=|==|!=|<=|>=|&&|\|\||<<|>>|[-+*/%^&|]=|.",
    re.S,
)


def tokens(text: str) -> list[str]:
    """`text` cut into tokens, whitespace and comments included (they join back to `text`)."""
    return _TOKEN.findall(text)


BOUNDARY_INTS = [0, 1, 2, 3, 7, 8, 15, 16, 31, 32, 63, 64, 127, 128, 255, 256, 1023, 4096, 32767, 32768, 65535,
                 65536, 65537, 2**24 - 1, 2**24, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**32 + 1, 2**48, 2**53,
                 2**63 - 1, 2**63, 2**64 - 1, 2**64]
INT_SUFFIXES = ["", "", "", "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "usize", "isize"]
MEMORY_INDICES = [0, 1, 2, 3, 4, 7, 99, 100, 255, 256, 1000, 65535, 2**24 - 1, 2**24, 2**31, 2**32 - 1, 2**32,
                  2**64 - 1]
HOSTILE_STRINGS = ["", "\\0", "a\\0b", "memory", "m0", "m1", "__heap_base", "__data_end", "__stack_pointer",
                   "__indirect_function_table", "_start", "env", "farc:mem", "i32.load.m1.a4", "a.b", ".", "a b",
                   "\\n", "\\t", "\\\"", "\\\\", "é", "名前", "\\u{202e}", "\\u{0}", "x" * 300, "main", "f",
                   "get", "run", "init", "memory64", "C", "Rust", "a\\nb", "\\u{10ffff}", "\\x7f"]
FLOATS = ["0.0", "1e308", "1e309", "1.7976931348623157e308", "4.9e-324", "1e-400", "3.4028235e38f32",
          "3.5e38f32", "0.1f32", "123456789012345678901234567890.0",
          # f32 rounding: a halfway point, just above one, subnormal, past the range; more digits than
          # Python converts at once (4300)
          "16777217.5f32", "1.0000000596046447753906250001f32", "7e-46f32", "3.40282357e38", "-0.0",
          "1e" + "0" * 4400 + "1", "1." + "0" * 4400 + "1f32"]
#: integer literals with more digits than Python converts at once
LONG_INTS = ["0" * 4400 + "7", "9" * 4400, "0x" + "0" * 4400 + "ff"]
EXPR_WRAPPERS = [
    "({e})", "-({e})", "!({e})", "({e}) as u8", "({e}) as i64", "({e}) as usize", "({e}) as f32",
    "({e}) as *const u8", "({e}) + ({e})", "({e}) * ({e})", "({e}) / 0", "({e}) % -1", "({e}) << 40",
    "({e}) >> 64", "{{ {e} }}", "unsafe {{ {e} }}", "if true {{ {e} }} else {{ {e} }}",
    "loop {{ break {e}; }}", "[{e}; 4294967295]", "[{e}; 0]", "[{e}; 65536]", "*({e})", "&({e})",
    "&raw const ({e})", "&mut ({e})", "({e}).add(1)", "({e}).offset(-1)", "({e})[4294967295]", "({e})[0]",
    "({e}).0", "({e}).x", "({e})({e})", "return {e}", "({e}) == ({e})", "({e}) < ({e})",
    "core::mem::size_of::<[u8; 4294967296]>()", "i32::MIN / -1", "i64::MIN % -1", "u8::MAX + 1",
    "2147483647i32 + 1", "0u32 - 1", "1u64 << 64", "-(-2147483648i32)", "usize::MAX * 2",
]
TYPE_WRAPPERS = [
    "[{t}; 4294967295]", "[{t}; 4294967296]", "[[{t}; 65536]; 65536]", "[{t}; 0]", "*const {t}",
    "*mut *mut {t}", "&{t}", "&mut {t}", "#[mem_idx(1)] *const {t}", "#[mem_idx(2)] *mut {t}",
    "#[mem_idx(16777216)] *const {t}", "#[mem_idx(4294967296)] *const {t}", "#[mem_idx(M)] *const {t}",
    "#[mem_idx(18446744073709551615)] *mut {t}", "[{t}; 18446744073709551615]", "[[{t}; 4294967295]; 2]",
]
MEMORY_OPTIONS = ["min = {n}", "max = {n}", "shared", "memory64", 'export = "{s}"', 'import = "{s}.{s}"',
                  'import = "{s}"', "wasm_index = {n}", "min = {n}, max = {m}", "{n}", "unknown = 1"]
OUTER_ATTRS = ["#[no_mangle]", '#[export_name = "{s}"]', "#[inline]", "#[repr(C)]", "#[mem_idx({i})]",
               '#[link(wasm_import_module = "{s}")]', '#[link_name = "{s}"]', "#[{s}]", "#[no_mangle] #[no_mangle]",
               '#[export_name = "{s}"] #[no_mangle]']
INNER_ATTR_LINE = re.compile(r"^#!\[[^\n]*\]\s*$", re.M)
ITEM_START = re.compile(r"^(?:pub |extern |unsafe |fn |static |struct |const |#\[)", re.M)


def hostile_int(rng: random.Random) -> str:
    if rng.random() < 0.02:
        return rng.choice(LONG_INTS)
    value = rng.choice(BOUNDARY_INTS[:17] if rng.random() < 0.4 else BOUNDARY_INTS)
    if rng.random() < 0.15:
        value += rng.choice([-1, 1])
    text = rng.choice([str(value), hex(value), f"{value:_}"]) if value >= 0 else str(value)
    if rng.random() < 0.2:
        text = "-" + text
    return text + rng.choice(INT_SUFFIXES)


def hostile_string(rng: random.Random, text: str) -> str:
    if rng.random() < 0.3:  # an existing name: duplicates
        names = re.findall(r"fn ([A-Za-z_]\w*)|\"([^\"\\\n]{1,40})\"", text)
        flat = [a or b for a, b in names]
        if flat:
            return rng.choice(flat)
    return rng.choice(HOSTILE_STRINGS)


def _fill(rng: random.Random, template: str, text: str) -> str:
    return template.format(n=rng.choice(BOUNDARY_INTS[:30]), m=rng.choice(BOUNDARY_INTS[:30]),
                           s=hostile_string(rng, text), i=rng.choice(MEMORY_INDICES))


# ---------------------------------------------------------------------------
# grammar-aware (on a pristine seed)


def grammar_mutation(rng: random.Random, seed: Seed, corpus: Corpus) -> tuple[str, str]:
    text = seed.text
    node = rng.choice(seed.nodes)
    piece = text[node.start:node.end]
    roll = rng.random()
    if roll < 0.45 and corpus.fragments[node.category]:
        new = rng.choice(corpus.fragments[node.category])
        what = f"replace {node.category}@{node.start}"
    elif roll < 0.6 and node.category in ("stmt", "item", "attr"):
        new = ""
        what = f"delete {node.category}@{node.start}"
    elif roll < 0.75 and node.category in ("stmt", "item", "attr"):
        new = piece + "\n" + piece
        what = f"duplicate {node.category}@{node.start}"
    elif node.category == "expr":
        new = piece
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            new = rng.choice(EXPR_WRAPPERS).format(e=new)
        if rng.random() < 0.02:  # deep nesting
            depth = rng.choice([100, 500, 2000])
            new = "(" * depth + new + ")" * depth
        what = f"wrap expr@{node.start}"
    elif node.category == "type":
        new = rng.choice(TYPE_WRAPPERS).format(t=piece)
        what = f"wrap type@{node.start}"
    else:
        new = rng.choice(corpus.fragments[node.category] or [piece])
        what = f"replace {node.category}@{node.start}"
    return text[:node.start] + new + text[node.end:], what


# ---------------------------------------------------------------------------
# text-level


def token_mutation(rng: random.Random, text: str, corpus: Corpus) -> tuple[str, str]:
    toks = tokens(text)
    solid = [i for i, t in enumerate(toks) if not t.isspace() and not t.startswith(("//", "/*"))]
    if not solid:
        return text + rng.choice(corpus.vocabulary), "append token"
    i = rng.choice(solid)
    roll = rng.random()
    if roll < 0.25:
        toks[i] = ""
        what = "delete token"
    elif roll < 0.4:
        toks[i] = toks[i] + " " + toks[i]
        what = "duplicate token"
    elif roll < 0.55:
        j = rng.choice(solid)
        toks[i], toks[j] = toks[j], toks[i]
        what = "swap tokens"
    elif roll < 0.85:
        toks[i] = rng.choice(corpus.vocabulary)
        what = "replace token"
    else:
        toks[i] = toks[i] + " " + rng.choice(corpus.vocabulary)
        what = "insert token"
    return "".join(toks), what


def literal_mutation(rng: random.Random, text: str, corpus: Corpus) -> tuple[str, str]:
    toks = tokens(text)
    numbers = [i for i, t in enumerate(toks) if t[:1].isdigit()]
    strings = [i for i, t in enumerate(toks) if t.startswith('"')]
    roll = rng.random()
    if strings and (roll < 0.35 or not numbers):
        i = rng.choice(strings)
        toks[i] = f'"{hostile_string(rng, text)}"'
        return "".join(toks), "hostile string"
    if numbers and roll < 0.6:
        i = rng.choice(numbers)
        toks[i] = rng.choice(FLOATS) if "." in toks[i] or rng.random() < 0.05 else hostile_int(rng)
        return "".join(toks), "hostile number"
    if numbers and roll < 0.9:  # a nearby value with the same suffix: keeps most programs valid
        i = rng.choice(numbers)
        m = re.fullmatch(r"(\d{1,30})([a-z]\w*)?", toks[i].replace("_", ""))
        if m is not None:
            value = int(m.group(1))
            toks[i] = str(rng.choice([0, 1, max(0, value - 1), value + 1, value * 2, value // 2])) + (m.group(2) or "")
            return "".join(toks), "nearby number"
    return token_mutation(rng, text, corpus)


def attribute_mutation(rng: random.Random, text: str, corpus: Corpus) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.45:
        options = [_fill(rng, rng.choice(MEMORY_OPTIONS), text) for _ in range(rng.choice([0, 1, 1, 2, 3]))]
        index = rng.choice(MEMORY_INDICES) if rng.random() < 0.8 else hostile_int(rng)
        attr = f"#![memory({', '.join([str(index), *options])})]\n"
        inner = list(INNER_ATTR_LINE.finditer(text))
        at = inner[-1].end() + 1 if inner and rng.random() < 0.7 else 0
        at = min(at, len(text))
        return text[:at] + attr + text[at:], "memory declaration"
    if roll < 0.6:  # renumber an existing memory reference
        refs = list(re.finditer(r"(?:mem_idx\(|memory\(|memory_size::<|memory_grow::<|_memidx::<)(\d+)", text))
        if refs:
            m = rng.choice(refs)
            return text[:m.start(1)] + str(rng.choice(MEMORY_INDICES)) + text[m.end(1):], "memory index"
    starts = [m.start() for m in ITEM_START.finditer(text)]
    at = rng.choice(starts) if starts else 0
    attr = _fill(rng, rng.choice(OUTER_ATTRS), text)
    return text[:at] + attr + "\n" + text[at:], "outer attribute"


def byte_mutation(rng: random.Random, data: bytes, corpus: Corpus) -> tuple[bytes, str]:
    buf = bytearray(data)
    at = rng.randrange(len(buf) + 1)
    roll = rng.random()
    if roll < 0.3 and buf:
        for _ in range(rng.choice([1, 1, 2, 4])):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf), "flip bytes"
    if roll < 0.5:
        insert = bytes(rng.choice([0, 0x7f, 0xff, 0xc3, 0xe2, 0x80, ord('"'), ord("\\"), ord("/"), ord("*"),
                                   ord("#"), ord("\n"), ord("{"), ord("}")]) for _ in range(rng.choice([1, 2, 3])))
        return bytes(buf[:at] + insert + buf[at:]), "insert bytes"
    if roll < 0.7 and buf:
        end = min(len(buf), at + rng.choice([1, 2, 8, 64]))
        return bytes(buf[:at] + buf[end:]), "delete bytes"
    other = rng.choice(corpus.seeds).text.encode("utf-8")
    start = rng.randrange(len(other) + 1)
    piece = other[start:start + rng.choice([4, 16, 80, 400])]
    return bytes(buf[:at] + piece + buf[at:]), "splice bytes"


TextMutation = Callable[[random.Random, str, Corpus], tuple[str, str]]
TEXT_MUTATIONS: list[tuple[float, TextMutation]] = [
    (0.35, token_mutation), (0.35, literal_mutation), (0.3, attribute_mutation),
]


def mutant(rng: random.Random, corpus: Corpus) -> tuple[bytes, str]:
    """One fuzz input and how it was made."""
    accepted = [s for s in corpus.seeds if s.accepted]
    seed = rng.choice(accepted if accepted and rng.random() < 0.75 else corpus.seeds)
    text, steps = seed.text, [seed.name]
    if seed.nodes and rng.random() < 0.5:
        text, what = grammar_mutation(rng, seed, corpus)
        steps.append(what)
    for _ in range(rng.choice([0, 0, 1, 2]) if len(steps) > 1 else rng.choice([1, 1, 1, 2, 3])):
        weights, functions = zip(*TEXT_MUTATIONS)
        mutation = rng.choices(functions, weights)[0]
        text, what = mutation(rng, text, corpus)
        steps.append(what)
    data = text.encode("utf-8")
    if rng.random() < 0.08:
        data, what = byte_mutation(rng, data, corpus)
        steps.append(what)
    return data, " / ".join(steps)
