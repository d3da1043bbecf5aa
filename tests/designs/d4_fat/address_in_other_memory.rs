// MISTAKE: an address obtained in memory 1 is used to read memory 2
// OUTCOME: trap
// TRAP: go()
#![memory(1, min = 1)]
#![memory(2, min = 1)]

mod fat;
use fat::FarPtr;

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let p = FarPtr { mem: 1, addr: 64 };
    unsafe { fat::write::<u32>(p, 42); }
    // the checked conversion to a thin pointer into memory 2 traps
    let q = fat::to_thin::<u32, 2>(p);
    unsafe { *q }
}
