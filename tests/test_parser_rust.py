"""The parser on the Rust syntax of issue 9: `impl`, traits, enums, patterns,
tuples, slices, ranges, closures, lifetimes, modules, ...

As in test_parser.py, most tests print the AST back as fully parenthesized
source (`show`) and compare it with what the construct means in Rust; items
are checked field by field; spans and error messages separately.
"""
from __future__ import annotations

import pytest

from compiler.diagnostics import DiagnosticSink
from compiler.source import SourceFile
from compiler.syntax import ast
from compiler.syntax.parser import parse_fragment

from test_parser import body, error, expr, parse_ok, show, ty


def pattern(text: str) -> str:
    return show(parse_ok(text, "pattern"))


def items(text: str) -> tuple[ast.Item, ...]:
    module = parse_ok(text)
    assert isinstance(module, ast.Module)
    return module.items


def item(text: str) -> ast.Item:
    (only,) = items(text)
    return only


def diagnostic(text: str, start: str = "module"):
    sink = DiagnosticSink()
    assert parse_fragment(SourceFile("test.rs", text), sink, start) is None  # type: ignore[arg-type]
    (d,) = sink.diagnostics
    return d


# ---------------------------------------------------------------------------
# types


@pytest.mark.parametrize("source, expected", [
    ("Buf<u8, 4>", "Buf<u8, 4>"),
    ("Buf<Buf<u8, 1>, 2>", "Buf<Buf<u8, 1>, 2>"),
    ("Opt<Opt<Opt<u8>>>", "Opt<Opt<Opt<u8>>>"),  # `>>` and `>>>` close several lists
    ("Cell<{ N + 1 }>", "Cell<{ (N + 1) }>"),
    ("Self", "Self"), ("Self::Item", "Self::Item"), ("crate::shapes::Circle", "crate::shapes::Circle"),
    ("super::T", "super::T"), ("self::T", "self::T"),
    ("Wrap<'a, T>", "Wrap<'a, T>"), ("Add<Output = u32>", "Add<Output = u32>"),
    ("Fn(u32) -> u32", "Fn(u32) -> u32"), ("FnMut(u32, bool)", "FnMut(u32, bool)"), ("Fn()", "Fn()"),
    ("&'a T", "&'a T"), ("&'a mut T", "&'a mut T"), ("&'static u8", "&'static u8"),
    ("[u32]", "[u32]"), ("&[u32]", "&[u32]"), ("&mut [u8]", "&mut [u8]"),
    ("#[mem_idx(M)] &[T]", "#[mem_idx(M)] &[T]"), ("#[mem_idx(1)] &mut [u32]", "#[mem_idx(1)] &mut [u32]"),
    ("(u32, bool)", "(u32, bool)"), ("(u32,)", "(u32,)"), ("(u32)", "u32"), ("((), (u8, u8))", "((), (u8, u8))"),
    ("fn(u32) -> u32", "fn(u32) -> u32"), ("fn()", "fn()"), ("fn(x: u32, bool)", "fn(u32, bool)"),
    ("#[far] fn(u32) -> u32", "#[far] fn(u32) -> u32"), ("unsafe extern \"C\" fn(i32)", "fn(i32)"),
    ("impl Fn(u32) -> u32", "impl Fn(u32) -> u32"), ("dyn Area", "dyn Area"),
    ("*const Buf<T, N>", "*const Buf<T, N>"),
])
def test_types(source: str, expected: str) -> None:
    assert ty(source) == expected


def test_type_fields() -> None:
    buf = parse_ok("a::Buf<u8, 4>", "type")
    assert isinstance(buf, ast.PathType) and buf.name == "Buf" and buf.qualifier == ("a",)
    assert buf.segments == ("a", "Buf") and [type(x).__name__ for x in buf.generic_args] == ["PathType", "IntLit"]
    fn = parse_ok("Fn(u32) -> bool", "type")
    assert isinstance(fn, ast.PathType) and fn.paren_args is not None and show(fn.paren_args.output) == "bool"
    far = parse_ok("#[far] unsafe fn(u32)", "type")
    assert isinstance(far, ast.FnPtrTypeExpr) and far.is_unsafe and [a.name for a in far.attrs] == ["far"]
    assert far.abi is None and far.span.start == 0
    c_fn = parse_ok('extern "C" fn()', "type")
    assert isinstance(c_fn, ast.FnPtrTypeExpr) and c_fn.abi == "C"
    slice_ref = parse_ok("#[mem_idx(M)] &mut [T]", "type")
    assert isinstance(slice_ref, ast.PointerTypeExpr) and slice_ref.mem is not None and slice_ref.mem.value == "M"
    assert isinstance(slice_ref.pointee, ast.SliceTypeExpr) and slice_ref.mutable and slice_ref.is_ref
    lt = parse_ok("&'a T", "type")
    assert isinstance(lt, ast.PointerTypeExpr) and lt.lifetime is not None and lt.lifetime.name == "'a"


