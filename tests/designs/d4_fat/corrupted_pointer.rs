// MISTAKE: a bug lets an attacker overwrite a pointer kept in memory 0 (the request's data pointer); can the read reach the key in memory 2?
// OUTCOME: leak
// CALL: set_key() -> 0
// CALL: attack(0, 0, 2, 64) -> 6210279
// SECRET: 6210279
#![memory(1, min = 1)]
#![memory(2, min = 1)]

mod fat;
use fat::FarPtr;

struct Request {
    words: [u32; 2],
    data: FarPtr, // meant to point into memory 1
}

static mut REQ: Request = Request { words: [0, 0], data: FarPtr { mem: 1, addr: 128 } };

#[no_mangle]
pub extern "C" fn set_key() -> u32 {
    unsafe {
        fat::write::<u32>(FarPtr { mem: 2, addr: 64 }, 0x5EC2E7);
        fat::write::<u32>(FarPtr { mem: 1, addr: 64 }, 7); // public data at the same address in memory 1
    }
    0
}

/// Parses a request: the bug copies the attacker's four words over the
/// whole request (its fat pointer included) instead of over `words`.
#[no_mangle]
pub extern "C" fn attack(a: u32, b: u32, c: u32, d: u32) -> u32 {
    unsafe {
        let raw = (&raw mut REQ).cast::<u32>();
        *raw = a;
        *raw.add(1) = b;
        *raw.add(2) = c;
        *raw.add(3) = d;
        fat::read::<u32>(REQ.data)
    }
}
