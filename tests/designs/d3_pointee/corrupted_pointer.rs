// MISTAKE: a bug lets an attacker overwrite a pointer kept in memory 0 (the request's data pointer); can the read reach the key in memory 2?
// OUTCOME: contained
// CALL: set_key() -> 0
// CALL: attack(0, 0, 64, 2) -> 7
// SECRET: 6210279
#![memory(1, min = 1)]
#![memory(2, min = 1)]

/// A `T` placed in memory `M`.
#[mem_idx(M)]
struct Far<T, const M: usize> {
    value: T,
}

struct Request {
    words: [u32; 2],
    data: *const Far<u32, 1>,
    flags: u32,
}

static mut REQ: Request = Request { words: [0, 0], data: 128 as *const Far<u32, 1>, flags: 0 };

#[no_mangle]
pub extern "C" fn set_key() -> u32 {
    unsafe {
        (*(64 as *mut Far<u32, 2>)).value = 0x5EC2E7;
        (*(64 as *mut Far<u32, 1>)).value = 7; // public data at the same address in memory 1
    }
    0
}

/// Parses a request: the bug copies the attacker's four words over the
/// whole request (its pointer included) instead of over `words`.
#[no_mangle]
pub extern "C" fn attack(a: u32, b: u32, c: u32, d: u32) -> u32 {
    unsafe {
        let raw = (&raw mut REQ).cast::<u32>();
        *raw = a;
        *raw.add(1) = b;
        *raw.add(2) = c;
        *raw.add(3) = d;
        (*REQ.data).value
    }
}