def test_casts_keep_working_and_lt_after_a_cast_is_generic_arguments() -> None:
    assert expr("x as u32 + 1") == "((x as u32) + 1)"
    assert expr("x as *const Buf<u8> == p") == "((x as *const Buf<u8>) == p)"
    assert expr("a >> 2 >= b") == "((a >> 2) >= b)"
    assert expr("a as u8 >> 2") == "((a as u8) >> 2)"
    # as in rustc, `<` after a cast starts generic arguments: say how to compare
    d = diagnostic("fn f() { let x = a as u8 < b; }")
    assert d.code == "S0001" and d.help == [
        "`<` after `as u8` starts generic arguments for `u8` (as in Rust): to compare, put the cast in "
        "parentheses, `(x as u8) < y`"]


# ---------------------------------------------------------------------------
# expressions


@pytest.mark.parametrize("source, expected", [
    # paths: associated items, turbofish on any segment, qualified paths
    ("Self::new()", "Self::new()"), ("u32::MAX", "u32::MAX"), ("i64::MIN", "i64::MIN"),
    ("Buf::<u8, 4>::new(0)", "Buf::<u8, 4>::new(0)"), ("Vec::<Vec<u8>>::new()", "Vec::<Vec<u8>>::new()"),
    ("<T as Shape>::area(&x)", "<T as Shape>::area((&x))"), ("<u32>::max(1, 2)", "<u32>::max(1, 2)"),
    ("<Buf<T, N> as InMemory<1>>::get", "<Buf<T, N> as InMemory<1>>::get"),
    ("crate::a::f()", "crate::a::f()"), ("super::f()", "super::f()"), ("self.len", "self.len"),
    ("f::<Buf<u8>>()", "f::<Buf<u8>>()"),
    # tuples
    ("(a, b)", "(a, b)"), ("(a,)", "(a,)"), ("(a, b,)", "(a, b)"), ("(a)", "a"), ("((1, 2), 3)", "((1, 2), 3)"),
    ("t.0", "t.0"), ("t.0.1", "t.0.1"), ("t.1.f()", "t.1.f()"), ("s.0 + s.1", "(s.0 + s.1)"),
    # ranges
    ("a..b", "(a..b)"), ("a..=b", "(a..=b)"), ("..b", "(..b)"), ("..=b", "(..=b)"), ("a..", "(a..)"), ("..", "(..)"),
    ("a + 1..b * 2", "((a + 1)..(b * 2))"), ("a || b..c", "((a || b)..c)"), ("x = a..b", "(x = (a..b))"),
    ("&a[i..j]", "(&a[(i..j)])"), ("a[..]", "a[(..)]"), ("a[1..]", "a[(1..)]"), ("(a..b).len()", "(a..b).len()"),
    # closures
    ("|x| x + 1", "(|x| (x + 1))"), ("|a: u32, b: u32| -> u32 { a + b }", "(|a: u32, b: u32| -> u32 { (a + b) })"),
    ("move |x| x", "(move |x| x)"), ("|| 0", "(|| 0)"), ("move || f()", "(move || f())"),
    ("|(a, b)| a", "(|(a, b)| a)"), ("|&x| x", "(|&x| x)"), ("f(|x| x, 2)", "f((|x| x), 2)"),
    ("it.map(|x| x * 2).sum()", "it.map((|x| (x * 2))).sum()"),
    # a closure at a statement's start (it was S0001)
    ("{ || 1 }", "{ (|| 1) }"), ("{ |x| x; 2 }", "{ (|x| x); 2 }"),
    ("{ move |a: u32| -> u32 { a } }", "{ (move |a: u32| -> u32 { a }) }"), ("{ if c {} |x| x }", "{ if c {} (|x| x) }"),
    # struct literals through paths, struct update
    ("Self { x: 1 }", "Self { x: 1 }"), ("Shape::Rect { w, h: 2 }", "Shape::Rect { w: w, h: 2 }"),
    ("S { x: 1, ..base }", "S { x: 1, ..base }"), ("S { ..Default::default() }", "S { ..Default::default() }"),
    ("Buf::<u8, 4> { len: 0 }", "Buf::<u8, 4> { len: 0 }"),
    # `?`, macros
    ("f()?", "f()?"), ("a.b()?.c", "a.b()?.c"), ("assert!(a == b, \"no\")", "assert!((a == b), 'no')"),
    ("vec![1, 2]", "vec!(1, 2)"), ("unreachable!()", "unreachable!()"),
    # labels, break values, continue labels
    ("'a: loop { break 'a 5; }", "'a: loop { break 'a 5; }"), ("'a: { 1 }", "'a: { 1 }"),
    ("'o: while c { continue 'o; }", "'o: while c { continue 'o; }"),
    ("'o: for x in it { break 'o; }", "'o: for x in it { break 'o; }"),
    # if let, while let, for, match
    ("if let Some(x) = o { x } else { 0 }", "if let Some(x) = o { x } else { 0 }"),
    ("if let A | B = x {} else if let C = y {}", "if let (A | B) = x {} else if let C = y {}"),
    ("while let Some(x) = it.next() { }", "while let Some(x) = it.next() {}"),
    ("for i in 0..n { }", "for i in (0..n) {}"), ("for i in 0.. { }", "for i in (0..) {}"),
    ("for (i, x) in it { }", "for (i, x) in it {}"), ("for &x in a.iter() { }", "for &x in a.iter() {}"),
    ("match x { 1 => a, _ => b }", "match x { 1 => a, _ => b, }"),
    ("match x { A | B if c => { 1 } C => 2, }", "match x { (A | B) if c => { 1 }, C => 2, }"),
    ("match x { | A => 1 }", "match x { A => 1, }"),
    ("match x { S { a } => a, }", "match x { S { a: a } => a, }"),
])
def test_expressions(source: str, expected: str) -> None:
    assert expr(source) == expected


