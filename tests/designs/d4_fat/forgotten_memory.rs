// MISTAKE: the access to a buffer in memory 1 is written without naming a memory (`*p`)
// OUTCOME: rejected E0614
#![memory(1, min = 1)]
#![memory(2, min = 1)]

mod fat;
use fat::FarPtr;

#[no_mangle]
pub extern "C" fn go() -> u32 {
    let p = FarPtr { mem: 1, addr: 64 };
    unsafe {
        fat::write::<u32>(p, 42);
        *p
    }
}
