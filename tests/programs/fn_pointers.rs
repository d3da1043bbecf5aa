// Function pointers: functions as values (in locals, arrays, struct fields,
// far memory), calls through them (`call_indirect`), generic functions
// instantiated through a pointer type, and pointers passed to and returned
// from functions.
// CALL: table(3) -> 650
// CALL: dispatch(0, 7) -> 14
// CALL: dispatch(2, 7) -> 49
// CALL: fields(5) -> 60
// CALL: chosen(1, 10) -> 20
// CALL: chosen(0, 10) -> 11
// CALL: generic(9) -> 18017
// CALL: through_memory(4) -> 17
// CALL: far_pointers(2) -> 3
// CALL: unsafe_ones(1) -> 102
// CALL: compare() -> 1
// CALL: recursion(10) -> 55
// CALL: static_tables(2) -> 44
// CALL: static_tables(1) -> 415
#![memory(1, min = 1)]

#[mem_idx(1)]
static mut DATA: [u32; 4] = [1, 2, 3, 4];
#[mem_idx(1)]
static mut SLOTS: [usize; 2] = [0; 2];

fn zero(_x: u32) -> u32 {
    0
}

fn double(x: u32) -> u32 {
    x * 2
}

fn inc(x: u32) -> u32 {
    x + 1
}

fn square(x: u32) -> u32 {
    x * x
}

#[no_mangle]
pub extern "C" fn table(x: u32) -> u32 {
    let ops: [fn(u32) -> u32; 3] = [double, inc, square];
    let mut t = 0;
    for op in ops {
        t = t * 10 + op(x);
    }
    for op in ops.iter() {
        t += op(0);
    }
    t
}

#[no_mangle]
pub extern "C" fn dispatch(i: usize, x: u32) -> u32 {
    let ops = [double, inc, square];
    ops[i](x)
}

struct Op {
    f: fn(u32) -> u32,
    g: fn(u32, u32) -> u32,
    arg: u32,
}

fn add(a: u32, b: u32) -> u32 {
    a + b
}

#[no_mangle]
pub extern "C" fn fields(x: u32) -> u32 {
    let mut op = Op { f: double, g: add, arg: x };
    op.f = square;
    (op.g)((op.f)(op.arg), op.arg + 30)
}

fn pick(c: bool) -> fn(u32) -> u32 {
    if c { double } else { inc }
}

fn apply_twice(f: fn(u32) -> u32, x: u32) -> u32 {
    f(f(x)) / 2
}

#[no_mangle]
pub extern "C" fn chosen(c: u32, x: u32) -> u32 {
    let f = pick(c == 1);
    if c == 1 { apply_twice(f, x) } else { pick(false)(x) }
}

fn id<T>(x: T) -> T {
    x
}

fn map_pair<T>(f: fn(T) -> T, a: T, b: T) -> [T; 2] {
    [f(a), f(b)]
}

#[no_mangle]
pub extern "C" fn generic(x: u32) -> u32 {
    let f: fn(u32) -> u32 = id;
    let g = id::<u8>;
    let pair = map_pair(double, x, 1000);
    let small = map_pair(g, 7u8, 8u8);
    f(x) + pair[1] * 9 + small[0] as u32 * 0 + small[1] as u32 + pair[0] - 18
}

#[no_mangle]
pub extern "C" fn through_memory(x: u32) -> u32 {
    let mut slot: fn(u32) -> u32 = zero;
    let p = &mut slot;
    *p = square;
    let q = &raw const slot;
    unsafe { (*q)(x) + 1 }
}

#[no_mangle]
pub extern "C" fn far_pointers(i: usize) -> u32 {
    // function pointers stored in (and loaded from) a far memory
    unsafe {
        let slots: #[mem_idx(1)] *mut fn(u32) -> u32 = (&raw mut SLOTS).cast();
        *slots = zero;
        *slots.add(1) = inc;
        let f = *slots.add(1);
        let g = slots.read();
        f(DATA[i]) + g(99) - 1
    }
}

unsafe fn risky(x: u32) -> u32 {
    x + 100
}

#[no_mangle]
pub extern "C" fn unsafe_ones(x: u32) -> u32 {
    let a: unsafe fn(u32) -> u32 = risky;
    let b: unsafe fn(u32) -> u32 = inc;
    unsafe { a(x) + b(0) }
}

#[no_mangle]
pub extern "C" fn compare() -> u32 {
    let f: fn(u32) -> u32 = double;
    let g: fn(u32) -> u32 = double;
    let h: fn(u32) -> u32 = inc;
    ((f as usize == g as usize) && (f as usize != h as usize)) as u32
}

fn fib_via(f: fn(fn(u32) -> u32, u32) -> u32, n: u32) -> u32 {
    f(fib, n)
}

fn call_it(g: fn(u32) -> u32, n: u32) -> u32 {
    g(n)
}

fn fib(n: u32) -> u32 {
    if n < 2 { n } else { fib_via(call_it, n - 1) + fib_via(call_it, n - 2) }
}

#[no_mangle]
pub extern "C" fn recursion(n: u32) -> u32 {
    fib(n)
}

static OPS: [fn(u32) -> u32; 3] = [double, inc, square];
static mut CURRENT: fn(u32) -> u32 = double;
const DEFAULT: fn(u32) -> u32 = inc;

struct Entry {
    f: fn(u32) -> u32,
    k: u32,
}

static ENTRIES: [Entry; 2] = [Entry { f: inc, k: 10 }, Entry { f: square, k: 20 }];

#[no_mangle]
pub extern "C" fn static_tables(i: usize) -> u32 {
    unsafe {
        CURRENT = OPS[i];
    }
    OPS[0](3) + OPS[i](5) + unsafe { CURRENT(1) } + DEFAULT(0) + (ENTRIES[i % 2].f)(ENTRIES[i % 2].k)
}