def test_tuple_index_spans() -> None:
    node = parse_ok("t.0.1", "expr")
    assert isinstance(node, ast.TupleIndex) and node.index == 1 and (node.span.start, node.span.end) == (0, 5)
    inner = node.base
    assert isinstance(inner, ast.TupleIndex) and inner.index == 0 and (inner.span.start, inner.span.end) == (0, 3)


def test_path_fields() -> None:
    path = parse_ok("Buf::<u8, 4>::new", "expr")
    assert isinstance(path, ast.Path) and path.segments == ("Buf", "new") and path.generic_args == ()
    assert [[show(a) for a in args] for args in path.prefix_args] == [["u8", "4"]]
    q = parse_ok("<T as Shape>::area", "expr")
    assert isinstance(q, ast.Path) and q.segments == ("area",) and q.qself is not None
    assert show(q.qself.ty) == "T" and q.qself.trait is not None and q.qself.trait.name == "Shape"
    plain = parse_ok("core::ptr::null::<u8>", "expr")
    assert isinstance(plain, ast.Path) and plain.prefix_args == () and show(plain.generic_args) == "u8"


def test_closure_fields() -> None:
    node = parse_ok("move |a: u32, (b, c)| -> u32 { a }", "expr")
    assert isinstance(node, ast.Closure) and node.is_move and show(node.ret) == "u32"
    assert [type(p.pattern).__name__ for p in node.params] == ["IdentPat", "TuplePat"]
    assert node.params[1].ty is None and isinstance(node.body, ast.Block)


def test_match_arm_forms() -> None:
    # a block-like arm body needs no comma, as in Rust; other bodies do except the last
    node = parse_ok("match x { 0 => { a } 1 => if c { 2 } else { 3 } 2 => b, _ => loop {} }", "expr")
    assert isinstance(node, ast.Match)
    assert [type(a.body).__name__ for a in node.arms] == ["Block", "If", "Path", "Loop"]
    code, message, _ = error("fn f() { match x { 0 => a 1 => b } }")
    assert code == "S0001" and "found number `1`" in message


def test_match_arm_spans() -> None:
    text = "match x { 1..=5 if y => z, _ => w }"
    node = parse_ok(text, "expr")
    assert isinstance(node, ast.Match)
    first, last = node.arms
    assert text[first.span.start:first.span.end] == "1..=5 if y => z,"
    assert text[last.span.start:last.span.end] == "_ => w"


