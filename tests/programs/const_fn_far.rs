// A `const fn` that makes and passes far pointers keeps them typed: the
// constants below point into memory 1 and every access through them is a
// memory-1 access (memory 0 at the same address is untouched); the generic
// `const fn` keeps the memory of its argument. Laundering attempts are
// errors: tests/ui/m0001_const_fn_far.rs.
// CALL: far_through_consts() -> 123
// CALL: generic_memory() -> 9
// ORACLE: skip uses addresses that only exist in a wasm memory
#![memory(1, min = 1)]
#![memory(2, min = 1)]

const fn far_at(addr: usize) -> #[mem_idx(1)] *mut u32 { addr as #[mem_idx(1)] *mut u32 }
const fn pass<const M: usize>(p: #[mem_idx(M)] *mut u32) -> #[mem_idx(M)] *mut u32 { p }
const fn next<const M: usize>(p: #[mem_idx(M)] *mut u32) -> #[mem_idx(M)] *mut u32 {
    (p as usize + 4) as #[mem_idx(M)] *mut u32
}

const P1: #[mem_idx(1)] *mut u32 = pass(far_at(64));
static P1_NEXT: #[mem_idx(1)] *mut u32 = next(P1);
const P2: #[mem_idx(2)] *mut u32 = next::<2>(64 as #[mem_idx(2)] *mut u32);

#[no_mangle]
pub extern "C" fn far_through_consts() -> u32 {
    unsafe {
        let near = 64 as *mut u32;
        let before = *near;
        *P1 = 120;
        *P1_NEXT = 3;
        let after = *near;
        *(64 as #[mem_idx(1)] *const u32) + *(68 as #[mem_idx(1)] *const u32) + (after - before)
    }
}

#[no_mangle]
pub extern "C" fn generic_memory() -> u32 {
    unsafe {
        *P2 = 9;
        let in_memory_1 = *(68 as #[mem_idx(1)] *const u32);  // 3 if far_through_consts ran first, else 0
        *(68 as #[mem_idx(2)] *const u32) + in_memory_1 - in_memory_1
    }
}
