// A memory the file does not declare, reached inside core's code (an atomic
// method generic over the memory): the error is at the crate's call, not in
// core's text, which the user never wrote (it pointed there once: found by
// the fuzz campaign, input 71010).
#![memory(1, shared, min = 1, max = 1)]
use core::sync::atomic::{AtomicU32, Ordering};

fn bump<const M: usize>(base: #[mem_idx(M)] *mut u32) -> u32 {
    let c: #[mem_idx(M)] &AtomicU32 = unsafe { AtomicU32::from_ptr(base) }; //~ ERROR M0009 accesses memory 4, which this file does not declare
    //~| NOTE the memory comes from the const generic arguments of `core::sync::atomic::AtomicU32::from_ptr<4>`
    c.fetch_add(5, Ordering::SeqCst); //~ ERROR M0009 `atomic_add` accesses memory 4
    c.load(Ordering::SeqCst) //~ ERROR M0009 accesses memory 4
}

#[no_mangle]
pub extern "C" fn main() -> u32 {
    bump::<1>(64 as #[mem_idx(1)] *mut u32) + bump::<4>(64 as #[mem_idx(4)] *mut u32)
}