def test_statements() -> None:
    assert show(body("let (a, mut b) = t;")) == "{ let (a, mut b) = t; }"
    assert show(body("let P(x, ..) = p;")) == "{ let P(x, ..) = p; }"
    assert show(body("let Some(x) = o else { return; };")) == "{ let Some(x) = o else { return; }; }"
    assert show(body("let [a, b]: [u8; 2] = arr;")) == "{ let [a, b]: [u8; 2] = arr; }"
    # the `else` of an `if` initializer stays the `if`'s (let-else's initializer may not end with `}`)
    assert show(body("let x = if c { 1 } else { 2 };")) == "{ let x = if c { 1 } else { 2 }; }"
    assert show(body("let v = 'b: { break 'b 5; };")) == "{ let v = 'b: { break 'b 5; }; }"
    block = body("fn inner() {} use a::b; const K: u8 = 1; struct S; K")
    assert [type(s).__name__ for s in block.stmts] == ["FnDecl", "UseDecl", "ConstDecl", "StructDecl"]
    assert show(block.tail) == "K"


def test_let_else_fields() -> None:
    let = body("let Some(x) = f() else { return };").stmts[0]
    assert isinstance(let, ast.Let) and isinstance(let.pattern, ast.TupleStructPat)
    assert isinstance(let.init, ast.Call) and isinstance(let.else_, ast.Block)


def test_for_in_condition_position() -> None:
    # `for i in 0.. {`: the `{` is the body, not the end of the range
    node = parse_ok("for i in 0.. { }", "expr")
    assert isinstance(node, ast.For) and isinstance(node.iter, ast.Range) and node.iter.end is None
    # no struct literal in the iterator position, as in `if` conditions
    node = parse_ok("for x in xs { }", "expr")
    assert isinstance(node, ast.For) and isinstance(node.iter, ast.Path)


# ---------------------------------------------------------------------------
# patterns


@pytest.mark.parametrize("source, expected", [
    ("x", "x"), ("mut x", "mut x"), ("ref x", "ref x"), ("ref mut x", "ref mut x"), ("_", "_"),
    ("x @ 1..=3", "x @ 1..=3"), ("rest @ ..", "rest @ .."),
    ("1", "1"), ("-1", "(-1)"), ("true", "true"),
    ("1..=5", "1..=5"), ("0..10", "0..10"), ("5..", "5.."), ("..=9", "..=9"), ("-5..=-1", "(-5)..=(-1)"),
    ("MIN..=MAX", "MIN..=MAX"), ("u8::MIN..=u8::MAX", "u8::MIN..=u8::MAX"),
    ("None", "None"), ("Shape::Empty", "Shape::Empty"), ("Self::ZERO", "Self::ZERO"),
    ("Some(x)", "Some(x)"), ("Shape::Circle(r)", "Shape::Circle(r)"), ("P(a, ..)", "P(a, ..)"), ("Unit()", "Unit()"),
    ("Point { x, y: 0 }", "Point { x: x, y: 0 }"), ("Shape::Rect { w, .. }", "Shape::Rect { w: w, .. }"),
    ("S { ref mut x, .. }", "S { x: ref mut x, .. }"), ("S { }", "S {  }"), ("S { .. }", "S { .. }"),
    ("()", "()"), ("(a, b)", "(a, b)"), ("(a,)", "(a,)"), ("(a)", "a"), ("(first, ..)", "(first, ..)"),
    ("(.., last)", "(.., last)"), ("[a, b]", "[a, b]"), ("[first, .., last]", "[first, .., last]"), ("[]", "[]"),
    ("&x", "&x"), ("&mut x", "&mut x"), ("&(a, b)", "&(a, b)"), ("&&x", "&&x"),
    ("A | B | C", "(A | B | C)"), ("Some(1 | 2)", "Some((1 | 2))"), ("(A | B, c)", "((A | B), c)"),
])
def test_patterns(source: str, expected: str) -> None:
    assert pattern(source) == expected


def test_pattern_fields() -> None:
    p = parse_ok("ref mut x @ Some(_)", "pattern")
    assert isinstance(p, ast.IdentPat) and (p.name, p.mutable, p.by_ref) == ("x", True, True)
    assert isinstance(p.subpattern, ast.TupleStructPat)
    assert isinstance(p.subpattern.elems[0], ast.WildcardPat)
    r = parse_ok("&mut x", "pattern")
    assert isinstance(r, ast.RefPat) and r.mutable and isinstance(r.pattern, ast.IdentPat) and not r.pattern.mutable
    s = parse_ok("S { a, b: _, .. }", "pattern")
    assert isinstance(s, ast.StructPat) and s.rest and [f.name for f in s.fields] == ["a", "b"]
    rng = parse_ok("1..=5", "pattern")
    assert isinstance(rng, ast.RangePat) and rng.inclusive and isinstance(rng.start, ast.IntLit)
    assert ast.simple_binding(parse_ok("mut x", "pattern")) == ("x", True)  # type: ignore[arg-type]
    assert ast.simple_binding(parse_ok("_", "pattern")) == ("_", False)  # type: ignore[arg-type]
    assert ast.simple_binding(parse_ok("ref x", "pattern")) is None  # type: ignore[arg-type]
    names = ast.bound_names(parse_ok("(a, S { b, c: [d, ..] }, e @ Some(f))", "pattern"))  # type: ignore[arg-type]
    assert [n.name for n in names] == ["a", "b", "d", "e", "f"]


