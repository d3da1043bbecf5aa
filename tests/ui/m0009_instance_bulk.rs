#![memory(1, min = 1)]

// Every intrinsic and pointer method that touches memory is checked again
// per instance: the memories of a generic function come from its arguments.

fn copy_between<const S: usize, const D: usize>(src: #[mem_idx(S)] *const u8, dst: #[mem_idx(D)] *mut u8) {
    unsafe {
        copy(src, dst, 4); //~ ERROR M0009 `copy` accesses memory 5, which this file does not declare (in instance `copy_between<1, 5>`)
        //~| LABEL memory 5 is not declared
        //~| NOTE the memory comes from the const generic arguments of `copy_between<1, 5>`
        //~| HELP `#![memory(5, min = 1)]`
        copy_nonoverlapping(src, dst, 4); //~ ERROR M0009 `copy_nonoverlapping` accesses memory 5
    }
}

fn fill<const M: usize>(dst: #[mem_idx(M)] *mut u32) {
    unsafe { write_bytes(dst, 0, 2) } //~ ERROR M0009 `write_bytes` accesses memory 6, which
}

fn read_one<const M: usize>(p: #[mem_idx(M)] *const u32) -> u32 {
    unsafe { p.read() } //~ ERROR M0009 `read` accesses memory 7
}

fn write_one<const M: usize>(p: #[mem_idx(M)] *mut u32) {
    unsafe { p.write(1) } //~ ERROR M0009 `write` accesses memory 7
}

fn fine(a: #[mem_idx(1)] *mut u8, b: *mut u8) {
    copy_between(a.cast_const(), b);
    copy_between(b as *const u8, a);
    fill(a.cast::<u32>());
}

fn instances(far: #[mem_idx(1)] *const u8) {
    copy_between::<1, 5>(far, 64 as #[mem_idx(5)] *mut u8);
    fill::<6>(64 as #[mem_idx(6)] *mut u32);
    let _ = read_one::<7>(64 as #[mem_idx(7)] *const u32);
    write_one::<7>(64 as #[mem_idx(7)] *mut u32);
}
