#![memory(1, min = 1, max = 2)]
#![memory(2, shared, min = 1, max = 2)]

// A wait needs a shared memory (wasm traps otherwise); notify and the other atomics do not.
fn waits(p: #[mem_idx(1)] *mut i32, q: #[mem_idx(2)] *mut i32, n: *mut i64) -> i32 {
    unsafe {
        let a = memory_atomic_wait32(p, 0, 10); //~ ERROR M0013 `memory_atomic_wait32` waits on memory 1, which is not shared
        //~| LABEL memory 1 is not shared
        //~| NOTE no other thread could ever notify it
        //~| HELP `#![memory(1, shared, max = N)]`
        let b = memory_atomic_wait64(n, 0, 10); //~ ERROR M0013 waits on memory 0
        let c = memory_atomic_wait32(q, 0, 10);
        let d = memory_atomic_notify(p, 1) as i32 + atomic_xadd_seqcst(p, 1);
        a + b + c + d
    }
}
