// Types bigger than isize::MAX (2147483647 bytes) on wasm32: their sizes
// and field offsets would wrap.
struct Frames { //~ ERROR T0001 values of the type `Frames` are too big for wasm32
//~| NOTE the type is 4294967294 bytes; a type can be at most 2147483647 bytes
    front: [u8; 2147483647],
    back: [u8; 2147483647],
}

// the largest type is no T0001, but as memory-0 data it is more than a build writes out
static mut EDGE: [u8; 2147483647] = [1; 2147483647]; //~ ERROR T0002 static `EDGE` brings the data
static mut OVER: [u16; 1073741824] = [0; 1073741824]; //~ ERROR T0001 `[u16; 1073741824]`

fn by_pointer(p: *const [u32; 1073741824]) -> u32 { unsafe { (*p)[1] } } //~ ERROR T0001 `[u32; 1073741824]`

fn local() -> u8 {
    let a = [7u8; 4294967295]; //~ ERROR T0001 `[u8; 4294967295]`
    a[3]
}

fn nested(p: *const [[u8; 65536]; 65536]) -> usize { p as usize } //~ ERROR T0001 `[[u8; 65536]; 65536]`

fn frames(p: *const Frames) -> u8 { unsafe { (*p).back[0] } }

#[no_mangle]
pub extern "C" fn main(x: usize) -> usize {
    unsafe { EDGE[1] as usize + OVER[1] as usize + by_pointer(x as *const [u32; 1073741824]) as usize + local() as usize
        + nested(x as *const [[u8; 65536]; 65536]) + frames(x as *const Frames) as usize }
}

const HUGE: [i8; 4294967294] = [0; 4294967294];
#[no_mangle]
pub extern "C" fn huge_const() -> i8 { HUGE[1] } //~ ERROR T0001 `[i8; 4294967294]`
