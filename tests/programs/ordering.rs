// `<`, `<=`, `>`, `>=` on user types through core::cmp::PartialOrd (an impl
// written by hand, and the derives), `Ord::cmp` / `max` / `min` / `clamp`,
// `core::cmp::{max, min}`, bounded generics instantiated with user types and
// with primitives (whose `partial_cmp` / `cmp` are built in), arrays ordered
// lexicographically, references compared by value, floats with a NaN
// (`partial_cmp` is `None`, every operator false), `Ordering`'s methods, and
// far values: a far static's elements compared where they are (primitives)
// and as copies in memory 0 (user types).
// CALL: by_hand(3) -> 3
// CALL: by_hand(4) -> 12
// CALL: derived(3) -> 338811
// CALL: derived(1) -> 464763
// CALL: generic(5) -> 516462
// CALL: generic(0) -> 271147
// CALL: nan(1) -> 200
// CALL: arrays(2) -> 121031
// CALL: arrays(7) -> 23123
// CALL: orderings(1) -> 31132
// CALL: far_largest(4) -> 90307
#![memory(1, min = 1)]

use core::cmp::Ordering;

#[derive(Clone, Copy, PartialEq)]
struct Version {
    major: u32,
    minor: i32,
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<Ordering> {
        match self.major.partial_cmp(&other.major) {
            Some(Ordering::Equal) => self.minor.partial_cmp(&other.minor),
            found => found,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    a: u32,
    b: i32,
}

#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct Pair(f64, u8);

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    Dot(u32),
    Rect { w: i8, h: i8 },
    Empty,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    High = 5,
    Low = 2,
    Top = 9,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Unit;

fn code(o: Ordering) -> u32 {
    match o {
        Ordering::Less => 1,
        Ordering::Equal => 2,
        Ordering::Greater => 3,
    }
}

fn partial_code(o: Option<Ordering>) -> u32 {
    match o {
        Some(o) => code(o),
        None => 0,
    }
}

fn flags<T: PartialOrd>(a: &T, b: &T) -> u32 {
    (a < b) as u32 + 2 * (a <= b) as u32 + 4 * (a > b) as u32 + 8 * (a >= b) as u32
}

#[no_mangle]
pub extern "C" fn by_hand(n: u32) -> u32 {
    let x = Version { major: n, minor: -1 };
    let y = Version { major: 3, minor: 2 };
    (x < y) as u32 + 2 * (x <= y) as u32 + 4 * (x > y) as u32 + 8 * (x >= y) as u32
}

#[no_mangle]
pub extern "C" fn derived(n: u32) -> u32 {
    let x = Key { a: n, b: -1 };
    let y = Key { a: 3, b: 2 };
    let mut r = code(x.cmp(&y));
    r = r * 4 + partial_code(Pair(1.0, 2).partial_cmp(&Pair(1.0, n as u8)));
    r = r * 4 + partial_code(Pair(0.0 / (n as f64 - n as f64), 2).partial_cmp(&Pair(1.0, n as u8)));
    r = r * 4 + code(Shape::Dot(n).cmp(&Shape::Dot(3)));
    r = r * 4 + code(Shape::Rect { w: 1, h: n as i8 }.cmp(&Shape::Rect { w: 1, h: 3 }));
    r = r * 4 + code(Shape::Empty.cmp(&Shape::Dot(9)));
    r = r * 4 + code(Shape::Dot(9).cmp(&Shape::Rect { w: 0, h: 0 }));
    r = r * 4 + code(Level::High.cmp(&Level::Low));
    r = r * 4 + code(Unit.cmp(&Unit));
    r * 4 + x.max(y).a
}

fn largest<T: PartialOrd + Copy>(xs: &[T]) -> T {
    let mut best = xs[0];
    for &x in xs.iter() {
        if x > best {
            best = x;
        }
    }
    best
}

fn sorted3<T: Ord + Copy>(mut v: [T; 3]) -> [T; 3] {
    let mut i = 0;
    while i < 3 {
        let mut j = i + 1;
        while j < 3 {
            if v[j].cmp(&v[i]) == Ordering::Less {
                let t = v[i];
                v[i] = v[j];
                v[j] = t;
            }
            j += 1;
        }
        i += 1;
    }
    v
}

#[no_mangle]
pub extern "C" fn generic(n: u32) -> u32 {
    let keys = [Key { a: 2, b: 0 }, Key { a: n, b: 1 }, Key { a: 2, b: 7 }];
    let big = largest(&keys);
    let s = sorted3([Shape::Empty, Shape::Dot(n), Shape::Rect { w: 1, h: 1 }]);
    let first = match s[0] {
        Shape::Dot(v) => v + 1,
        Shape::Rect { .. } => 100,
        Shape::Empty => 200,
    };
    let clamped = Key { a: n, b: 0 }.clamp(Key { a: 1, b: 0 }, Key { a: 4, b: 0 }).a;
    let small = largest(&[3u8, n as u8, 1]) as u32;
    big.a * 100000 + (big.b as u32) * 10000 + first * 1000 + clamped * 100 + small * 10 + flags(&Unit, &Unit)
        + core::cmp::max(n, 7) - core::cmp::min(n, 7)
}

#[no_mangle]
pub extern "C" fn nan(n: u32) -> u32 {
    let zero = n as f64 - n as f64;
    let nan = zero / zero;
    let one = Pair(1.0, 0);
    let odd = Pair(nan, 0);
    flags(&odd, &one) + flags(&nan, &1.0) * 10 + partial_code(nan.partial_cmp(&nan)) + (odd != odd) as u32 * 200
}

#[no_mangle]
pub extern "C" fn arrays(n: u32) -> u32 {
    let a = [1u32, n, 3];
    let b = [1u32, 5, 0];
    let ka = [Key { a: 1, b: 0 }, Key { a: n, b: 0 }];
    let kb = [Key { a: 1, b: 0 }, Key { a: 5, b: 0 }];
    code(a.cmp(&b)) + 10 * flags(&a, &b) + 1000 * code(ka.cmp(&kb)) + 10000 * code([2u8, 3].cmp(&[2, 3]))
        + 100000 * (ka < kb) as u32
}

#[no_mangle]
pub extern "C" fn orderings(n: u32) -> u32 {
    let o = n.cmp(&2);
    let mut r = code(o.reverse());
    r = r * 10 + code(Ordering::Equal.then(o));
    r = r * 10 + code(Ordering::Less.then(Ordering::Greater));
    r = r * 10 + (o.is_lt() as u32 + o.is_le() as u32 + o.is_ne() as u32) + (o.is_gt() || o.is_ge() || o.is_eq()) as u32;
    r * 10 + (Ordering::Less < Ordering::Greater) as u32 + (Ordering::Equal.max(Ordering::Less) == Ordering::Equal) as u32
}

#[mem_idx(1)]
static mut FAR_KEYS: [Key; 4] = [Key { a: 1, b: 3 }, Key { a: 9, b: 0 }, Key { a: 9, b: 3 }, Key { a: 2, b: 0 }];

#[mem_idx(1)]
static FAR_NUMBERS: [u32; 4] = [5, 8, 2, 7];

#[no_mangle]
pub extern "C" fn far_largest(n: u32) -> u32 {
    let mut best = Key { a: 0, b: 0 };
    let mut most = 0u32;
    let mut i = 0usize;
    while i < n as usize {
        let k = unsafe { FAR_KEYS[i] }; // a copy in memory 0: the operator borrows it there
        if k > best {
            best = k;
        }
        if FAR_NUMBERS[i] > most {
            most = FAR_NUMBERS[i];
        }
        i += 1;
    }
    best.a * 10000 + (best.b as u32) * 100 + most - 1
}