@pytest.mark.parametrize("source, fragment", [
    ("fn f() { let .. = s; }", "`..` patterns are not allowed here"),
    ("fn f(..: u8) {}", "`..` patterns are not allowed here"),
    ("fn f() { match x { .. => 1 } }", "`..` patterns are not allowed here"),
    ("fn f() { let S { .., a } = s; }", "`..` must come last in a struct pattern"),
    ("fn f() { let S { a, .., } = s; }", "`..` must come last in a struct pattern"),
    ("fn f() { let mut _ = 1; }", "expected identifier, found reserved identifier `_`"),
    ("fn f() { let ref _ = 1; }", "expected identifier, found reserved identifier `_`"),
])
def test_pattern_errors(source: str, fragment: str) -> None:
    code, message, _ = error(source)
    assert code == "S0001" and fragment in message, message


# ---------------------------------------------------------------------------
# items


def test_impl_blocks_and_receivers() -> None:
    impl = item("""impl<T: Copy, const N: usize> Buf<T, N> where T: PartialEq {
        pub const CAP: usize = N;
        type Item = T;
        pub fn new() -> Self { loop {} }
        fn a(self) {} fn b(mut self) {} fn c(&self) {} fn d(&mut self) {} fn e(&'a self) {}
        fn f(self: #[mem_idx(M)] &Self, x: u32) {}
        const fn g(&self) -> usize { N }
    }""")
    assert isinstance(impl, ast.ImplBlock) and impl.trait is None and show(impl.self_ty) == "Buf<T, N>"
    assert [(g.name, g.kind, show(g.bounds)) for g in impl.generics] == [("T", "type", "Copy"), ("N", "const", "")]
    assert [(show(w.bounded), show(w.bounds)) for w in impl.where] == [("T", "PartialEq")]
    cap, item_ty, new, *methods = impl.items
    assert isinstance(cap, ast.ConstDecl) and cap.is_pub and show(cap.value) == "N"
    assert isinstance(item_ty, ast.TypeAlias) and show(item_ty.ty) == "T"
    assert isinstance(new, ast.FnDecl) and new.receiver is None and show(new.ret) == "Self"
    receivers = [(m.name, m.receiver.kind, m.receiver.mutable, show(m.receiver.ty) if m.receiver.ty else None)
                 for m in methods]  # type: ignore[union-attr]
    assert receivers == [("a", "value", False, None), ("b", "value", True, None), ("c", "ref", False, None),
                         ("d", "ref_mut", False, None), ("e", "ref", False, None),
                         ("f", "value", False, "#[mem_idx(M)] &Self"), ("g", "ref", False, None)]
    assert methods[4].receiver.lifetime.name == "'a"  # type: ignore[union-attr]
    assert [show(p.pattern) for p in methods[5].params] == ["x"]  # the receiver is not a parameter
    assert methods[6].is_const


def test_trait_impl_and_trait() -> None:
    impl, trait, generic = items("""
        impl<const M: usize> InMemory<M> for Cell<M> { fn get(self: #[mem_idx(M)] &Self) -> u32 { 0 } }
        pub trait Area: Copy + PartialEq + 'static {
            const SIDES: u32;
            const ONE: u32 = 1;
            type Out: Copy;
            fn area(&self) -> u32;
            fn double(&self) -> u32 { self.area() * 2 }
        }
        trait InMemory<const M: usize> where Self: Sized {}
    """)
    assert isinstance(impl, ast.ImplBlock) and show(impl.trait) == "InMemory<M>" and show(impl.self_ty) == "Cell<M>"
    assert isinstance(trait, ast.TraitDecl) and trait.vis is not None
    assert [show(b) if not isinstance(b, ast.Lifetime) else b.name for b in trait.supertraits] == [  # type: ignore
        "Copy", "PartialEq", "'static"]
    sides, one, out, area, double = trait.items  # type: ignore[union-attr]
    assert isinstance(sides, ast.ConstDecl) and sides.value is None and show(one.value) == "1"  # type: ignore
    assert isinstance(out, ast.TypeAlias) and out.ty is None and show(out.bounds) == "Copy"
    assert isinstance(area, ast.FnDecl) and area.body is None and isinstance(double.body, ast.Block)  # type: ignore
    assert isinstance(generic, ast.TraitDecl) and generic.generics[0].kind == "const" and len(generic.where) == 1


