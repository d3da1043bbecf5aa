// Type and const generic parameters, monomorphized; turbofish and inference.
// CALL: generic_loads() -> 1027
// CALL: const_array() -> 12
// CALL: pointer_methods() -> 60
// CALL: widest_const_args() -> 65535

fn load<T>(p: *const T) -> T { unsafe { p.read() } }

fn store<T>(p: *mut T, v: T) { unsafe { p.write(v) } }

fn count<const N: usize>() -> usize { N }

// a `u32` const parameter is a `u32` value (its arithmetic wraps at 32 bits)
fn successor<const N: u32>() -> u32 { let n: u32 = N; n.wrapping_add(1) }

#[no_mangle]
pub extern "C" fn generic_loads() -> u32 {
    let mut a: u32 = 1;
    let b: u8 = 2;
    store(&raw mut a, 1024u32);
    let c = load::<u8>(&raw const b) as u32;
    load(&raw const a) + c + 1
}

#[no_mangle]
pub extern "C" fn const_array() -> usize {
    count::<4>() + count::<8>()
}

#[no_mangle]
pub extern "C" fn pointer_methods() -> i32 {
    let arr = [10i32, 20, 30, 40];
    let p = &raw const arr[0];
    unsafe {
        let q = p.add(3);
        let r = q.sub(1).offset(-1);
        let d = q.offset_from(p) as i32;
        if p.is_null() || !null::<i32>().is_null() {
            return -1;
        }
        *r + d * 10 + *p.add(0) + 0 * *q
    }
}

#[no_mangle]
pub extern "C" fn widest_const_args() -> u32 {
    successor::<4294967295>() + (count::<4294967295>() >> 16) as u32
}
