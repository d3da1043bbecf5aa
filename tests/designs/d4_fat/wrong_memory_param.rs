// MISTAKE: a function written for data in memory 0 is given a buffer that lives in memory 1
// OUTCOME: right
// CALL: go() -> 42
#![memory(1, min = 1)]
#![memory(2, min = 1)]

mod fat;
use fat::FarPtr;

fn first(p: FarPtr) -> u32 {
    unsafe { fat::read::<u32>(p) }
}

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let buf = FarPtr { mem: 1, addr: 64 };
    unsafe { fat::write::<u32>(buf, 42); }
    first(buf)
}
