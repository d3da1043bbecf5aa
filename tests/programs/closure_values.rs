// Closures as run-time values: passed to generic functions bounded by `Fn`,
// `FnMut` and `FnOnce` (in `where` clauses too, through `&` and `&mut`),
// with function items and non-capturing closures as the same arguments;
// `move` closures (copies taken where the closure is written, changed in its
// own environment); closures inside closures that capture; a closure that
// captures a far pointer passed to a generic function, reading memory 1 and
// not memory 0 at the same offsets; patterns in closure parameters; a
// closure in a generic function, instantiated with it and passed on;
// `impl Fn(..)` parameters; trait and inherent methods taking closures,
// closures capturing `self`; a struct holding a closure, with an inherent
// impl bounded by `Fn`.
// CALL: bounds(3) -> 60
// CALL: at_statement_start(5) -> 25
// CALL: kinds(4) -> 698
// CALL: moves(5) -> 1815
// CALL: nested(2) -> 40
// CALL: far_reads(2) -> 1020
// CALL: generic_memory(1) -> 500
// CALL: chained(3) -> 41
// CALL: patterns(1) -> 836
// CALL: generic_closures(1) -> 31104
// CALL: impl_params(2) -> 20
// CALL: methods(3) -> 4260913
// CALL: cached(1) -> 2203
#![memory(1, min = 1)]

#[mem_idx(1)]
static mut FAR_DATA: [u32; 4] = [100, 200, 300, 400];

fn apply<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
    f(x)
}

fn apply_twice<F>(f: F, x: u32) -> u32
where
    F: Fn(u32) -> u32,
{
    f(f(x))
}

fn repeat<F: FnMut(u32)>(mut f: F, n: u32) {
    let mut i = 0;
    while i < n {
        f(i);
        i += 1;
    }
}

fn once<R, F: FnOnce() -> R>(f: F) -> R {
    f()
}

fn by_ref<F: Fn(u32) -> u32>(f: &F, x: u32) -> u32 {
    f(x) + apply(f, x)
}

fn by_mut<F: FnMut(u32)>(f: &mut F) {
    f(10);
    f(20);
}

// a generic function handing its closure on to others
fn forward<F: Fn(u32) -> u32>(f: F, x: u32) -> u32 {
    apply(&f, x) + apply_twice(f, x)
}

fn fold<F: Fn(usize) -> u32>(f: F, n: usize) -> u32 {
    let mut total = 0u32;
    let mut i = 0usize;
    while i < n {
        total += f(i);
        i += 1;
    }
    total
}

fn identity<T>(x: T) -> T {
    x
}

fn double(x: u32) -> u32 {
    x * 2
}

#[no_mangle]
pub extern "C" fn bounds(x: u32) -> u32 {
    let base = 10u32;
    let add = |v: u32| v + base;
    let mut total = 0u32;
    repeat(|i| total += i, 5);
    let y = once(|| base as u64 * 2);
    apply(add, x) + apply(|v| v * 2, x) + total + y as u32 + apply(&add, 1) - apply(double, 0)
}

#[no_mangle]
pub extern "C" fn kinds(x: u32) -> u32 {
    let step = 100u32;
    let add = |v: u32| v + step;
    let mut seen = 0u32;
    let mut count = |v: u32| seen += v;
    by_mut(&mut count);
    by_mut(&mut count);
    let same = identity(add);
    by_ref(&add, x) + forward(add, x) + seen + same(1) + apply_twice(double, x) + apply(|v| v + 1, x)
}

#[no_mangle]
pub extern "C" fn moves(x: u32) -> u32 {
    let mut k = x;
    let add = move |v: u32| v + k;
    k = 1000; // the closure keeps its copy
    let mut count = 0u32;
    let mut counter = move || {
        count += 1;
        count
    };
    counter();
    counter();
    let third = counter();
    apply(add, 10) + k + third * 100 + count + once(move || k / 2 - 500 + 500)
}

#[no_mangle]
pub extern "C" fn nested(x: u32) -> u32 {
    let base = 1000u32;
    let outer = |a: u32| {
        let inner = |b: u32| a + b + base;
        inner(1) - inner(0)
    };
    let mut total = 0u32;
    {
        let mut add = |v: u32| {
            let mut inner = |w: u32| total += w;
            inner(v);
            inner(1);
        };
        add(x);
        add(3);
    }
    let twice = move |v: u32| {
        let again = move |w: u32| w + v;
        apply(again, base)
    };
    outer(5) + total + twice(x) * 1 + fold(|i| i as u32 * 10, 3) - 1000 + 1000 - 3 * 1000 + 2000 + 30 - 30
}

#[no_mangle]
pub extern "C" fn far_reads(i: u32) -> u32 {
    let far: #[mem_idx(1)] *const u32 = unsafe { (&raw const FAR_DATA).cast::<u32>() };
    let near = [1u32, 2, 3, 4];
    let near_p = &raw const near[0];
    let read_far = |j: usize| unsafe { *far.add(j) };
    let read_near = move |j: usize| unsafe { *near_p.add(j) };
    fold(read_far, i as usize + 2) + fold(read_near, 4) * 2
}

