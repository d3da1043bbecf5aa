// Constant evaluation never turns a far pointer into a near one: a `const fn`
// keeps the memories of its signature, so every way of getting its far result
// into a near constant, static, field or another memory is the memory error
// it is outside constants; only the explicit round trip through `usize` is
// accepted. (Evaluation itself reads no memory: tests/ui/e0080_const_fn_eval.rs.)
#![memory(1, min = 1)]
#![memory(2, min = 1)]

const fn far_at(addr: usize) -> #[mem_idx(1)] *const u32 { addr as #[mem_idx(1)] *const u32 }
const fn pass<const M: usize>(p: #[mem_idx(M)] *const u32) -> #[mem_idx(M)] *const u32 { p }
const fn launder(p: #[mem_idx(1)] *const u32) -> *const u32 { p } //~ ERROR M0003 returned pointer points into memory 1, but the return type points into memory 0
const fn through_ref(p: #[mem_idx(1)] *const u32) -> *const u32 { let r = &p; *r } //~ ERROR M0003
const fn in_block(p: #[mem_idx(1)] *const u32) -> *const u32 {
    let mut q: *const u32 = 0 as *const u32;
    q = p; //~ ERROR M0001
    q
}

const NEAR: *const u32 = far_at(16); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
static NEAR_STATIC: *const u32 = far_at(16); //~ ERROR M0001 expected a pointer into memory 0, found a pointer into memory 1
const OTHER: #[mem_idx(2)] *const u32 = pass::<1>(far_at(16)); //~ ERROR M0001 expected a pointer into memory 2, found a pointer into memory 1
const INFERRED: *const u32 = pass(far_at(16)); //~ ERROR M0008 this instantiation makes memory 0 meet memory 1
struct Holder { p: *const u32 }
const HELD: Holder = Holder { p: far_at(16) }; //~ ERROR M0007 cannot store a pointer into memory 1 where a pointer into memory 0 is expected

// accepted: the far constant stays far, and the round trip is spelled out
const FAR: #[mem_idx(1)] *const u32 = pass(far_at(16));
const ROUND_TRIP: *const u32 = far_at(16) as usize as *const u32;

#[no_mangle]
pub extern "C" fn uses() -> usize {
    NEAR as usize + NEAR_STATIC as usize + OTHER as usize + INFERRED as usize + HELD.p as usize + FAR as usize
        + ROUND_TRIP as usize + launder(FAR) as usize + through_ref(FAR) as usize + in_block(FAR) as usize
}
