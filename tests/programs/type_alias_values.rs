// Type aliases build and match values as the type they name does: struct
// literals and patterns (`Alias { .. }`), enum variants (`Alias::Some(3)`,
// `Alias::None`, `Alias::Rect { .. }`) in values and patterns, with the
// alias's generic arguments written or inferred; the fields keep the
// memories of the aliased type (tests/ui/m0007_alias_literals.rs).
// CALL: literals() -> 37
// CALL: generic_literals() -> 21
// CALL: variants(3) -> 6
// CALL: variants(0) -> 100
// CALL: patterns() -> 1305
// CALL: far_fields() -> 42
#![memory(1, min = 1)]

#[derive(Clone, Copy)]
struct Point { x: u32, y: u32 }
type P = Point;
type Q = P;

#[derive(Clone, Copy)]
struct Pair<T> { a: T, b: T }
type Same<T> = Pair<T>;
type Bytes = Pair<u8>;

#[derive(Clone, Copy)]
enum Shape { Empty, Circle(u32), Rect { w: u32, h: u32 } }
type S = Shape;
type Opt<T> = Option<T>;
type OptU = Option<u32>;

#[no_mangle]
pub extern "C" fn literals() -> u32 {
    let p = P { x: 3, y: 4 };
    let q = Q { y: 20, ..p };
    let base = Point { x: 10, y: 0 };
    let r = P { x: base.x, ..q };
    p.x + p.y + q.x + q.y + r.x - r.y + 20 - 3
}

#[no_mangle]
pub extern "C" fn generic_literals() -> u32 {
    let inferred = Same { a: 1u16, b: 2 };
    let written = Same::<u32> { a: 3, b: 4 };
    let bytes = Bytes { a: 5, b: 6 };
    inferred.a as u32 + inferred.b as u32 + written.a + written.b + bytes.a as u32 + bytes.b as u32
}

fn area(s: S) -> u32 {
    match s {
        S::Empty => 100,
        S::Circle(r) => r * 2,
        S::Rect { w, h } => w * h,
    }
}

#[no_mangle]
pub extern "C" fn variants(r: u32) -> u32 {
    let s = if r == 0 { S::Empty } else { S::Circle(r) };
    let o: Opt<u32> = Opt::Some(r);
    let n = OptU::None;
    let bonus = match (o, n) {
        (Opt::Some(v), OptU::None) => v - r,
        _ => 50,
    };
    area(s) + bonus
}

#[no_mangle]
pub extern "C" fn patterns() -> u32 {
    let p = P { x: 13, y: 15 };
    let P { x, y } = p;
    let Q { x: qx, .. } = p;
    let mut total = x * 100 + y - qx;
    if let Same { a: 7, b } = (Same { a: 7u32, b: 15 }) {
        total += b;
    }
    if let S::Rect { w, .. } = (S::Rect { w: 2, h: 9 }) {
        total -= w * 6;
    }
    total
}

struct Holder<T> { p: T, n: u32 }
type FarHolder = Holder<#[mem_idx(1)] *const u32>;

#[mem_idx(1)]
static FAR: u32 = 40;

#[no_mangle]
pub extern "C" fn far_fields() -> u32 {
    let h = FarHolder { p: &raw const FAR, n: 2 };
    let FarHolder { p, n } = h;
    unsafe { *p + n }
}
