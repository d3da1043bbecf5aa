// A const generic argument can make a memory index beyond what farc can
// compile (0 to 16776215): reported where the instance makes the pointer, naming it.
#![memory(16776215, min = 1)]

fn address_in<const M: usize>(x: usize) -> usize {
    let p = x as #[mem_idx(M)] *const u8; //~ ERROR M0012 memory index 4294967295 is out of range
    //~| NOTE const generic arguments of `address_in<4294967295>`
    //~| NOTE 24-bit
    p as usize
}

#[no_mangle]
pub extern "C" fn main(x: usize) -> usize {
    address_in::<16776215>(x) + address_in::<4294967295>(x)
}
