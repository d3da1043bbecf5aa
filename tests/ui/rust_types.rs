struct Pair { a: i32, b: i64 }

fn mismatches(flag: bool) -> i32 {
    let x: i32 = true; //~ ERROR E0308
    let y: u8 = 300; //~ ERROR E0023 literal out of range for `u8`
    let z = 1u8 + 2u16; //~ ERROR E0308
    let p = Pair { a: 1 }; //~ ERROR E0063 missing field `b`
    let q = Pair { a: 1, b: 2, c: 3 }; //~ ERROR E0560
    let r = q.c; //~ ERROR E0609 no field `c`
    let s = x[0]; //~ ERROR E0608
    let t = *x; //~ ERROR E0614
    let u = -3u32; //~ ERROR E0600
    let v = Pair { a: 1, b: 2 } as i32; //~ ERROR E0605
    let w = 1.5 as bool; //~ ERROR E0606
    if flag { 1 } else { 2u8 } //~ ERROR E0308
}

fn missing_return() -> i32 { //~ ERROR E0308
}

fn bare_return() -> u32 {
    return; //~ ERROR E0069
}

fn unit_value() {
    let a: () = ();
    return a;
}

fn method_missing(x: i32) -> i32 {
    x.frobnicate() //~ ERROR E0599
}

const OVERFLOW: u8 = 255 + 1; //~ ERROR E0080 would overflow
const MIN_BYTE: i8 = -128;
const DIV: u32 = 1 / 0; //~ ERROR E0080 divide by zero

fn const_length<const N: usize>(a: &[u32; N]) -> usize { N }

fn lengths() -> usize {
    let three = [1u32, 2, 3];
    const_length(&three) + const_length::<3>(&three)
}

fn bad_casts(r: &u32) {
    let a = 0 as &u32; //~ ERROR E0606
    let b = r as *mut u32; //~ ERROR E0606
    let c = r as *const u32;
}

fn cascades(width: u32) -> u32 {
    width * height //~ ERROR E0425
}

fn generic_arity() -> usize {
    size_of::<u8, u16>() //~ ERROR E0107
}
