// Patterns over a huge array: only the elements the patterns name are looked
// at (checking once made a column per element and ran out of memory).
fn ends(r: &[bool; 2000000000]) -> u32 {
    let [first, .., last] = *r;
    match *r { //~ ERROR E0004 non-exhaustive patterns: `[false, .., false]` not covered
        [true, ..] => 1,
        [.., true] => 2,
    }
}

fn covered(r: &([u8; 2000000000], u32)) -> u32 {
    let (a, _) = r;
    match r.0 {
        [0, ..] => 1,
        [_, 1, ..] => 2,
        [.., 7] => 3,
        _ => 4,
    }
}

#[no_mangle]
pub extern "C" fn main(x: usize) -> u32 {
    ends(unsafe { &*(x as *const [bool; 2000000000]) }) + covered(unsafe { &*(x as *const ([u8; 2000000000], u32)) })
}
