// Big statics initialized with `[0; N]`: evaluated as one repeated value and
// emitted as `zeroinitializer` (a 16 MiB static took minutes and gigabytes
// when every element was materialized); non-zero repeats keep their values.
// CALL: touch(16777215, 9) -> 9
// CALL: untouched(12345) -> 0
// CALL: sevens() -> 7000
// CALL: grid_corner() -> 0
// CALL: far_zeros(1000) -> 0
#![memory(1, min = 20)]

static mut BUF: [u8; 16777216] = [0; 16777216];
static SEVENS: [u32; 1000] = [7; 1000];
struct Cell { a: u32, b: [u16; 4] }
static GRID: [[u32; 64]; 64] = [[0; 64]; 64];
static ZERO_CELL: Cell = Cell { a: 0, b: [0; 4] };
#[mem_idx(1)]
static mut FAR: [u32; 262144] = [0; 262144];

#[no_mangle]
pub extern "C" fn touch(i: usize, v: u8) -> u8 {
    unsafe {
        BUF[i] = v;
        BUF[i]
    }
}

#[no_mangle]
pub extern "C" fn untouched(i: usize) -> u8 { unsafe { BUF[i] } }

#[no_mangle]
pub extern "C" fn sevens() -> u32 {
    let mut total = 0u32;
    let mut i = 0usize;
    while i < 1000 {
        total += SEVENS[i];
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn grid_corner() -> u32 { GRID[63][63] + ZERO_CELL.a + ZERO_CELL.b[3] as u32 }

#[no_mangle]
pub extern "C" fn far_zeros(i: usize) -> u32 { unsafe { (*(&raw const FAR))[i] } }