def test_generic_params_bounds_and_where() -> None:
    fn = item("fn f<'a, 'b: 'a, T: Shape + Copy + 'a, F: Fn(u32) -> u32, U: ?Sized, const N: usize = 4, V = u8>"
              "(x: &'a T) -> u32 where F: FnMut(u32) -> u32, 'b: 'a, Self::Item: Copy, {}")
    assert isinstance(fn, ast.FnDecl)
    shown = [(g.name, g.kind, [show(b) if isinstance(b, ast.Lifetime) else
                               ("?" if b.maybe else "") + show(b.trait) for b in g.bounds],
              show(g.default) if g.default is not None else None) for g in fn.generics]
    assert shown == [("'a", "lifetime", [], None), ("'b", "lifetime", ["'a"], None),
                     ("T", "type", ["Shape", "Copy", "'a"], None), ("F", "type", ["Fn(u32) -> u32"], None),
                     ("U", "type", ["?Sized"], None), ("N", "const", [], "4"), ("V", "type", [], "u8")]
    assert [show(w.bounded) for w in fn.where] == ["F", "'b", "Self::Item"]


def test_structs_and_enums() -> None:
    buf, pair, unit, shape = items("""
        #[derive(Clone, Copy, PartialEq)]
        pub struct Buf<T, const N: usize> where T: Copy { data: [T; N], pub(crate) len: usize }
        struct P(pub u32, pub(crate) (u8, u8), u32) where u32: Copy;
        struct Unit;
        #[repr(u8)]
        enum Shape<T> { Empty, Circle(T), Rect { w: u32, h: u32 } = 5, Big = 10, }
    """)
    assert isinstance(buf, ast.StructDecl) and buf.kind == "named" and [g.name for g in buf.generics] == ["T", "N"]
    assert [(f.name, f.vis.restriction if f.vis else "private") for f in buf.fields] == [  # type: ignore
        ("data", "private"), ("len", ("crate",))]
    derive = buf.attrs[0]
    assert derive.name == "derive" and [a.value.name for a in derive.args] == ["Clone", "Copy", "PartialEq"]  # type: ignore
    assert isinstance(pair, ast.StructDecl) and pair.kind == "tuple" and len(pair.where) == 1
    assert [(f.name, show(f.ty), f.vis.restriction if f.vis else "private") for f in pair.fields] == [  # type: ignore
        ("0", "u32", None), ("1", "(u8, u8)", ("crate",)), ("2", "u32", "private")]
    assert isinstance(unit, ast.StructDecl) and unit.kind == "unit" and unit.fields == ()
    assert isinstance(shape, ast.EnumDecl) and [g.name for g in shape.generics] == ["T"]
    assert [(v.name, v.kind, [show(f.ty) for f in v.fields], show(v.discriminant) if v.discriminant else None)
            for v in shape.variants] == [("Empty", "unit", [], None), ("Circle", "tuple", ["T"], None),
                                         ("Rect", "named", ["u32", "u32"], "5"), ("Big", "unit", [], "10")]


def test_other_items() -> None:
    alias, generic_alias, const_fn, module, external, use = items("""
        type Word = u32;
        pub type Pair<T> = (T, T);
        pub const fn square(x: u32) -> u32 { x * x }
        pub(crate) mod shapes { fn inner() {} struct S; }
        mod other;
        use a::b::{c, d as e, f::*, self};
    """)
    assert isinstance(alias, ast.TypeAlias) and show(alias.ty) == "u32" and alias.vis is None
    assert isinstance(generic_alias, ast.TypeAlias) and generic_alias.generics[0].name == "T"
    assert isinstance(const_fn, ast.FnDecl) and const_fn.is_const and const_fn.is_pub
    assert isinstance(module, ast.ModDecl) and module.vis.restriction == ("crate",)  # type: ignore[union-attr]
    assert [type(i).__name__ for i in module.items] == ["FnDecl", "StructDecl"]  # type: ignore[union-attr]
    assert isinstance(external, ast.ModDecl) and external.items is None
    assert isinstance(use, ast.UseDecl) and use.tree.kind == "group" and use.tree.path == ("a", "b")

    def flat(tree: ast.UseTree) -> list[str]:
        return [f"{'::'.join(c.path)}{'::*' if c.kind == 'glob' else ''}{' as ' + c.alias if c.alias else ''}"
                for c in tree.children]

    assert flat(use.tree) == ["c", "d as e", "f::*", "self"]


