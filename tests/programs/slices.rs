// Slices: `&[T]` / `&mut [T]` made from arrays (unsizing coercion), range
// indexing in every form, `len`, `is_empty`, indexing and writing through
// `&mut [T]`, slices in arrays, generic functions over slices, `as_ptr`,
// `core::slice::from_raw_parts`, and `for` over arrays and slices.
// CALL: sum_all(4) -> 10
// CALL: sum_range(1, 4) -> 9
// CALL: forms() -> 6434424
// CALL: empty_ranges(3) -> 1
// CALL: write_through(5) -> 118
// CALL: nested(2) -> 70
// CALL: raw_parts(2) -> 7
// CALL: iterate() -> 200
// CALL: iterate_rev() -> 54321
// CALL: by_value_copy() -> 15
// CALL: patterns_in_for() -> 94
// CALL: generic_first() -> 320
// CALL: coercion_sites(1) -> 6
// CALL: label_in_slice_loop(4) -> 0
// CALL: enumerated() -> 74777980

fn total(s: &[u32]) -> u32 {
    let mut t = 0;
    let mut i = 0;
    while i < s.len() {
        t += s[i];
        i += 1;
    }
    t
}

#[no_mangle]
pub extern "C" fn sum_all(n: u32) -> u32 {
    let a = [1u32, 2, 3, n];
    total(&a) - n + n
}

#[no_mangle]
pub extern "C" fn sum_range(i: usize, j: usize) -> u32 {
    let a = [1u32, 2, 3, 4, 5];
    total(&a[i..j])
}

#[no_mangle]
pub extern "C" fn forms() -> u32 {
    let a = [1u32, 2, 3, 4, 5, 6];
    let whole = &a[..];
    let from = &a[2..];
    let to = &a[..3];
    let upto = &a[..=3];
    let inner = &a[1..=4];
    let sub = &whole[1..5][1..3];
    (whole.len() * 1000000 + from.len() * 100000 + to.len() * 10000 + upto.len() * 1000 + inner.len() * 100
        + sub.len() * 10 + sub[1] as usize) as u32
}

#[no_mangle]
pub extern "C" fn empty_ranges(k: usize) -> u32 {
    let a = [7u8; 3];
    let e = &a[k..];
    let f = &a[k..k];
    let g = &a[..0];
    if e.is_empty() && f.is_empty() && g.is_empty() && !a[..].is_empty() && e.len() == 0 {
        1
    } else {
        0
    }
}

fn bump(s: &mut [u32], by: u32) {
    let mut i = 0;
    while i < s.len() {
        s[i] += by;
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn write_through(by: u32) -> u32 {
    let mut a = [1u32, 2, 3, 4];
    bump(&mut a, by);
    bump(&mut a[1..3], 100);
    let s: &mut [u32] = &mut a;
    s[0] = 0;
    a[0] + a[1] + a[3] + 2
}

#[no_mangle]
pub extern "C" fn nested(k: usize) -> u32 {
    let a = [1u32, 2, 3];
    let b = [10u32, 20];
    let c = [40u32];
    let all: [&[u32]; 3] = [&a, &b, &c];
    let mut t = 0;
    for s in all {
        t += s[s.len() - 1];
    }
    t + all[k].len() as u32 + all[0][1] * 4 - 2
}

#[no_mangle]
pub extern "C" fn raw_parts(n: usize) -> u32 {
    let a = [3u32, 4, 5, 6];
    let p = a.as_ptr();
    let s = unsafe { core::slice::from_raw_parts(p, n) };
    let mut m = [0u32; 2];
    let q = m.as_mut_ptr();
    let t = unsafe { core::slice::from_raw_parts_mut(q, 2) };
    t[1] = 9;
    total(s) + m[1] - 9
}

#[no_mangle]
pub extern "C" fn iterate() -> u32 {
    let a = [10u32, 20, 30, 40];
    let mut t = 0;
    for x in &a {
        t += *x;
    }
    for x in a.iter() {
        t += x;
    }
    let s = &a[1..3];
    for &x in s {
        t -= x;
    }
    let mut m = [1u32, 2, 3];
    for x in m.iter_mut() {
        *x *= 10;
    }
    for x in &mut m {
        *x += 0;
    }
    for y in &m[..] {
        t += *y;
    }
    t - 10
}

#[no_mangle]
pub extern "C" fn iterate_rev() -> u32 {
    let a = [1u32, 2, 3, 4, 5];
    let mut t = 0;
    for x in a.iter().rev() {
        t = t * 10 + *x;
    }
    t
}

#[no_mangle]
pub extern "C" fn by_value_copy() -> u32 {
    // an array iterated by value is copied first: changing it in the body changes nothing
    let mut a = [1u32, 2, 3, 4, 5];
    let mut t = 0;
    for x in a {
        a[4] = 100;
        t += x;
    }
    t
}

#[no_mangle]
pub extern "C" fn patterns_in_for() -> u32 {
    let pairs = [(1u32, 10u32), (2, 20), (3, 30)];
    let mut t = 0;
    for (a, b) in pairs {
        t += a * b;
    }
    for &(a, _) in pairs.iter() {
        t -= a;
    }
    for (_, b) in &pairs {
        t -= *b;
    }
    t + 20
}

fn first<T>(s: &[T]) -> &T {
    &s[0]
}

fn count<T>(s: &[T]) -> usize {
    let mut n = 0;
    for _ in s {
        n += 1;
    }
    n
}

#[no_mangle]
pub extern "C" fn generic_first() -> u32 {
    let a = [7u32, 8];
    let b = [3u8, 4, 5];
    *first(&a) + *first(&b[..]) as u32 * 100 + count(&b) as u32 + count(&a[..1]) as u32 * 10
}

fn pick(c: bool, a: &[u32]) -> &[u32] {
    if c { a } else { &a[1..] }
}

#[no_mangle]
pub extern "C" fn coercion_sites(c: u32) -> u32 {
    let a = [1u32, 2, 3];
    let b = [4u32, 5];
    let s: &[u32] = &a;
    let chosen = pick(c == 1, s);
    let m: &[u32] = if c == 0 { &b } else { &a[..] };
    total(chosen) + total(m) - 6
}

#[no_mangle]
pub extern "C" fn label_in_slice_loop(stop: u32) -> u32 {
    let a = [1u32, 2, 3, 4, 5, 6];
    let mut count = 0;
    'scan: for x in &a {
        for y in a.iter() {
            if *y == stop {
                continue 'scan;
            }
            if *x == stop {
                break 'scan;
            }
        }
        count += 1;
    }
    count
}

#[no_mangle]
pub extern "C" fn enumerated() -> u32 {
    let a = [5u32, 6, 7];
    let mut t = 0;
    for (i, x) in a.iter().enumerate() {
        t = t * 10 + i as u32 * *x;
    }
    for (i, &x) in a.iter().rev().enumerate() {
        t = t * 10 + i as u32 + x;
    }
    for (i, x) in a.iter().enumerate().rev() {
        t = t * 10 + i as u32 + *x;
    }
    let mut m = [1u32, 2, 3];
    for (i, x) in m.iter_mut().enumerate() {
        *x += i as u32;
    }
    t + m[2]
}
