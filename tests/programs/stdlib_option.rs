// core's Option and Result, found without a `use` (the prelude's Some, None,
// Ok, Err): every method, on options and results held in locals, in far
// statics (the methods that take `&self` read them in their memory; `as_ref`
// and `as_mut` give references into that memory, writes land there), whose
// payloads are far pointers (kept in their memory through `copied`, `zip`,
// `ok_or`, `flatten`), and `==` between them. `unwrap` of `None` and of an
// `Err` traps where Rust panics.
// CALL: predicates(3) -> 1010
// CALL: predicates(0) -> 101
// CALL: unwraps(5) -> 50505
// CALL: unwraps(0) -> 97000
// CALL: combinators(2) -> 411712
// CALL: combinators(0) -> 400701
// CALL: in_place(4) -> 41191104
// CALL: in_place(0) -> 1191064
// CALL: far_static(1) -> 231305
// CALL: far_static(0) -> 100006
// CALL: far_payloads(2) -> 77117777
// CALL: far_payloads(9) -> 1
// CALL: results(6) -> 182636583
// CALL: results(0) -> 2036400
// CALL: equality(3) -> 1100
// CALL: equality(4) -> 10111
// CALL: nested(0) -> 1230
// CALL: nested(1) -> 2323
// CALL: unwrap_ok(6) -> 18
// CALL: unwrap_err_of_err(0) -> 17
// TRAP: unwrap_none(0)
#![memory(1, min = 1)]
#![memory(2, min = 1)]

fn half(x: u32) -> Option<u32> {
    if x % 2 == 0 { Some(x / 2) } else { None }
}

fn parse(x: u32) -> Result<u32, u8> {
    if x < 10 { Ok(x * 3) } else { Err(x as u8) }
}

fn bit(b: bool) -> u32 {
    if b { 1 } else { 0 }
}

#[no_mangle]
pub extern "C" fn predicates(x: u32) -> u32 {
    let a = if x > 0 { Some(x) } else { None };
    let r: Result<u32, u32> = if x > 0 { Ok(x) } else { Err(x) };
    bit(a.is_some()) * 1000 + bit(a.is_none()) * 100 + bit(r.is_ok()) * 10 + bit(r.is_err())
}

#[no_mangle]
pub extern "C" fn unwraps(x: u32) -> u32 {
    let some = if x > 0 { Some(x) } else { None };
    let or = some.unwrap_or(9);
    let ok_or = match some.ok_or(7u8) {
        Ok(v) => v,
        Err(e) => e as u32 * 10,
    };
    let unchecked = if some.is_some() { unsafe { some.unwrap_unchecked() } } else { 0 };
    or * 10000 + ok_or * 100 + unchecked
}

#[no_mangle]
pub extern "C" fn combinators(x: u32) -> u32 {
    let a = half(x);
    let b = half(x + 2);
    let none: Option<u32> = None;
    let and = a.and(Some(4u8)).unwrap_or(7) as u32;
    let or = none.or(a).unwrap_or(7);
    let xor_one = a.xor(none).unwrap_or(7);
    let xor_both = a.xor(b).unwrap_or(7);
    let zip = match a.zip(b) {
        Some((p, q)) => p * 10 + q,
        None => 99,
    };
    and * 100000 + or * 10000 + xor_one * 1000 + xor_both * 100 + zip
}

#[no_mangle]
pub extern "C" fn in_place(x: u32) -> u32 {
    let mut o = if x > 0 { Some(x) } else { None };
    let taken = o.take().unwrap_or(0);
    let none_after_take = bit(o.is_none());
    let old_was_none = bit(o.replace(9).is_none());
    let read = match o.as_ref() {
        Some(r) => *r,
        None => 0,
    };
    if let Some(m) = o.as_mut() {
        *m += 1;
    }
    let incremented = o.unwrap_or(0);
    let inserted = *o.insert(x + 5);
    let mut empty: Option<u32> = None;
    let first = *empty.get_or_insert(7);
    let second = *empty.get_or_insert(8);
    taken * 10000000 + none_after_take * 1000000 + old_was_none * 100000 + read * 10000 + incremented * 100
        + inserted * 10 + first + second
}