@pytest.mark.parametrize("source, restriction", [
    ("pub fn f() {}", None), ("pub(crate) fn f() {}", ("crate",)), ("pub(super) fn f() {}", ("super",)),
    ("pub(self) fn f() {}", ("self",)), ("pub(in crate::a) fn f() {}", ("crate", "a")),
])
def test_visibility(source: str, restriction: tuple[str, ...] | None) -> None:
    fn = item(source)
    assert isinstance(fn, ast.FnDecl) and fn.vis is not None and fn.vis.restriction == restriction


def test_tuple_struct_field_visibility_is_not_a_tuple_type() -> None:
    # after `pub`, `(crate)` is a visibility and `(u8, u8)` a tuple type
    s = item("struct P(pub (u8, u8), pub(crate) u8, pub (crate::T));")
    assert isinstance(s, ast.StructDecl)
    assert [(show(f.ty), f.vis.restriction) for f in s.fields] == [  # type: ignore[union-attr]
        ("(u8, u8)", None), ("u8", ("crate",)), ("crate::T", None)]


def test_destructuring_parameters() -> None:
    fn = item("fn f((a, b): (u32, u32), P(x, _): P, mut c: u8, _: bool) {}")
    assert isinstance(fn, ast.FnDecl)
    assert [show(p.pattern) for p in fn.params] == ["(a, b)", "P(x, _)", "mut c", "_"]


def test_item_spans() -> None:
    text = "pub(crate) const fn f(&self) {}"
    fn = item(text)
    assert isinstance(fn, ast.FnDecl) and (fn.span.start, fn.span.end) == (0, len(text))
    assert text[fn.receiver.span.start:fn.receiver.span.end] == "&self"  # type: ignore[union-attr]
    text = "impl<T> S<T> for U {}"
    impl = item(text)
    assert (impl.span.start, impl.span.end) == (0, len(text))


# ---------------------------------------------------------------------------
# attributes


@pytest.mark.parametrize("source, message, help_text", [
    ("#[no_mangel] fn f() {}", "cannot find attribute `no_mangel` in this scope",
     "an attribute with a similar name exists: `#[no_mangle]`"),
    ("#[inlin] fn f() {}", "cannot find attribute `inlin` in this scope",
     "an attribute with a similar name exists: `#[inline]`"),
    ("#[mem_idx(1)] fn f() {}", "`#[mem_idx]` cannot be written on a function",
     "`#[mem_idx(N)]` is written before a pointer or reference type (`p: #[mem_idx(1)] *const u32`), a static "
     "(`#[mem_idx(1)] static X: u32 = 0;`) or a struct (`#[mem_idx(1)] struct Secret { .. }`)"),
    ("#[inline] struct S;", "`#[inline]` cannot be written on a struct", "`#[inline]` may be written on a function"),
    ("#[no_mangle] struct S;", "`#[no_mangle]` cannot be written on a struct",
     "`#[no_mangle]` may be written on a function or a static"),
    ("#[derive(Copy)] fn f() {}", "`#[derive]` cannot be written on a function",
     "`#[derive]` may be written on a struct or an enum"),
    ("#[link(name = \"x\")] fn f() {}", "`#[link]` cannot be written on a function",
     "`#[link]` may be written on an `extern` block"),
    ("struct S { #[mem_idx(1)] x: u8 }", "`#[mem_idx]` cannot be written on a field", None),
    ("#[repr(C)] impl S {}", "`#[repr]` cannot be written on an `impl` block", None),
    ("#[cfg(test)] fn f() {}", "the attribute `#[cfg]` is not supported by farc", None),
])
def test_attribute_errors(source: str, message: str, help_text: str | None) -> None:
    d = diagnostic(source)
    assert d.code == "S0004" and d.message == message
    assert d.span is not None and source[d.span.start:d.span.start + 2] == "#["  # the attribute itself
    if help_text is not None:
        assert d.help == [help_text]


