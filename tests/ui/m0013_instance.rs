#![memory(1, min = 1, max = 2)]
#![memory(2, shared, min = 1, max = 2)]

// A wait on a memory parameter is checked in each instance.
fn generic_wait<const M: usize>(p: #[mem_idx(M)] *mut i32) -> i32 {
    unsafe { memory_atomic_wait32(p, 0, 0) } //~ ERROR M0013 waits on memory 1, which is not shared (in instance `generic_wait<1>`)
    //~| NOTE const generic arguments of `generic_wait<1>`
    //~| HELP `#![memory(1, shared, max = N)]`
}

fn instances(p: #[mem_idx(1)] *mut i32, q: #[mem_idx(2)] *mut i32) -> i32 {
    generic_wait(q) + generic_wait(p)
}
