// Every piece of syntax issue 9 adds to farc, in one file that parses.
// Not a program farc checks yet (docs/reference.md section 15): the parser
// tests parse it with both engines (tests/test_parser.py), the parser fuzzer
// mutates it (tests/test_fuzz_parser.py), and tests/test_unsupported.py checks
// that the checker names each construct it does not support yet.
#![memory(1, min = 1)]

// ---- modules, `use`, visibility
use core::ops::{Add, Sub as Minus, self};
use crate::shapes::*;
pub(crate) mod shapes {
    use super::Word;
    pub struct Circle { pub r: u32 }
    pub(super) fn unit() -> Circle { Circle { r: 1 } }
    pub(in crate::shapes) mod detail {}
}
mod other;

// ---- structs: generic, tuple, unit, with lifetimes and bounds
#[derive(Clone, Copy, PartialEq)]
pub struct Buf<T, const N: usize> where T: Copy { data: [T; N], len: usize }
struct P(pub u32, pub(crate) u32);
struct Unit;
struct Wrap<'a, T: 'a + Copy + ?Sized>(&'a T);
pub struct Cell<const M: usize> { ptr: #[mem_idx(M)] *mut u32 }

// ---- enums
#[repr(u8)]
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Empty,
    Circle(u32),
    #[allow(dead_code)]
    Rect { w: u32, h: u32 },
    Big = 10,
}
enum Opt<T> { None, Some(T) }

// ---- type aliases, const fn
type Word = u32;
type Pair<T> = (T, T);
const fn square(x: u32) -> u32 { x * x }
const MIN: i32 = -100;
const MAX: i32 = 100;

// ---- traits: required and default methods, consts, associated types, supertraits, generic traits
trait Area: Copy + PartialEq {
    const SIDES: u32;
    const ONE: u32 = 1;
    type Out: Copy;
    fn area(&self) -> u32;
    fn double(&self) -> u32 { self.area() * 2 }
}
trait InMemory<const M: usize> {
    fn get(self: #[mem_idx(M)] &Self) -> u32;
}
unsafe trait Marker {}

// ---- impl blocks: inherent, generic, trait impls, every receiver
impl<T: Copy, const N: usize> Buf<T, N> where T: PartialEq {
    pub const CAP: usize = N;
    pub fn new(x: T) -> Self { Self { data: [x; N], len: 0 } }
    fn len(&self) -> usize { self.len }
    fn push(&mut self, x: T) { self.data[self.len] = x; self.len += 1; }
    fn take(mut self) -> Self { self }
    fn into_inner(self) -> [T; N] { self.data }
    fn get<'a>(&'a self, i: usize) -> &'a T { &self.data[i] }
    fn get_mut<'a>(&'a mut self, i: usize) -> &'a mut T { &mut self.data[i] }
}
impl Area for Shape {
    const SIDES: u32 = 0;
    type Out = u32;
    fn area(&self) -> u32 {
        match self {
            Shape::Empty => 0,
            Shape::Circle(r) => 3 * r * r,
            Shape::Rect { w, h } if *w > 0 => w * h,
            Shape::Rect { .. } | Shape::Big => { 1 }
            _ => unreachable!(),
        }
    }
}
impl<const M: usize> InMemory<M> for Cell<M> {
    fn get(self: #[mem_idx(M)] &Self) -> u32 { unsafe { *self.ptr } }
}
unsafe impl Marker for Unit {}
impl<T> Add for Wrap<'static, T> where T: Copy {
    type Output = u32;
    fn add(self, other: Self) -> u32 { 0 }
}

// ---- bounds, closures and function pointers
fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 { f(x) }
fn apply_mut<F>(mut f: F) where F: FnMut(u32) -> u32, { f(1); }
fn boxed(f: impl Fn(u32) -> u32, g: &dyn Area<Out = u32>) -> u32 { f(1) }
fn pointers(f: fn(u32) -> u32, g: #[far(lib)] fn(u32) -> u32, h: unsafe extern "C" fn(i32)) -> u32 { f(1) + g(2) }
fn outlives<'a, 'b: 'a>(x: &'a u32, y: &'b u32) -> &'a u32 where 'b: 'a { x }

// ---- tuples, destructuring parameters, slices
fn tuples((a, b): (u32, u32), _: bool, (c,): (u8,)) -> (u32, bool) { (a + b, true) }
fn slices(s: &[u32], m: &mut [u8], f: #[mem_idx(1)] &[u32], g: #[mem_idx(1)] &mut [u32]) -> usize {
    let t = &s[1..3];
    let u = &m[..2];
    let v = &f[1..];
    let w = &g[..];
    s.len()
}

fn main() {
    // destructuring, let else
    let (a, mut b) = (1, 2);
    let P(x, y) = P(1, 2);
    let Buf { data, len: n, .. } = make();
    let [first, second] = [1, 2];
    let &r = &a;
    let t = (1u8,);
    let z = t.0;
    let w = ((1, 2), 3).0.1;
    let Some(v) = maybe() else { return; };
    let Opt::Some(ref mut q) = opt else { panic!("none") };
    // paths: associated functions and consts, qualified paths, turbofish
    let s = Buf::<u8, 4>::new(0);
    let m = u32::MAX;
    let lo = i64::MIN;
    let q = <Shape as Area>::area(&Shape::Empty);
    let q2 = <u32 as Add>::add(1, 2);
    let sides = <Shape as Area>::SIDES;
    let k = s.get(1);
    // struct update, tuple struct and unit struct values
    let u = Buf { len: 1, ..s };
    let unit = Unit;
    // closures
    let c = |x| x + 1;
    let d = |a: u32, b: u32| -> u32 { a + b };
    let e = move || c(1);
    let pairwise = |(a, b): (u32, u32)| a * b;
    // ranges
    let r = 1..5;
    let r2 = ..=5;
    let r3 = ..;
    let r4 = a..;
    let r5 = a + 1..b * 2;
    // if let, while let, for, labels
    if let Some(x) = opt { x } else { 0 };
    if let Shape::Circle(r) | Shape::Rect { w: r, .. } = shape { r } else if let Opt::None = o { 1 } else { 2 };
    while let Some(x) = it.next() { break; }
    'outer: for i in 0..10 {
        for j in 0..=i { if j == 3 { continue 'outer; } }
        'inner: loop { break 'outer; }
    }
    let v = 'block: { break 'block 5; };
    let found = 'search: loop { break 'search 7 };
    'scan: while a < b { continue 'scan; }
    for &x in arr.iter() {}
    for (i, x) in pairs {}
    for i in 0.. { break; }
    // match: literal, range, binding, or, tuple, slice, struct patterns, guards
    match n { 1..=5 => 1, x @ 6..=9 => x, -1 | 0 => 2, ..=-2 => 3, 10.. => 4, MIN..=MAX => 5, }
    match p { (0, _) => 1, (a, ..) => a, [first, .., last] => first, [rest @ ..] => 0 }
    match a < b { true => {} false => {} }
    let c = opt; // (of a type the checker does not know: only the syntax below matters)
    match c { ref mut x if *x > 0 => {}, &mut y => {} }
    // nested generics close with `>>`
    let v: Buf<Buf<u8, 1>, 2> = make::<Buf<u8>>();
    let big = x >> 2 >= y;
    let cast = x as u32 + 1;
    let shifted = a as u64 >> 3;
    // `?` and macros
    let o = f()?;
    assert!(a == b, "message");
}
