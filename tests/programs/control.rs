// Control flow: if/else expressions, loops with break values, recursion.
// CALL: fib(20) -> 6765
// CALL: collatz(27) -> 111
// CALL: first_square_above(50) -> 64
// CALL: classify(-5) -> -1
// CALL: classify(0) -> 0
// CALL: classify(9) -> 1
// CALL: sum_odd(10) -> 25

#[no_mangle]
pub extern "C" fn fib(n: u32) -> u32 {
    if n < 2 { n } else { fib(n - 1) + fib(n - 2) }
}

#[no_mangle]
pub extern "C" fn collatz(start: u64) -> u32 {
    let mut n = start;
    let mut steps = 0;
    while n != 1 {
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
        steps += 1;
    }
    steps
}

#[no_mangle]
pub extern "C" fn first_square_above(limit: u32) -> u32 {
    let mut i = 0;
    loop {
        i += 1;
        if i * i > limit {
            break i * i;
        }
    }
}

#[no_mangle]
pub extern "C" fn classify(x: i32) -> i32 {
    if x < 0 {
        return -1;
    } else if x == 0 {
        return 0;
    }
    1
}

#[no_mangle]
pub extern "C" fn sum_odd(n: u32) -> u32 {
    let mut total = 0;
    let mut i = 0;
    while i < n {
        i += 1;
        if i % 2 == 0 {
            continue;
        }
        total += i;
    }
    total
}
