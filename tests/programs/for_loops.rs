// `for` over integer ranges (exclusive, inclusive up to MAX, open, reversed),
// labeled loops and blocks, `break 'label value`.
// CALL: sum_below(10) -> 45
// CALL: sum_below(0) -> 0
// CALL: inclusive_to_max(250) -> 1515
// CALL: inclusive_to_max(255) -> 255
// CALL: empty_inclusive(5, 4) -> 0
// CALL: countdown(5) -> 426
// CALL: countdown(-3) -> 0
// CALL: countdown_inclusive(250, 255) -> 5016381
// CALL: countdown_inclusive(0, 0) -> 1
// CALL: signed_bounds(-5, 3) -> -12
// CALL: open_range_wraps(255) -> 1035
// CALL: body_changes_variable(4) -> 10
// CALL: nested_labels(10) -> 47
// CALL: continue_outer(6) -> 28
// CALL: block_value(2) -> 3
// CALL: block_value(20) -> 40
// CALL: loop_value_through_inner(9) -> 81
// CALL: bounds_once(3) -> 16
// CALL: u64_range(4000000000) -> 12000000003

#[no_mangle]
pub extern "C" fn sum_below(n: u32) -> u32 {
    let mut s = 0;
    for i in 0..n {
        s += i;
    }
    s
}

#[no_mangle]
pub extern "C" fn inclusive_to_max(a: u8) -> u32 {
    let mut s = 0u32;
    for i in a..=255 {
        s += i as u32;
    }
    s
}

#[no_mangle]
pub extern "C" fn empty_inclusive(a: u32, b: u32) -> u32 {
    let mut n = 0;
    for _ in a..=b {
        n += 1;
    }
    n
}

#[no_mangle]
pub extern "C" fn countdown(n: i32) -> i32 {
    let mut s = 0;
    for i in (0..n).rev() {
        s = s * 3 + i;
    }
    s
}

#[no_mangle]
pub extern "C" fn countdown_inclusive(a: u8, b: u8) -> u32 {
    let mut s = 0u32;
    for i in (a..=b).rev() {
        s = s.wrapping_mul(7) + i as u32 + 1;
    }
    s
}

#[no_mangle]
pub extern "C" fn signed_bounds(a: i32, b: i32) -> i32 {
    let mut s = 0;
    for i in a..b {
        s += i;
    }
    s
}

#[no_mangle]
pub extern "C" fn open_range_wraps(k: u8) -> u32 {
    let mut s = 0u32;
    for mut i in k.. {
        i += 1;
        s += i as u32;
        if s > 1000 {
            break;
        }
    }
    s
}

#[no_mangle]
pub extern "C" fn body_changes_variable(n: u32) -> u32 {
    // changing the loop variable does not change which values come next
    let mut seen = 0;
    for mut i in 0..n {
        seen += i;
        i += 100;
        if i < 100 {
            return 999;
        }
        seen += 1;
    }
    seen
}

#[no_mangle]
pub extern "C" fn nested_labels(n: u32) -> u32 {
    let mut count = 0;
    'outer: for i in 0..n {
        for j in 0..n {
            if j > i {
                continue 'outer;
            }
            if i * j > 20 {
                break 'outer;
            }
            count += 1;
        }
    }
    let v = 'b: {
        if count > 10 {
            break 'b count * 2;
        }
        count + 1
    };
    let w = 'l: loop {
        loop {
            break 'l 7;
        }
    };
    v + w
}

#[no_mangle]
pub extern "C" fn continue_outer(n: u32) -> u32 {
    let mut hits = 0;
    let mut i = 0;
    'rows: while i < n {
        i += 1;
        let mut j = 0;
        loop {
            j += 1;
            if j > i {
                continue 'rows;
            }
            if j % 2 == 0 {
                continue;
            }
            hits += j;
            if hits > 1000 {
                break 'rows;
            }
        }
    }
    hits
}

#[no_mangle]
pub extern "C" fn block_value(x: u32) -> u32 {
    let r: u32 = 'check: {
        if x > 10 {
            break 'check x * 2;
        }
        if x == 0 {
            break 'check 0;
        }
        x + 1
    };
    r
}

#[no_mangle]
pub extern "C" fn loop_value_through_inner(n: u32) -> u32 {
    let mut i = 0;
    'find: loop {
        i += 1;
        for j in 0..=i {
            if j * j == n * n && j == i {
                break 'find j * j;
            }
        }
    }
}

static mut CALLS: u32 = 0;

fn bound(n: u32) -> u32 {
    unsafe {
        CALLS += 1;
    }
    n
}

#[no_mangle]
pub extern "C" fn bounds_once(n: u32) -> u32 {
    // the bounds are evaluated once, before the first iteration
    let mut s = 0;
    for i in bound(1)..bound(n + 2) {
        s += i;
    }
    unsafe { s + CALLS * 3 }
}

#[no_mangle]
pub extern "C" fn u64_range(start: u64) -> u64 {
    let mut s = 0u64;
    for i in start..start + 3 {
        s += i;
    }
    s
}
