// A tour of the Rust subset: this file must check without any diagnostic (its
// bindings exist to show what type checks, so the unused-variable lint is off).
#![allow(unused_variables)]
#![memory(1, min = 1, max = 4, export = "far")]

#[repr(C)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

const LIMIT: u32 = 1 << 4;
const ORIGIN: Point = Point { x: 0, y: 0 };
const TABLE: [u8; 4] = [1, 2, 3, 4];
static mut COUNT: u64 = 0;
#[mem_idx(1)]
static FAR_TABLE: [u32; 4] = [10, 20, 30, 40];

/* block comment /* nested */ still a comment */
fn add(a: i32, b: i32) -> i32 { a + b }

fn generic_load<T>(p: *const T) -> T { unsafe { *p } }

fn in_memory<const M: usize>(p: #[mem_idx(M)] *const u32, n: usize) -> u32 {
    let mut total: u32 = 0;
    let mut i: usize = 0;
    while i < n {
        total = total.wrapping_add(unsafe { p.add(i).read() });
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn tour(n: u32) -> u32 {
    let mut p = Point { x: 1, y: -2 };
    p.x += add(p.y, 3) * 2 - 1;
    let mut arr = [0u32; 8];
    let idx = (n % 8) as usize;
    let first = arr[idx];
    let f = 1.5f32 * 2.0;
    let g = f as u32 + first;
    let h = if n > LIMIT { 1 } else { 2 };
    let q = &raw const p;
    let x = unsafe { (*q).x };
    let y = unsafe { generic_load(&raw const p.y) };
    let far = &raw const FAR_TABLE;
    let far_sum = in_memory::<1>(far.cast::<u32>(), 4) + in_memory(&raw const arr[0], 8);
    let near_null = null::<u32>();
    let far_null: #[mem_idx(1)] *const u32 = null();
    unsafe {
        COUNT += 1;
        copy_nonoverlapping(far.cast::<u32>(), &raw mut arr[0], 4);
        let size = memory_size::<1>();
        let v = load_memidx::<1, u32>(16 as *const u32);
        store_memidx::<1, u32>(16 as *mut u32, v + 1);
    }
    let shifted = (n << 2) >> 1 ^ 0xFF & !0u32 | 1;
    let big = 1_000_000i64 as u64;
    let b = !(n == 0) && (n != 1 || false);
    let r = &p;
    let rx = r.x;
    let t = TABLE[1] as u32 + ORIGIN.x as u32;
    let z = { let inner = 5; inner * 2 };
    g + h + x as u32 + y as u32 + far_sum + shifted + t + z + rx as u32
}
