// MISTAKE: an index past the end of memory 1 (one page)
// OUTCOME: trap
// TRAP: go(16384)
#![memory(1, min = 1)]
#![memory(2, min = 1)]

mod fat;
use fat::FarPtr;

#[no_mangle]
pub extern "C" fn go(i: usize) -> u32 {
    let p = FarPtr { mem: 1, addr: 0 };
    unsafe { fat::read::<u32>(fat::add::<u32>(p, i)) }
}