def test_known_attributes_are_accepted_where_they_belong() -> None:
    items("""
        #[derive(Clone, Copy)] #[repr(C)] #[must_use] struct S { #[allow(dead_code)] x: u8 }
        #[inline] #[cold] #[no_mangle] pub fn f() {}
        #[export_name = "g2"] #[doc = "docs"] fn g() {}
        #[mem_idx(1)] #[no_mangle] static X: u8 = 0;
        #[link(wasm_import_module = "env")] extern "C" { #[link_name = "h2"] fn h(); }
        #[allow(unused)] impl S { #[inline(always)] fn m(&self) {} }
        #[deny(warnings)] trait T {}
        #[repr(u8)] enum E { #[allow(unused)] A }
        #[allow(unused)] use a::b;
        #[allow(unused)] mod m {}
    """)


def test_unknown_attribute_without_a_similar_name_lists_the_known_ones() -> None:
    d = diagnostic("#[frobnicate] fn f() {}")
    assert d.message == "cannot find attribute `frobnicate` in this scope"
    assert d.help[0].startswith("the outer attributes farc knows are `allow`, ")


# ---------------------------------------------------------------------------
# keywords, literals, tokens


@pytest.mark.parametrize("word", ["async", "await", "dyn", "impl", "trait", "match", "for", "in", "enum", "type",
                                  "where", "mod", "use", "self", "move"])
def test_rust_keywords_are_not_identifiers(word: str) -> None:
    code, message, _ = error(f"fn f() {{ let {word} = 1; }}")
    assert code == "S0001" and message.endswith(f"found keyword `{word}`"), message
    code, message, _ = error(f"fn {word}() {{}}")
    assert code == "S0001" and message == f"expected identifier, found keyword `{word}`", message


@pytest.mark.parametrize("word", ["super", "crate", "Self"])
def test_path_keywords_are_not_function_names(word: str) -> None:
    code, message, _ = error(f"fn {word}() {{}}")
    assert code == "S0001" and message == f"expected identifier, found keyword `{word}`", message


@pytest.mark.parametrize("word", ["abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
                                  "typeof", "unsized", "virtual", "yield"])
def test_reserved_keywords_are_not_identifiers(word: str) -> None:
    d = diagnostic(f"fn {word}() {{}}")
    assert d.code == "S0001" and d.message == f"expected identifier, found reserved keyword `{word}`"
    assert d.help == [f"`{word}` is reserved in Rust: choose another name"]


def test_words_near_keywords_are_identifiers() -> None:
    assert expr("boxes + tryst + asyncs") == "((boxes + tryst) + asyncs)"
    assert expr("raw + union + default + auto") == "(((raw + union) + default) + auto)"


def test_char_literals_are_reported_as_such() -> None:
    for text in ["fn f() { let c = 'a'; }", "fn f() { let c = ' '; }", "fn f() { let c = '\\n'; }"]:
        d = diagnostic(text)
        assert d.code == "S0002" and d.message == "character literals are not supported", text
        assert d.span is not None and text[d.span.start] == "'"


@pytest.mark.parametrize("source, code, fragment", [
    ("fn f() { t.0u8; }", "S0003", "invalid tuple index `0u8`"),
    ("fn f() { t.1e3; }", "S0003", "invalid tuple index `1e3`"),
    ("fn f() { t.01; }", "S0003", "invalid tuple index `01`"),
    ("fn f() { 1..2..3; }", "S0001", "range operators cannot be chained"),
    ("fn f() { ..1..2; }", "S0001", "range operators cannot be chained"),
    ("fn f() { S { ..b, a: 1 }; }", "S0001", "the struct update `..base` must come last"),
    ("fn f() { S { a: 1, ..b, }; }", "S0001", "the struct update `..base` must come last"),
    ("fn f() { a::<T>::<U>(); }", "S0001", "expected identifier, found `<`"),
    ("impl [u8] for T {}", "S0001", "expected a trait, found a type"),
    ("fn f(x: u32, self) {}", "S0001", "found keyword `self`"),
    ("fn f() { let Some(x) = if c { a } else { b } else { return }; }", "S0001", "found keyword `else`"),
])
def test_new_syntax_errors(source: str, code: str, fragment: str) -> None:
    found_code, message, _ = error(source)
    assert found_code == code and fragment in message, message


def test_expected_words_for_patterns_and_items() -> None:
    _, message, _ = error("fn f() { match x { => 1 } }")
    assert message == "expected one of `}`, `|`, or a pattern, found `=>`"
    _, message, _ = error("fn f() {} 5")
    assert message == "expected end of file or an item, found number `5`"
