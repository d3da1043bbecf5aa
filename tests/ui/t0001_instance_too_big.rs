// A const generic argument can make a type too big: reported in the
// generic function, for the instance.
fn stride<const N: usize>(x: usize) -> usize {
    let p = x as *const [u64; N]; //~ ERROR T0001 values of the type `[u64; 268435456]` are too big for wasm32
    //~| NOTE 2147483648 bytes
    unsafe { p.add(1) as usize }
}

#[no_mangle]
pub extern "C" fn main(x: usize) -> usize {
    stride::<268435455>(x) + stride::<268435456>(x)
}
