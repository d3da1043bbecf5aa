// `const fn`: ordinary functions at run time, evaluated at compile time where a
// constant calls them (consts, statics, array lengths and repeat counts, const
// generic arguments, enum discriminants, associated consts); `const fn new()`
// in a static is the common pattern. Errors: tests/ui/e0015_const_fn_calls.rs,
// tests/ui/e0080_const_fn_eval.rs; far pointers: tests/ui/m0001_const_fn_far.rs.
// CALL: consts() -> 3631456
// CALL: at_run_time(10) -> 3628800
// CALL: lengths() -> 31
// CALL: statics() -> 103
// CALL: discriminants() -> 1043
// CALL: matching() -> 6050
// CALL: generic_lengths() -> 24
// CALL: far_first() -> 77
// CALL: wrapping() -> 44
// CALL: generic_and_control() -> 456
#![memory(1, min = 1)]

const fn square(x: u32) -> u32 { x * x }
const fn fact(n: u64) -> u64 { if n == 0 { 1 } else { n * fact(n - 1) } }
const fn sum_to(n: u32) -> u32 {
    let mut i = 0;
    let mut s = 0;
    while i < n {
        i += 1;
        if i % 2 == 0 { continue; }
        s += i;
    }
    loop {
        if s > 2500 { break s + i; }
        s += 1;
    }
}
const fn pick(which: u8) -> u32 {
    match which {
        0 => 10,
        1 | 2 => 20,
        3..=9 => 30,
        _ => 40,
    }
}

const A: u32 = square(7);
const F: u64 = fact(10);
const S: u32 = sum_to(100);

#[derive(Clone, Copy)]
struct Counter { count: u32, step: u32 }
impl Counter {
    const fn new(step: u32) -> Self { Counter { count: 0, step } }
    const fn bumped(mut self, times: u32) -> Self {
        let mut k = 0;
        while k < times { self.bump(); k += 1; }
        self
    }
    const fn bump(&mut self) { self.count += self.step; }
    const fn get(&self) -> u32 { self.count }
}

static COUNTER: Counter = Counter::new(3).bumped(33);
static mut LIVE: Counter = Counter::new(1);
const CELLS: usize = square(3) as usize;

struct Buf { data: [u8; CELLS], len: usize }
impl Buf {
    const fn new() -> Buf { Buf { data: [7; CELLS], len: 0 } }
    const EMPTY: Buf = Buf::new();
}
static BUF: Buf = Buf::new();

#[no_mangle]
pub extern "C" fn consts() -> u64 {
    A as u64 + F + S as u64 + COUNTER.get() as u64 - 99 + pick(3) as u64 - 30 + 6 + Buf::EMPTY.len as u64
}

#[no_mangle]
pub extern "C" fn at_run_time(n: u64) -> u64 { fact(n) }

#[no_mangle]
pub extern "C" fn lengths() -> usize {
    let a = [1u8; square(2) as usize];
    let b: [u16; { square(3) as usize - 1 }] = [0; 8];
    a.len() + b.len() + BUF.data.len() + BUF.data[8] as usize + BUF.len + pick(0) as usize - 7
}

#[no_mangle]
pub extern "C" fn statics() -> u32 {
    unsafe {
        LIVE.bump();
        LIVE.bump();
        LIVE.get() + COUNTER.get() + 2
    }
}

#[repr(u32)]
enum Code { Small = square(4), Big = square(32) + 3 }

#[no_mangle]
pub extern "C" fn discriminants() -> u32 { Code::Small as u32 + Code::Big as u32 - 16 + 16 }

const fn first_odd(values: [u32; 4]) -> Option<u32> {
    let mut i = 0;
    while i < 4 {
        if values[i] % 2 == 1 { return Some(values[i]); }
        i += 1;
    }
    None
}
const ODD: Option<u32> = first_odd([4, 8, 15, 16]);
const NONE: Option<u32> = first_odd([2, 2, 2, 2]);
const fn unwrap_or(v: Option<u32>, d: u32) -> u32 {
    match v { Some(x) => x, None => d }
}
const fn swap_sum(pair: (u32, u32)) -> u32 {
    let (a, b) = pair;
    let mut arr = [a, b, 0];
    arr[2] = arr[0] * 100 + arr[1];
    arr[2]
}

#[no_mangle]
pub extern "C" fn matching() -> u32 { unwrap_or(ODD, 0) + unwrap_or(NONE, 35) + swap_sum((60, 0)) }

struct Grid<const N: usize> { cells: [u8; N] }
const fn twice(n: usize) -> usize { n * 2 }
const fn cells<const N: usize>() -> usize { N * 3 }

#[no_mangle]
pub extern "C" fn generic_lengths() -> usize {
    let g: Grid<{ twice(4) }> = Grid { cells: [0; 8] };
    g.cells.len() + cells::<{ twice(2) }>() + [0u8; cells::<1>()].len() - 3 + 4
}

#[mem_idx(1)]
static FAR: [u32; 4] = [77, 1, 2, 3];
const fn far_index(p: #[mem_idx(1)] *const u32, i: usize) -> #[mem_idx(1)] *const u32 { unsafe { p.add(i) } }

#[no_mangle]
pub extern "C" fn far_first() -> u32 {
    let p = far_index(&raw const FAR as #[mem_idx(1)] *const u32, 0);
    unsafe { *p }
}

const WRAPPED: u8 = 200u8.wrapping_add(100);

#[no_mangle]
pub extern "C" fn wrapping() -> u8 { WRAPPED }

// generic `const fn`s (impl parameters, type parameters), `if let`, `let else`, labeled `break`, floats, tuples
struct GBuf<const N: usize> { data: [u8; N], len: usize }
impl<const N: usize> GBuf<N> {
    const fn new() -> Self { GBuf { data: [1; N], len: N } }
    const fn cap(&self) -> usize { N }
    const CAP: usize = Self::twice(N);
    const fn twice(n: usize) -> usize { n * 2 }
}
static GB: GBuf<4> = GBuf::new();
const GC: usize = GBuf::<3>::new().cap();
#[derive(Clone, Copy)]
struct W<T> { v: T }
impl<T: Copy> W<T> {
    const fn wrap(v: T) -> Self { W { v } }
    const fn get(self) -> T { self.v }
}
const WV: u16 = W::wrap(7u16).get();
const fn opt(x: Option<u32>) -> u32 {
    if let Some(v) = x { v } else { 0 }
}
const fn le(x: Option<u32>) -> u32 {
    let Some(v) = x else { return 99; };
    v + 1
}
const O: u32 = opt(Some(5)) + le(None) + le(Some(1));
const fn labeled(n: u32) -> u32 {
    let mut i = 0;
    let r = 'outer: loop {
        let mut j = 0;
        while j < 10 {
            if i * j > n { break 'outer i * 100 + j; }
            j += 1;
        }
        i += 1;
    };
    r
}
const L: u32 = labeled(20);
const fn fl(x: f64) -> f64 { x * 2.5 }
const FL: f64 = fl(2.0);
const fn neg(x: i32) -> i32 { -x }
const NG: i32 = neg(5);
const fn tup() -> (u32, bool) { (3, true) }
const T: u32 = tup().0 + if tup().1 { 1 } else { 0 };
#[no_mangle]
pub extern "C" fn generic_and_control() -> usize {
    GB.data.len() + GB.len + GB.data[3] as usize + GC + GBuf::<5>::CAP + WV as usize + O as usize + L as usize
        + FL as usize + (NG + 10) as usize + T as usize
}
