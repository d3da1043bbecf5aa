// The library of examples/far_call: a text service with a memory 0 of its
// own. Callers write a message into its inbox (an address in lib's memory 0
// that `inbox` hands out), then ask it to `shout` the message: upper-case it
// in place. lib never sees its callers' memories; it does not import any.
//
// CALL: total_shouted() -> 0

static mut INBOX: [u8; 256] = [0; 256];
static mut SHOUTED: u32 = 0;

/// Where callers put a message: the inbox, in lib's memory 0.
#[no_mangle]
pub extern "C" fn inbox() -> *mut u8 {
    unsafe { (&raw mut INBOX).cast::<u8>() }
}

/// Upper-cases the `n` bytes at `text` (in lib's memory 0), returns how many letters changed.
#[no_mangle]
pub extern "C" fn shout(text: *mut u8, n: usize) -> u32 {
    let mut changed: u32 = 0;
    let mut i: usize = 0;
    while i < n {
        let c = unsafe { *text.add(i) };
        if c >= 97 && c <= 122 {
            unsafe { *text.add(i) = c - 32; }
            changed += 1;
        }
        i += 1;
    }
    unsafe { SHOUTED += changed; }
    changed
}

/// How many letters lib has upper-cased so far (state kept in lib's memory 0).
#[no_mangle]
pub extern "C" fn total_shouted() -> u32 {
    unsafe { SHOUTED }
}
