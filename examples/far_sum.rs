// Far pointers at work: the same const-generic function sums data in
// memory 0 (a near array on the stack) and in memory 1 (a far static), and a
// loop copies between the two memories.
//
//   farc run examples/far_sum.rs            (calls `main`)
//   farc build examples/far_sum.rs --emit llvm-ir,wasm,wat
//
// CALL: sum_far() -> 1000
// CALL: sum_near() -> 10
// CALL: copy_far_to_near() -> 1000
// CALL: main() -> 1372
#![memory(1, min = 1, max = 16, export = "far")]

#[mem_idx(1)]
static mut FAR_DATA: [u32; 8] = [100, 200, 300, 400, 0, 0, 0, 0];

/// One definition, one instance per memory: `sum<0>` and `sum<1>`.
fn sum<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize) -> u32 {
    let mut total: u32 = 0;
    let mut i: usize = 0;
    while i < n {
        total = total.wrapping_add(unsafe { *p.add(i) });
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn sum_far() -> u32 {
    let far: #[mem_idx(1)] *const u32 = unsafe { (&raw const FAR_DATA).cast::<u32>() };
    sum(far, 8)
}

#[no_mangle]
pub extern "C" fn sum_near() -> u32 {
    let near = [1u32, 2, 3, 4];
    sum(&raw const near[0], 4)
}

#[no_mangle]
pub extern "C" fn copy_far_to_near() -> u32 {
    let mut near = [0u32; 4];
    unsafe {
        copy_nonoverlapping((&raw const FAR_DATA).cast::<u32>(), &raw mut near[0], 4);
    }
    near[0] + near[1] + near[2] + near[3]
}

#[no_mangle]
pub extern "C" fn main() -> u32 {
    // write into memory 1 through a far pointer, then read it back
    let far: #[mem_idx(1)] *mut u32 = unsafe { (&raw mut FAR_DATA).cast::<u32>() };
    unsafe {
        *far.add(4) = 6;
        *far.add(5) = 350;
    }
    sum_far() + sum_near() + unsafe { *far.add(4) }
}
