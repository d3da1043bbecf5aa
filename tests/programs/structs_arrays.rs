// Structs (C layout), arrays, references, field and index projections.
// CALL: point_sum(3, 4) -> 7
// CALL: array_sum() -> 55
// CALL: nested(2) -> 17
// CALL: by_reference(10) -> 21
// CALL: repeat_array(7) -> 56

#[repr(C)]
struct Point { x: i32, y: i32 }

#[repr(C)]
struct Line { a: Point, b: Point, weight: u8 }

fn length(line: &Line) -> i32 {
    (line.b.x - line.a.x) + (line.b.y - line.a.y) + line.weight as i32
}

fn bump(p: &mut Point, by: i32) {
    p.x += by;
    p.y += by + 1;
}

#[no_mangle]
pub extern "C" fn point_sum(x: i32, y: i32) -> i32 {
    let p = Point { x: x, y };
    p.x + p.y
}

#[no_mangle]
pub extern "C" fn array_sum() -> i32 {
    let a = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    let mut total = 0;
    let mut i = 0;
    while i < 10 {
        total += a[i];
        i += 1;
    }
    total
}

#[no_mangle]
pub extern "C" fn nested(k: i32) -> i32 {
    let mut line = Line { a: Point { x: 1, y: 1 }, b: Point { x: 5, y: 9 }, weight: 3 };
    line.b.x += k;
    length(&line) + 0 * line.a.y
}

#[no_mangle]
pub extern "C" fn by_reference(v: i32) -> i32 {
    let mut p = Point { x: v, y: 0 };
    bump(&mut p, v);
    p.x + p.y - v + v / 10 - 1 + 0
}

#[no_mangle]
pub extern "C" fn repeat_array(v: u32) -> u32 {
    let mut grid = [[v; 4]; 2];
    grid[1][3] = 0;
    let mut sum = 0u32;
    let mut i = 0usize;
    while i < 2 {
        let mut j = 0usize;
        while j < 4 {
            sum += grid[i][j];
            j += 1;
        }
        i += 1;
    }
    sum + v
}
