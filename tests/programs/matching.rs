// `match` with literal, range, binding (`x @ p`), tuple, struct, tuple-struct,
// enum-variant, reference, array and or-patterns, guards (tried again for
// each alternative of an or-pattern that matches), `if let`, `while let` and
// `let ... else`; matching through far references (default binding modes:
// the bindings are references into the far memory) and a generic enum whose
// payload is a pointer into the memory its parameter names.
// CALL: ints(-7) -> 1
// CALL: ints(0) -> 2
// CALL: ints(5) -> 35
// CALL: ints(12) -> 4
// CALL: ints(1000) -> 5
// CALL: bytes(200) -> 3
// CALL: tuples(1, 0) -> 10
// CALL: tuples(7, 3) -> 73
// CALL: guards(3, 7) -> 1
// CALL: guards(7, 3) -> 2
// CALL: guards(3, 4) -> 3
// CALL: shapes(4) -> 6803
// CALL: lets(9) -> 1018
// CALL: loops(5) -> 15
// CALL: far_match(1) -> 120
// CALL: slots(2) -> 330
// CALL: arrays(3) -> 1017
// CALL: labeled(2) -> 306
// CALL: labeled(5) -> 312
// CALL: labeled(12) -> 3
#![memory(1, min = 1)]

enum Shape {
    Empty,
    Circle(u32),
    Rect { w: u32, h: u32 },
}

enum Maybe<T> {
    Nothing,
    Just(T),
}

struct P(u32, u8);
struct Unit;

enum Slot<const S: usize> {
    Vacant,
    Far(#[mem_idx(S)] *const u32),
}

#[mem_idx(1)]
static mut TABLE: [u32; 4] = [10, 20, 30, 40];
#[mem_idx(1)]
static mut FAR_SHAPES: [Shape; 2] = [Shape::Circle(3), Shape::Rect { w: 10, h: 12 }];

const LIMIT: i32 = 100;

#[no_mangle]
pub extern "C" fn ints(n: i32) -> i32 {
    match n {
        ..=-1 => 1,
        0 => 2,
        x @ 1..=9 => x * 7,
        10 | 11 | 12 => 4,
        LIMIT.. => 5,
        _ => 6,
    }
}

#[no_mangle]
pub extern "C" fn bytes(b: u8) -> u32 {
    match b {
        0..=99 => 1,
        100..200 => 2,
        200..=255 => 3,
    }
}

#[no_mangle]
pub extern "C" fn tuples(a: u32, b: u32) -> u32 {
    match (a, b, a > b) {
        (1, 0, _) => 10,
        (x, y, true) => x * 10 + y,
        (_, _, false) => 0,
    }
}

#[no_mangle]
pub extern "C" fn guards(a: u32, b: u32) -> u32 {
    match (a, b) {
        (x, _) | (_, x) if x == 7 && a < b => 1,
        (7, _) | (_, 7) => 2,
        _ => 3,
    }
}

fn area(s: &Shape) -> u32 {
    match *s {
        Shape::Empty => 0,
        Shape::Circle(ref r) if *r > 100 => 1,
        Shape::Circle(r) => 3 * r * r,
        Shape::Rect { w, h: 0 } => w,
        Shape::Rect { w, h } => w * h,
    }
}

#[no_mangle]
pub extern "C" fn shapes(n: u32) -> u32 {
    let p = P(n, 2);
    let P(a, b) = p;
    let unit = Unit;
    let Unit = unit;
    area(&Shape::Empty) + area(&Shape::Circle(a)) * 100 + area(&Shape::Rect { w: b as u32, h: 0 }) * 1000
        + area(&Shape::Rect { w: 1, h: 2 }) + area(&Shape::Circle(1000)) + p.0 - n
}

fn first_just(list: &[Maybe<u32>; 3]) -> u32 {
    for_each_fake(list)
}

fn for_each_fake(list: &[Maybe<u32>; 3]) -> u32 {
    let mut i = 0;
    while i < 3 {
        if let Maybe::Just(v) = list[i] {
            return v;
        }
        i += 1;
    }
    0
}

fn value_or(m: Maybe<u32>, d: u32) -> u32 {
    let Maybe::Just(v) = m else { return d; };
    v
}

#[no_mangle]
pub extern "C" fn lets(n: u32) -> u32 {
    let list = [Maybe::Nothing, Maybe::Just(n), Maybe::Just(4)];
    let (mut total, _) = (first_just(&list), 0u8);
    total += value_or(Maybe::Just(1000), 0) + value_or(Maybe::Nothing, 9);
    let [_, middle, ..] = list;
    if let Maybe::Just(m) = middle { total + m - n } else { 0 }
}

#[no_mangle]
pub extern "C" fn loops(n: u32) -> u32 {
    let mut cur = Maybe::Just(n);
    let mut sum = 0;
    while let Maybe::Just(v) = cur {
        sum += v;
        cur = if v == 0 { Maybe::Nothing } else { Maybe::Just(v - 1) };
    }
    sum
}

fn far_area<const M: usize>(s: #[mem_idx(M)] &Shape) -> u32 {
    match s {
        Shape::Empty => 0,
        Shape::Circle(r) => {
            let r2: #[mem_idx(M)] &u32 = r;
            *r2 * 10
        }
        &Shape::Rect { w, h } => w * h,
    }
}

#[no_mangle]
pub extern "C" fn far_match(i: usize) -> u32 {
    unsafe {
        let far = (&raw const FAR_SHAPES).cast::<Shape>();
        far_area(&*far.add(i)) + far_area(&Shape::Empty) + 0 * far_area(&*far.add(0))
    }
}

fn read_slot<const R: usize>(s: Slot<R>, i: usize) -> u32 {
    match s {
        Slot::Vacant => 0,
        Slot::Far(p) => unsafe { *p.add(i) },
    }
}

#[no_mangle]
pub extern "C" fn slots(i: usize) -> u32 {
    let local = [1u32, 2, 3, 300];
    let near: Slot<0> = Slot::Far(&raw const local[0]);
    let far = Slot::Far(unsafe { (&raw const TABLE).cast::<u32>() });
    let none: Slot<1> = Slot::Vacant;
    read_slot(near, 3) + read_slot(far, i) + read_slot(none, 0)
}

#[no_mangle]
pub extern "C" fn arrays(k: u32) -> u32 {
    let a = [k, 20, 30, 1000];
    let [first, .., last] = a;
    let [_, rest @ ..] = a;
    match a {
        [3, x, ..] => first + last + x - 20 + rest[2] - 1000 + 14,
        _ => 0,
    }
}

fn step(m: Maybe<u32>) -> Maybe<u32> {
    match m {
        Maybe::Just(0) | Maybe::Nothing => Maybe::Nothing,
        Maybe::Just(v) => Maybe::Just(v - 1),
    }
}

#[no_mangle]
pub extern "C" fn labeled(n: u32) -> u32 {
    let mut cur = Maybe::Just(n);
    let mut steps = 0;
    'outer: while let Maybe::Just(v) = cur {
        cur = step(Maybe::Just(v));
        let mut inner = Maybe::Just(v);
        while let Maybe::Just(w) = inner {
            steps += 1;
            if w == 3 {
                continue 'outer;
            }
            if w == 10 {
                break 'outer;
            }
            inner = step(Maybe::Just(w));
        }
        steps += 100;
    }
    steps
}
