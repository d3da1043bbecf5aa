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
