static COUNTER: u32 = 0;
static mut MUTABLE: u32 = 0;

fn mutability(p: *const u32, r: &u32) {
    let x = 1;
    x = 2; //~ ERROR E0384 cannot assign to immutable variable `x`
    let mut y = 1;
    y = 2;
    y += 1;
    let arr = [1, 2, 3];
    arr[0] = 5; //~ ERROR E0594
    COUNTER = 3; //~ ERROR E0594
    unsafe {
        MUTABLE = 4;
        *p = 1; //~ ERROR E0594 behind a `*const` pointer
    }
    *r = 2; //~ ERROR E0594
    let m = &mut x; //~ ERROR E0596
    let later;
    later = 5;
    3 = 4; //~ ERROR E0070
}
