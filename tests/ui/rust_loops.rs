fn loops() -> i32 {
    break; //~ ERROR E0268
    let mut i = 0;
    let found = loop {
        i += 1;
        if i == 10 {
            break i * 2;
        }
    };
    while i > 0 {
        i -= 1;
        continue;
    }
    continue; //~ ERROR E0268
    found
}

fn while_value() {
    let mut i = 0;
    while i < 3 {
        i += 1;
        break i; //~ ERROR E0571
    }
}

fn shadowed_function() -> i32 {
    let loops = 3;
    loops() //~ ERROR E0618
}
