// Array lengths and repeat counts are usize values: a literal beyond
// usize::MAX (4294967295 on wasm32) would wrap to a shorter array, even
// when the elements take no space.
fn units() -> usize {
    let a = [(); 4294967296]; //~ ERROR E0023 literal out of range for `usize`
    //~| NOTE the literal `4294967296` does not fit into the type `usize`
    5
}

fn pointee(p: *const [(); 18446744073709551615]) -> usize { p as usize } //~ ERROR E0023 literal out of range for `usize`

// the largest length is fine for zero-sized elements
fn widest(p: *const [(); 4294967295]) -> usize { p as usize }

#[no_mangle]
pub extern "C" fn main(x: usize) -> usize { units() + pointee(x as *const [(); 18446744073709551615]) + widest(x as *const [(); 4294967295]) }
//~^ ERROR E0023
