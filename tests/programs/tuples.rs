// Tuples: expressions, types, `t.0`, destructuring `let` and parameters,
// tuples returned and passed by value, nested tuples, references into
// tuples, and tuples of pointers into two memories (each keeps its memory).
// CALL: swap_sum(3, 40) -> 40003
// CALL: nested(5) -> 5227
// CALL: params(7, 9) -> 79
// CALL: by_ref(6) -> 1118
// CALL: far_pair(2) -> 801
// CALL: widths(1) -> 86
// CALL: mixed() -> 294
// CALL: generic_tuples() -> 789458
#![memory(1, min = 1)]

#[mem_idx(1)]
static mut FAR: [u32; 4] = [100, 200, 300, 400];
static mut NEAR: [u32; 4] = [1, 2, 3, 4];
#[mem_idx(1)]
static mut FAR_PAIR: (u32, (u8, u16)) = (4, (5, 6));
const ORIGIN: (i32, i32) = (-1, 2);

struct Point { x: i32, y: (u8, bool) }

fn swap(t: (u32, u32)) -> (u32, u32) {
    let (a, b) = t;
    (b, a)
}

#[no_mangle]
pub extern "C" fn swap_sum(a: u32, b: u32) -> u32 {
    let s = swap((a, b));
    s.0 * 1000 + s.1 * 10 / 10 - 0 + 0 * s.1
}

#[no_mangle]
pub extern "C" fn nested(k: u32) -> u32 {
    let mut t = ((k, 2u8), (1u16, (7u64,)));
    (t.0).1 += 0;
    t.1 .0 = 2;
    let ((a, b), (c, (d,))) = t;
    let (e, ..) = t;
    let (.., (_, (f,))) = t;
    a * 1000 + b as u32 * 100 + c as u32 * 10 + d as u32 + e.1 as u32 * 0 + (f - d) as u32
}

fn add_pair((x, y): (u32, u32), (z,): (u32,)) -> u32 {
    x * 10 + y + z
}

#[no_mangle]
pub extern "C" fn params(a: u32, b: u32) -> u32 {
    add_pair((a, b), (0,))
}

#[no_mangle]
pub extern "C" fn by_ref(k: i32) -> i32 {
    let mut p = Point { x: k, y: (2, true) };
    let r = &mut p;
    let Point { x, y: (ref mut small, flag) } = r;
    *x += 100;
    *small += 10;
    let bonus = if *flag { 1000 } else { 0 };
    p.x + p.y.0 as i32 + bonus + 0 * k
}

fn pick(pair: (*const u32, #[mem_idx(1)] *const u32), i: usize) -> (u32, u32) {
    let (near, far) = pair;
    unsafe { (*near.add(i), *far.add(i)) }
}

#[no_mangle]
pub extern "C" fn far_pair(i: usize) -> u32 {
    let pair = unsafe { ((&raw const NEAR).cast::<u32>(), (&raw const FAR).cast::<u32>()) };
    let (n, f) = pick(pair, i);
    let (n2, f2) = pick(pair, 0);
    n + f + n2 + f2 + 500 - 3 - 100
}

#[no_mangle]
pub extern "C" fn widths(x: u8) -> u32 {
    let t: (u8, u64, u16, (bool, i8)) = (x, 80, 2, (true, -3));
    let (a, b, c, (d, e)) = t;
    a as u32 + b as u32 + c as u32 + d as u32 + (e + 5) as u32 + 0
}

#[no_mangle]
pub extern "C" fn mixed() -> u32 {
    let units = ((), ((), 1u32));
    let ((), (_, one)) = units;
    let arr = [(1u32, 2u32), (3, 4)];
    let (p, q) = arr[1];
    let mut total = 0u32;
    let mut i = 0usize;
    while i < 2 {
        let (l, r) = arr[i];
        total += l * r;
        i += 1;
    }
    unsafe {
        let (far, _) = ((&raw mut FAR).cast::<u32>(), 0u8);
        *far.add(3) = 286;
        total + p + q + one + *far.add(3) - 14 - 0 * FAR[0]
    }
}

fn first<T, U>(t: (T, U)) -> T {
    let (a, _) = t;
    a
}

fn far_get<const M: usize>(r: #[mem_idx(M)] &(u32, (u8, u16))) -> u32 {
    let (a, (b, c)) = r;
    *a * 100 + *b as u32 * 10 + *c as u32
}

#[no_mangle]
pub extern "C" fn generic_tuples() -> u32 {
    let near = (7u32, (8u8, 9u16));
    let far = unsafe { &FAR_PAIR };
    unsafe { FAR_PAIR.1 .1 += 1; }
    let (x, y) = ORIGIN;
    far_get(far) + far_get(&near) * 1000 + first((x, 0u8)) as u32 + first::<i32, bool>((y, true)) as u32
}