fn sum_in<const M: usize, F: Fn(#[mem_idx(M)] *const u32) -> u32>(f: F, p: #[mem_idx(M)] *const u32) -> u32 {
    f(p) + f(p)
}

#[no_mangle]
pub extern "C" fn generic_memory(i: u32) -> u32 {
    let far: #[mem_idx(1)] *const u32 = unsafe { (&raw const FAR_DATA).cast::<u32>() };
    let offset = i as usize;
    sum_in(|p: #[mem_idx(1)] *const u32| unsafe { *p.add(offset) + *p.add(offset + 2) } / 2, far) - 100
}

#[no_mangle]
pub extern "C" fn chained(x: u32) -> u32 {
    let scale = 3u32;
    let scaled = |v: u32| v * scale;
    let plus_one = |v: u32| scaled(v) + 1;
    forward(plus_one, x) - apply(scaled, 0)
}

struct Point {
    x: u32,
    y: u32,
}

fn fold_pairs<F: Fn((u32, u32)) -> u32>(f: F) -> u32 {
    f((3, 4)) * 100 + f((1, 1))
}

#[no_mangle]
pub extern "C" fn patterns(k: u32) -> u32 {
    let mul = |(a, b): (u32, u32)| a * b;
    let plus = |&x: &u32| x + k;
    let point = |Point { x, y }: Point| x * 10 + y;
    let ignored = |_: u32, (_, b): (u32, u32)| b;
    let summed = fold_pairs(|(a, b)| a + b + k);
    let v = 5u32;
    mul((2, 3)) + plus(&v) + point(Point { x: 1, y: 2 }) + summed + ignored(7, (8, 9))
}

fn pick<T: Copy>(a: T, b: T, first: bool) -> T {
    let choose = move |f: bool| if f { a } else { b };
    once(|| choose(first))
}

fn count_with<T: Copy, F: Fn(T) -> bool>(items: [T; 4], keep: F) -> u32 {
    let mut n = 0u32;
    let mut bump = |x: T| {
        if keep(x) {
            n += 1;
        }
    };
    for x in items {
        bump(x);
    }
    n
}

#[no_mangle]
pub extern "C" fn generic_closures(x: u32) -> u32 {
    let limit = x as u64 + 2;
    pick(3u32, 4u32, false) + pick(10u64, 20u64, true) as u32 * 10
        + count_with([1u64, 2, 3, 4], |v| v > limit) * 1000 + count_with([true, false, true, true], |b| b) * 10000
}

fn apply_impl(f: impl Fn(u32) -> u32, x: u32) -> u32 {
    f(x)
}

fn both(f: impl Fn(u32) -> u32, mut g: impl FnMut(u32)) -> u32 {
    g(1);
    f(2)
}

#[no_mangle]
pub extern "C" fn impl_params(k: u32) -> u32 {
    let mut seen = 0u32;
    let r = both(|v| v + k, |v| seen += v * 10);
    apply_impl(|v| v * k, 3) + r + seen
}

trait Visit {
    fn visit<F: FnMut(u32)>(&self, f: F);
    fn total(&self) -> u32 {
        let mut t = 0u32;
        self.visit(|v| t += v);
        t
    }
}

struct Pair {
    a: u32,
    b: u32,
}

impl Visit for Pair {
    fn visit<F: FnMut(u32)>(&self, mut f: F) {
        f(self.a);
        f(self.b);
    }
}

struct Counter {
    n: u32,
}

impl Counter {
    fn add_all(&mut self, k: u32) -> u32 {
        let mut bump = |v: u32| self.n += v + k;
        bump(1);
        bump(2);
        self.n
    }
}

fn through_ref(x: &u32) -> u32 {
    let r = || x;
    *r() + 1
}

#[no_mangle]
pub extern "C" fn methods(k: u32) -> u32 {
    let p = Pair { a: k, b: 10 };
    let mut c = Counter { n: 0 };
    let mut seen = 0u32;
    p.visit(|v| seen += v * 2);
    p.total() + c.add_all(k) * 100 + seen * 10000 + through_ref(&k) * 1000000
}

struct Cache<F> {
    f: F,
    hits: u32,
}

impl<F> Cache<F>
where
    F: Fn(u32) -> u32,
{
    fn new(f: F) -> Self {
        Cache { f, hits: 0 }
    }

    fn get(&mut self, x: u32) -> u32 {
        self.hits += 1;
        (self.f)(x)
    }
}

#[no_mangle]
pub extern "C" fn cached(x: u32) -> u32 {
    let base = 100u32;
    let mut c = Cache::new(|v| v + base);
    let a = c.get(x);
    let b = c.get(x + 1);
    a + b + c.hits * 1000
}

// A closure as a block's value, at the start of a statement (this was S0001).
#[no_mangle]
pub extern "C" fn at_statement_start(n: u32) -> u32 {
    let square = { |x: u32| x * x };
    let later = { if n > 9 { } move || n };
    square(later())
}
