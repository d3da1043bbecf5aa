// Generic enums shaped like `Option` and `Result` whose payloads are far
// pointers and far references: returned by functions generic over the
// memory, nested (`Option<Option<..>>`, a `Result` whose error holds a
// pointer into another memory), kept in structs, tuples, arrays and far
// statics, matched by value, through far references (default binding modes:
// the bindings point into the far memory), through far raw pointers with
// `ref mut` (writes land in the far memory), with `@` bindings and range
// patterns. Every pointer keeps its memory through every pattern.
// CALL: finds(7) -> 8777
// CALL: finds(42) -> 9142
// CALL: nested(0) -> 1
// CALL: nested(1) -> 2
// CALL: nested(2) -> 6
// CALL: results(3) -> 4003
// CALL: results(0) -> 5000
// CALL: results(9) -> 6009
// CALL: bump_far(1) -> 10011131
// CALL: bump_far(5) -> 10026196
// CALL: bump_far(2) -> 10038218
// CALL: ranges(0) -> 405
// CALL: ranges(1) -> 196
// CALL: ranges(2) -> 180
// CALL: aggregates(1) -> 1220
// CALL: defaults(7) -> 7070
// CALL: defaults(9) -> 6100
// CALL: far_refs(0) -> 1070501002
// CALL: far_refs(1) -> 1070501103
// CALL: far_bindings(0) -> 77702
// CALL: far_bindings(1) -> 702077
// CALL: generic_structs(1) -> 73026
#![memory(1, min = 1)]
#![memory(2, min = 1)]

mod opt {
    pub enum Option<T> {
        None,
        Some(T),
    }

    pub enum Result<T, E> {
        Ok(T),
        Err(E),
    }

    pub fn unwrap_or<T>(o: Option<T>, default: T) -> T {
        match o {
            Option::Some(v) => v,
            Option::None => default,
        }
    }

    pub fn is_some<T>(o: &Option<T>) -> bool {
        match o {
            Option::Some(_) => true,
            Option::None => false,
        }
    }
}

use opt::Option::{self, None, Some};
use opt::Result::{self, Err, Ok};
use opt::{is_some, unwrap_or};

#[mem_idx(1)]
static mut ONE: [u32; 4] = [5, 6, 7, 8];
#[mem_idx(2)]
static mut TWO: [u32; 4] = [70, 80, 7, 100];
#[mem_idx(1)]
static mut PAIRS: [Option<(u32, u8)>; 2] = [Option::Some((7, 2)), Option::None];
#[mem_idx(1)]
static mut SLOTS: [Option<u32>; 3] = [Option::Some(30), Option::None, Option::Some(1000)];

fn one() -> #[mem_idx(1)] *const u32 {
    unsafe { (&raw const ONE).cast::<u32>() }
}

fn two() -> #[mem_idx(2)] *const u32 {
    unsafe { (&raw const TWO).cast::<u32>() }
}

fn find<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize, want: u32) -> Option<#[mem_idx(M)] *const u32> {
    let mut i = 0;
    while i < n {
        let q = unsafe { p.add(i) };
        if unsafe { *q } == want {
            return Some(q);
        }
        i += 1;
    }
    None
}

fn get<const M: usize>(r: #[mem_idx(M)] &[u32; 4], i: usize) -> Option<#[mem_idx(M)] &u32> {
    if i < 4 { Some(&r[i]) } else { None }
}

fn read<const M: usize>(o: Option<#[mem_idx(M)] *const u32>) -> u32 {
    match o {
        Some(p) => unsafe { *p },
        None => 0,
    }
}

#[no_mangle]
pub extern "C" fn finds(want: u32) -> u32 {
    let near = [1u32, 2, want, 4];
    let in_one = find(one(), 4, want);
    let in_two = find(two(), 4, want);
    let in_near = find(&raw const near[0], 4, want);
    let last = match unsafe { get(&*(&raw const TWO), 3) } {
        Some(r) => *r,
        None => 0,
    };
    let offset = match in_two {
        Some(p) => (p as usize - two() as usize) as u32,
        None => 9,
    };
    let missing = if is_some(&in_one) { 0 } else { last };
    read(in_one) * 100 + read(in_two) * 10 + read(in_near) + offset * 1000 + missing
}

fn depth(x: Option<Option<#[mem_idx(2)] *const u32>>) -> u32 {
    match x {
        None => 1,
        Some(None) => 2,
        Some(Some(p)) => unsafe { *p - 1 },
    }
}

#[no_mangle]
pub extern "C" fn nested(k: u32) -> u32 {
    let inner = if k == 2 { find(two(), 4, 7) } else { None };
    let outer = if k == 0 { None } else { Some(inner) };
    depth(outer)
}

fn checked(p: #[mem_idx(1)] *mut u32, limit: u32, v: u32) -> Result<#[mem_idx(1)] *mut u32, Option<#[mem_idx(2)] *const u32>> {
    if v == 0 {
        Err(None)
    } else if v > limit {
        Err(find(two(), 4, 100))
    } else {
        Ok(p)
    }
}

#[no_mangle]
pub extern "C" fn results(v: u32) -> u32 {
    let p = unsafe { (&raw mut ONE).cast::<u32>().add(3) };
    match checked(p, 5, v) {
        Ok(q) => {
            unsafe { *q = 4000 + v };
            unsafe { *one().add(3) }
        }
        Err(None) => 5000,
        Err(Some(e)) => unsafe { *e * 60 + v },
    }
}

