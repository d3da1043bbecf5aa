// `wasm_index = 0` gives a far memory wasm memory index 0 (engines treat
// memory 0 best); memory 0 moves to another index, and nothing else changes.
// CALL: total() -> 118
// CALL: again() -> 218
#![memory(1, min = 1, wasm_index = 0)]
#![memory(2, min = 1)]

#[mem_idx(1)]
static A: [u32; 2] = [5, 6];
#[mem_idx(2)]
static mut C: u32 = 0;
static B: u32 = 7;

#[no_mangle]
pub extern "C" fn total() -> u32 {
    let p = (&raw const A).cast::<u32>();
    unsafe {
        let q = &raw mut C;
        *q += 100;
        *p + *p.add(1) + B + *q
    }
}

#[no_mangle]
pub extern "C" fn again() -> u32 { total() }
