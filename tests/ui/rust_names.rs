fn f(x: i32) -> i32 { x }

fn g() -> i32 {
    let a = undefined_var; //~ ERROR E0425 cannot find value `undefined_var`
    let b: Missing = 1; //~ ERROR E0412 cannot find type `Missing`
    missing_fn(1); //~ ERROR E0425 cannot find function `missing_fn`
    f(1, 2) //~ ERROR E0061 takes 1 argument but 2 were supplied
}

fn f(y: i32) {} //~ ERROR E0428 defined multiple times

struct S { a: u8, a: u16 } //~ ERROR E0124
