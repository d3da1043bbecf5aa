// MISTAKE: a pointer to memory 1 is stored in memory 0 and read back as a pointer into memory 0
// OUTCOME: right
// CALL: go() -> 42
#![memory(1, min = 1)]
#![memory(2, min = 1)]

mod fat;
use fat::FarPtr;

static mut SLOT: FarPtr = FarPtr { mem: 0, addr: 0 };

#[no_mangle]
pub extern "C" fn go() -> u32 {
    unsafe {
        let buf = FarPtr { mem: 1, addr: 64 };
        fat::write::<u32>(buf, 42);
        SLOT = buf; // the memory is stored with the address
        fat::read::<u32>(SLOT)
    }
}
