// Volatile reads and writes (functions and methods, scalars, bool and a struct)
// on memory 0, a defined far memory (1), a 64-bit far memory (3) and an
// imported far memory (4), through one function generic over the memory.
// CALL: run0() -> 1030
// CALL: run1() -> 1030
// CALL: run3() -> 1030
// CALL: run4() -> 1030
// READ: 1 72 2a000000
// READ: 4 72 2a000000
// ORACLE: skip reads an imported memory the host provides
#![memory(1, min = 1, max = 2, export = "m1")]
#![memory(3, memory64, min = 1, max = 2, export = "m3")]
#![memory(4, min = 1, max = 1, import = "env.vol")]

#[repr(C)]
struct Pair { a: u32, b: u16 }

static mut NEAR: [u32; 16] = [0u32; 16];

unsafe fn run<const M: usize>(base: #[mem_idx(M)] *mut u32) -> u32 {
    base.write_volatile(1000);
    core::ptr::write_volatile(base.add(1), base.read_volatile() + 5);
    let flag = base.add(2).cast::<bool>();
    flag.write_volatile(true);
    let pair = base.add(4).cast::<Pair>();
    pair.write_volatile(Pair { a: 7, b: 9 });
    let p = core::ptr::read_volatile(pair);
    base.add(6).write_volatile(42);
    core::ptr::read_volatile(base.add(1)) + (flag.read_volatile() as u32) + p.a + p.b as u32
        + base.add(6).read_volatile() - 42 + 8
}

#[no_mangle] pub extern "C" fn run0() -> u32 { unsafe { run::<0>((&raw mut NEAR).cast::<u32>()) } }
#[no_mangle] pub extern "C" fn run1() -> u32 { unsafe { run::<1>(48usize as #[mem_idx(1)] *mut u32) } }
#[no_mangle] pub extern "C" fn run3() -> u32 { unsafe { run::<3>(48u64 as #[mem_idx(3)] *mut u32) } }
#[no_mangle] pub extern "C" fn run4() -> u32 { unsafe { run::<4>(48usize as #[mem_idx(4)] *mut u32) } }
