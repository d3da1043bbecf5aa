// `for` over integer ranges, and what cannot be iterated.

fn ranges(n: u32, m: i64) -> u32 {
    let mut total = 0;
    for i in 0..n {
        total += i;
    }
    for i in 1..=10 {
        total += i;
    }
    for k in (m..0).rev() {
        total += k as u32;
    }
    for mut i in 0..3u8 {
        i += 1;
        total += i as u32;
    }
    for _ in 0..2 {}
    for i in 250u8.. {
        if i == 255 {
            break;
        }
    }
    total
}

fn not_iterable(n: u32, f: f64) {
    for i in n {} //~ ERROR E0277 `u32` is not an iterator
    for i in (..n) {} //~ ERROR E0277 `RangeTo<u32>` is not an iterator
    //~| NOTE you might have meant `0..end`
    for i in (..) {} //~ ERROR E0277 `RangeFull` is not an iterator
    for i in (n..).rev() {} //~ ERROR E0277 `RangeFrom<u32>.rev()` is not an iterator
    for x in 0.0..f {} //~ ERROR E0277 `Range<f64>` is not an iterator
    for x in 0..f {} //~ ERROR E0308
    for x in true..false {} //~ ERROR E0277 `Range<bool>` is not an iterator
}

fn binding(n: u32) -> u32 {
    for i in 0..n {
        i = 2; //~ ERROR E0384
    }
    i //~ ERROR E0425
}