#[mem_idx(1)]
static mut FAR: Option<u32> = Some(3);
#[mem_idx(2)]
static mut FAR_R: Result<u32, u16> = Err(4);

#[no_mangle]
pub extern "C" fn far_static(x: u32) -> u32 {
    unsafe {
        if x == 0 {
            FAR = None;
        }
        let some = bit(FAR.is_some()) * 2 + bit(FAR.is_none());
        let read = match FAR.as_ref() {
            Some(r) => *r,
            None => 0,
        };
        if let Some(m) = FAR.as_mut() {
            *m += 10;
        }
        let copied = FAR.as_ref().copied().unwrap_or(0);
        if let Err(e) = FAR_R.as_mut() {
            *e += 1;
        }
        let err = match FAR_R.as_ref() {
            Ok(_) => 0,
            Err(e) => *e as u32,
        };
        some * 100000 + read * 10000 + copied * 100 + err * bit(FAR_R.is_err())
    }
}

#[mem_idx(1)]
static mut CELLS: [u32; 4] = [11, 22, 77, 44];

fn find<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize, i: usize) -> Option<#[mem_idx(M)] *const u32> {
    if i < n { Some(unsafe { p.add(i) }) } else { None }
}

#[no_mangle]
pub extern "C" fn far_payloads(i: u32) -> u32 {
    let cells = unsafe { (&raw const CELLS).cast::<u32>() };
    let found = find(cells, 4, i as usize);
    let zipped = found.zip(find(cells, 4, 0));
    let ok = found.ok_or(0u8);
    let twice = Some(found).flatten();
    match (zipped, ok, twice) {
        (Some((p, q)), Ok(r), Some(s)) => unsafe { *p * 1000000 + *q * 10000 + *r * 100 + *s },
        _ => 1,
    }
}

#[no_mangle]
pub extern "C" fn results(x: u32) -> u32 {
    let r = parse(x);
    let s = parse(x + 20);
    let ok = r.ok().unwrap_or(99);
    let err = s.err().unwrap_or(0) as u32;
    let and = r.and(parse(1)).unwrap_or(5);
    let or = s.or(parse(2)).unwrap_or(0);
    let or_err: Result<u32, u32> = s.or(Err(4));
    let back = match Some(r).transpose() {
        Ok(Some(v)) => v,
        _ => 0,
    };
    let u: Result<Option<u32>, u8> = Ok(half(x));
    let flipped = match u.transpose() {
        Some(Ok(v)) => v,
        Some(Err(_)) => 1,
        None => 2,
    };
    ok * 10000000 + err * 100000 + and * 10000 + or * 1000 + or_err.unwrap_err() * 100 + back * 10 + flipped
}

#[derive(Clone, Copy, PartialEq)]
struct P {
    a: u32,
}

#[no_mangle]
pub extern "C" fn equality(x: u32) -> u32 {
    let a = half(x);
    let b = Some(x / 2);
    let p = Some(P { a: x });
    let r: Result<u32, u8> = Ok(x);
    bit(a == b) * 10000 + bit(p == Some(P { a: 3 })) * 1000 + bit(r != Err(3)) * 100 + bit(a != None) * 10
        + bit(r == Ok(4))
}

#[no_mangle]
pub extern "C" fn nested(k: u32) -> u32 {
    let deep: Option<Option<u32>> = if k == 0 { Some(None) } else { Some(Some(23)) };
    let flat = deep.flatten();
    let cloned = flat.clone();
    match (flat, cloned) {
        (None, None) => 1230,
        (Some(v), Some(w)) => v * 100 + w,
        _ => 0,
    }
}

#[no_mangle]
pub extern "C" fn unwrap_ok(x: u32) -> u32 {
    parse(x).unwrap()
}

#[no_mangle]
pub extern "C" fn unwrap_err_of_err(x: u32) -> u32 {
    parse(x + 17).unwrap_err() as u32
}

#[no_mangle]
pub extern "C" fn unwrap_none(x: u32) -> u32 {
    half(x + 1).unwrap()
}
