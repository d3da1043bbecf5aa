// The stdlib's methods that take closures: `Option::map`, `and_then`,
// `unwrap_or_else`, `map_or`, `map_or_else`, `or_else`, `filter`,
// `ok_or_else`; `Result::map`, `map_err`, `and_then`, `or_else`,
// `unwrap_or_else`, `map_or`; `fetch_update` on atomics, in memory 0 and in
// a far static (memory 1), with closures that capture and change variables.
// CALL: options(1) -> 1440
// CALL: options(4) -> 4446
// CALL: results(1) -> 325
// CALL: results(3) -> 331
// CALL: updates(7) -> 1120326
// CALL: updates(20) -> 1201326
#![memory(1, min = 1)]
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

#[mem_idx(1)]
static mut CELL: u32 = 0;

#[no_mangle]
pub extern "C" fn options(k: u32) -> u32 {
    let a = Some(k);
    let n: Option<u32> = None;
    let base = 100u32;
    let m = a.map(|v| v + base).unwrap_or(0);
    let z = n.map(|v| v + base).unwrap_or(7);
    let e = n.unwrap_or_else(|| base * 2);
    let mo = a.map_or(1, |v| v * 3) + n.map_or(5, |v| v * 3);
    let at = a.and_then(|v| if v > 2 { Some(v) } else { None }).unwrap_or(9);
    let f = a.filter(|v| *v == 1).unwrap_or(0);
    let oe = n.or_else(|| Some(base)).unwrap_or(0);
    let ok = n.ok_or_else(|| base).unwrap_or(3);
    let moe = n.map_or_else(|| 11, |v| v) + a.map_or_else(|| 11, |v| v * 1000);
    m + z + e + mo + at + f + oe + ok + moe
}

fn parse(x: u32) -> Result<u32, u8> {
    if x > 5 {
        Err(x as u8)
    } else {
        Ok(x)
    }
}

#[no_mangle]
pub extern "C" fn results(k: u32) -> u32 {
    let base = 100u32;
    let a = parse(k).map(|v| v + base).unwrap_or(0);
    let b = parse(k + 10).map_err(|e| e as u32 + base).unwrap_or_else(|e| e * 2);
    let c = parse(k).and_then(|v| parse(v * 10)).map_or(1, |v| v);
    let d = parse(9).or_else(|e| parse(e as u32 - 8)).unwrap_or(50);
    a + b + c + d
}

#[no_mangle]
pub extern "C" fn updates(k: u32) -> u32 {
    let limit = 10u32;
    let far = unsafe { AtomicU32::from_ptr(&raw mut CELL) };
    far.store(k, Ordering::SeqCst);
    let near = AtomicU32::new(100);
    let step = |v: u32| if v < limit { Some(v + 5) } else { None };
    let a = far.fetch_update(Ordering::SeqCst, Ordering::SeqCst, step);
    let b = far.fetch_update(Ordering::SeqCst, Ordering::SeqCst, step);
    let mut calls = 0u32;
    let c = near.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |v| {
        calls += 1;
        Some(v * 2)
    });
    let flag = AtomicBool::new(false);
    let d = flag.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |b| Some(!b));
    a.unwrap_or(999) + b.unwrap_or_else(|e| e * 1000) * 10 + c.unwrap_or(0) + near.load(Ordering::SeqCst) + calls * 7
        + d.unwrap_or(true) as u32 * 100000 + flag.load(Ordering::SeqCst) as u32 * 1000000 + far.load(Ordering::SeqCst)
}
