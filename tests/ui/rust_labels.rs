// Labels on loops and blocks, `break 'label value`, and what rustc rejects about them.

fn labels(n: u32) -> u32 {
    let mut count = 0;
    'outer: for i in 0..n {
        'inner: for j in 0..n {
            if j > i {
                continue 'outer;
            }
            if j == 2 {
                continue 'inner;
            }
            count += 1;
        }
    }
    let v: u32 = 'b: {
        if count > 3 {
            break 'b count;
        }
        1
    };
    let w = 'l: loop {
        loop {
            break 'l 7u32;
        }
    };
    'shadow: loop {
        'shadow: loop {
            break 'shadow;
        }
        break;
    }
    v + w
}

fn undeclared() {
    loop {
        break 'nowhere; //~ ERROR E0426 use of undeclared label `'nowhere`
    }
    'a: loop {
        continue 'b; //~ ERROR E0426 use of undeclared label `'b`
        //~| NOTE the labels in scope here: `'a`
    }
}

fn unlabeled_in_block() {
    loop {
        'a: {
            break; //~ ERROR E0695 unlabeled `break` inside of a labeled block
            //~| HELP `break 'a`
        }
        'b: {
            continue; //~ ERROR E0695 unlabeled `continue` inside of a labeled block
        }
        'c: {
            loop {
                break; // the innermost loop: fine
            }
        }
    }
}

fn continue_to_block() {
    'a: {
        continue 'a; //~ ERROR E0696 `continue` pointing to a labeled block
        //~| LABEL labeled blocks cannot be `continue`'d
    }
}

fn values(c: bool) -> u32 {
    'w: while c {
        break 'w 5; //~ ERROR E0571 `break` with value from a `while` loop
    }
    'f: for i in 0..3 {
        break 'f i; //~ ERROR E0571 `break` with value from a `for` loop
    }
    let x: u32 = 'b: {
        if c {
            break 'b true; //~ ERROR E0308
        }
        2
    };
    let y = 'b: {
        if c {
            break 'b 1u8;
        }
        2u32 //~ ERROR E0308
    };
    x
}

fn outside() {
    break; //~ ERROR E0268 `break` outside of a loop or labeled block
}
