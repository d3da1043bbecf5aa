// Slices stored in struct fields, arrays and tuples, near and far, and
// returned from functions inside them.
// ORACLE: skip Rust needs lifetime parameters for structs holding references, which farc has no syntax for yet (checked by hand against rustc with them added: 9 40 58)
// CALL: windows(1) -> 9
// CALL: far_windows(2) -> 40
// CALL: tuples() -> 58
#![memory(1, min = 1)]

#[mem_idx(1)]
static mut FAR: [u16; 6] = [10, 11, 12, 13, 14, 15];

struct Window {
    data: &[u32],
    start: usize,
}

struct FarWindow {
    data: #[mem_idx(1)] &[u16],
    near: &[u32],
}

fn make(a: &[u32], start: usize) -> Window {
    Window { data: &a[start..], start }
}

#[no_mangle]
pub extern "C" fn windows(start: usize) -> u32 {
    let a = [5u32, 6, 7, 8, 9];
    let w = make(&a, start);
    let rest = &w.data[w.start..];
    rest.len() as u32 + w.data[0] + w.data.len() as u32 - 4
}

#[no_mangle]
pub extern "C" fn far_windows(k: usize) -> u32 {
    let a = [1u32, 2, 3];
    let mut fw = unsafe { FarWindow { data: &FAR[k..], near: &a } };
    fw.near = &a[1..];
    let mut t = 0;
    for x in fw.data.iter().rev() {
        t += *x as u32;
    }
    let arr: [FarWindow; 2] = [FarWindow { data: fw.data, near: fw.near }, fw];
    t + arr[1].near[0] + arr[0].data.len() as u32 - 20
}

fn split(s: &[u8], at: usize) -> (&[u8], &[u8]) {
    (&s[..at], &s[at..])
}

#[no_mangle]
pub extern "C" fn tuples() -> u32 {
    let a = [1u8, 2, 3, 4, 5, 6];
    let (left, right) = split(&a, 2);
    let mut t = 0u32;
    for x in right {
        t = t * 2 + *x as u32;
    }
    t + left.len() as u32
}
