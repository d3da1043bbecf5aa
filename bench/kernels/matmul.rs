// Matrix multiply of two n x n u32 matrices (wrapping arithmetic), C = A * B,
// in i-k-j order so the inner loop streams rows of B and C (vectorizable).
// A, B and C follow each other at BASE in the data memory.
// Exports: init(n, seed) fills A and B; run(n) -> a checksum of C.

#[no_mangle]
pub extern "C" fn init(n: usize, seed: u32) {
    let p = BASE as #[mem_idx(D)] *mut u32;
    fill(p, 2 * n * n, seed, 0xFFFF);
}

#[no_mangle]
pub extern "C" fn run(n: usize) -> u32 {
    let a = BASE as #[mem_idx(D)] *mut u32;
    unsafe {
        let b = a.add(n * n);
        let c = b.add(n * n);
        let mut i = 0usize;
        while i < n {
            let row = c.add(i * n);
            let mut j = 0usize;
            while j < n {
                *row.add(j) = 0;
                j += 1;
            }
            let mut k = 0usize;
            while k < n {
                let aik = load32(a.add(i * n + k));
                let brow = b.add(k * n);
                let mut j = 0usize;
                while j < n {
                    *row.add(j) = (*row.add(j)).wrapping_add(aik.wrapping_mul(load32(brow.add(j))));
                    j += 1;
                }
                k += 1;
            }
            i += 1;
        }
        let mut check = 0u32;
        let mut t = 0usize;
        while t < n * n {
            check = check.wrapping_mul(31).wrapping_add(*c.add(t));
            t += 1;
        }
        check
    }
}