fn bump<const M: usize>(slot: #[mem_idx(M)] &mut Option<u32>, by: u32) -> u32 {
    match slot {
        Some(v) if *v < 100 => {
            *v += by;
            *v
        }
        s @ None => {
            *s = Some(by);
            0
        }
        Some(_) => 1,
    }
}

#[no_mangle]
pub extern "C" fn bump_far(by: u32) -> u32 {
    unsafe {
        let slots = (&raw mut SLOTS).cast::<Option<u32>>();
        let a = bump(&mut *slots, by);
        let b = bump(&mut *slots.add(1), by);
        let c = bump(&mut *slots.add(2), by);
        if let Some(ref mut big) = *slots.add(2) {
            *big += 1;
        }
        let d = match *slots.add(1) {
            Some(v) => v,
            None => 77,
        };
        let e = match *slots.add(2) {
            Some(v) => v,
            None => 0,
        };
        a + b * 10 + c * 100 + d * 1000 + e * 10000
    }
}

fn class(x: u32) -> u32 {
    match x {
        0 => 0,
        small @ 1..=6 => small,
        7 | 8 => 20,
        80..=99 => 30,
        _ => 100,
    }
}

#[no_mangle]
pub extern "C" fn ranges(i: usize) -> u32 {
    let next = match find(one(), 4, 7) {
        Some(p) if unsafe { *p } >= 7 => class(unsafe { *p.add(1) }),
        _ => 0,
    };
    class(unsafe { *two().add(i) }) * 3 + class(unsafe { *one().add(i) }) + next
}

struct Pair {
    near: Option<*const u32>,
    far: (Option<#[mem_idx(1)] *const u32>, u8),
}

#[no_mangle]
pub extern "C" fn aggregates(i: usize) -> u32 {
    let local = [200u32, 3];
    let pairs = [
        Pair { near: Some(&raw const local[0]), far: (find(one(), 4, 6), 1) },
        Pair { near: None, far: (None, 2) },
    ];
    let mut total = 0;
    for k in 0..2 {
        let Pair { near, far: (f, tag) } = &pairs[k];
        total += match near {
            Some(p) => unsafe { **p },
            None => 1000,
        };
        total += match *f {
            Some(p) => unsafe { *p.add(i) + 10 },
            None => 0,
        } + *tag as u32;
    }
    total
}

#[no_mangle]
pub extern "C" fn defaults(want: u32) -> u32 {
    let p = unwrap_or(find(one(), 4, want), unsafe { one().add(1) });
    let q = unwrap_or(find(two(), 4, want + 91), two());
    unsafe { *p * 1000 + *q }
}

fn classify<const M: usize>(r: #[mem_idx(M)] &u32) -> u32 {
    match r {
        0 => 1,
        1..=5 => 2,
        &(6 | 7 | 8) => 3,
        x @ 9..=99 => *x,
        _ => 4,
    }
}

fn pair<const M: usize>(a: #[mem_idx(M)] &u32, b: #[mem_idx(M)] &u32) -> u32 {
    match (a, b) {
        (&1 | &3, &y) if y > 100 => y + 1,
        (&x, 1..=9) => x * 10,
        (x, y) => *x + *y,
    }
}

fn at_bind(o: #[mem_idx(1)] &Option<(u32, u8)>) -> u32 {
    match o {
        whole @ Some((n @ 5..=9, t)) => {
            let _same: #[mem_idx(1)] &Option<(u32, u8)> = whole;
            *n * 100 + *t as u32
        }
        Some((n, _)) => *n,
        None => 77,
    }
}

#[no_mangle]
pub extern "C" fn far_refs(i: usize) -> u32 {
    unsafe {
        let c = classify(&*one().add(i)) + classify(&*two().add(i)) * 10 + classify(&*one().add(2)) * 100;
        let p = pair(&*one().add(0), &*one().add(2)) + pair(&*two().add(2), &*two().add(3)) * 1000;
        c + p * 10000
    }
}

#[no_mangle]
pub extern "C" fn far_bindings(i: usize) -> u32 {
    unsafe {
        let o = (&raw const PAIRS).cast::<Option<(u32, u8)>>();
        at_bind(&*o.add(i)) + at_bind(&*o.add(1 - i)) * 1000
    }
}

struct Tagged<T> {
    value: T,
    tag: u8,
}

enum Holder {
    Small(Tagged<u16>),
    Empty,
}

fn value_or<T: Copy>(o: Option<Tagged<T>>, default: T) -> T {
    match o {
        Some(Tagged { value, .. }) => value,
        None => default,
    }
}

#[no_mangle]
pub extern "C" fn generic_structs(i: usize) -> u32 {
    let a = value_or(Some(Tagged { value: 7u32, tag: 1 }), 0);
    let b = match Holder::Small(Tagged { value: 300, tag: 2 }) {
        Holder::Small(t) => t.value as u32 + t.tag as u32,
        Holder::Empty => 0,
    };
    let far = value_or(Some(Tagged { value: unsafe { one().add(i) }, tag: 3 }), two() as usize as #[mem_idx(1)] *const u32);
    a * 10000 + b * 10 + unsafe { *far }
}
