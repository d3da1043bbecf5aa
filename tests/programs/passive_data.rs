// Passive data segments: `#[passive]` statics are in no memory until
// `memory_init` copies elements of them into one (wasm `memory.init`), on
// memory 0, a defined far memory (1), a 64-bit far memory (3) and an imported
// far memory (4), through one function generic over the memory; `data_drop`
// frees a segment (wasm `data.drop`; a later empty `memory_init` still works,
// a non-empty one traps: tests/test_passive_data.py). Expected values by hand:
// the bytes "ell" (GREETING[1..4]) then the 0x55 written before stays:
// ((101 * 3 + 108) * 3 + 108) * 3 + 85 = 4108; WORDS[1..3] = (1 << 20) + 20, 30,
// then a zero word: 4108 * 4 + 1048596 + 30 = 1065058.
// CALL: init0() -> 1065058
// CALL: init1() -> 1065058
// CALL: init3() -> 1065058
// CALL: init4() -> 1065058
// CALL: after_drop() -> 7
// READ: 1 64 656c6c55
// READ: 3 64 656c6c55
// READ: 4 64 656c6c55
// ORACLE: skip passive data segments are wasm only
#![memory(1, min = 1, max = 2, export = "m1")]
#![memory(3, memory64, min = 1, max = 2, export = "m3")]
#![memory(4, min = 1, import = "env.data")]

#[passive]
static GREETING: [u8; 5] = [104, 101, 108, 108, 111];

#[passive]
static WORDS: [u32; 4] = [10, (1 << 20) + 20, 30, 40];

static mut NEAR: [u32; 64] = [0u32; 64];

/// bytes 1..4 of GREETING at byte 64 of the region, words 1..3 of WORDS at byte 128
unsafe fn init<const M: usize>(base: #[mem_idx(M)] *mut u8) -> u32 {
    let text = base.add(64);
    *text.add(3) = 0x55; // the byte after the copy stays
    memory_init(text, GREETING, 1, 3);
    let words = base.add(128).cast::<u32>();
    memory_init(words, WORDS, 1, 2);
    memory_init(words.add(2), WORDS, 4, 0); // empty, at the end: nothing to copy
    let mut sum = 0u32;
    let mut i = 0usize;
    while i < 4 {
        sum = sum * 3 + *text.add(i) as u32;
        i += 1;
    }
    sum * 4 + *words + *words.add(1) + *words.add(2)
}

#[no_mangle] pub extern "C" fn init0() -> u32 { unsafe { init::<0>((&raw mut NEAR).cast::<u8>()) } }
#[no_mangle] pub extern "C" fn init1() -> u32 { unsafe { init::<1>(0usize as #[mem_idx(1)] *mut u8) } }
#[no_mangle] pub extern "C" fn init3() -> u32 { unsafe { init::<3>(0u64 as #[mem_idx(3)] *mut u8) } }
#[no_mangle] pub extern "C" fn init4() -> u32 { unsafe { init::<4>(0usize as #[mem_idx(4)] *mut u8) } }

/// after `data_drop` the segment is empty: copying nothing still works
#[no_mangle] pub extern "C" fn after_drop() -> u32 {
    unsafe {
        data_drop(WORDS);
        memory_init(16usize as #[mem_idx(1)] *mut u32, WORDS, 0, 0);
        *(16usize as #[mem_idx(1)] *mut u32) = 7;
        *(16usize as #[mem_idx(1)] *const u32)
    }
}
