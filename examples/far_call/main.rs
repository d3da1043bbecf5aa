// Two modules, no shared memory 0: `main` imports lib's memory 0 as its far
// memory 1 and lib's functions as far calls. It copies a message from its
// own memory 0 into lib's inbox through a far pointer (one memory.copy
// across memories), asks lib to process it, and reads the answer back
// through the same far pointer. Neither module can reach the other's memory
// 0 except through these typed pointers: lib imports nothing, and main's
// only way into lib's memory is `#[mem_idx(1)]`.
//
//   farc run examples/far_call/main.rs --link lib=examples/far_call/lib.rs --invoke send
//   farc build examples/far_call/main.rs --link lib=examples/far_call/lib.rs --static --emit wasm,wat
//
// LINK: lib=lib.rs
// CALL: send() -> 8
// CALL: reply(0) -> 72
// CALL: reply(5) -> 44
// CALL: reply(7) -> 70
// CALL: reply(11) -> 33
// CALL: own_copy(0) -> 104
// CALL: lib_total() -> 8
// ORACLE: skip far calls need the linked module
#![memory(1, import = "lib.memory")]

#[link(wasm_import_module = "lib")]
extern "C" {
    fn inbox() -> #[mem_idx(1)] *mut u8;
    fn shout(text: #[mem_idx(1)] *mut u8, n: usize) -> u32;
    fn total_shouted() -> u32;
}

// "hello, far!!" in main's memory 0
static MESSAGE: [u8; 12] = [104, 101, 108, 108, 111, 44, 32, 102, 97, 114, 33, 33];

/// Copies the message into lib's inbox and has lib shout it: the letters changed.
#[no_mangle]
pub extern "C" fn send() -> u32 {
    unsafe {
        let inbox = inbox();
        core::ptr::copy_nonoverlapping((&raw const MESSAGE).cast::<u8>(), inbox, 12);
        shout(inbox, 12)
    }
}

/// Byte `i` of lib's inbox, read through the far pointer lib handed out.
#[no_mangle]
pub extern "C" fn reply(i: usize) -> u32 {
    unsafe { *inbox().add(i) as u32 }
}

/// Byte `i` of main's own message: lib's work did not touch main's memory 0.
#[no_mangle]
pub extern "C" fn own_copy(i: usize) -> u32 {
    MESSAGE[i] as u32
}

#[no_mangle]
pub extern "C" fn lib_total() -> u32 {
    unsafe { total_shouted() }
}
