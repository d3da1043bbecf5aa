// `modules_crate::geometry::shapes`.
pub struct Rect {
    pub w: u32,
    pub h: u32,
}

pub fn area(r: &Rect) -> u32 {
    r.w * r.h
}

pub fn square(side: u32) -> Rect {
    Rect { w: side, h: side }
}

pub(crate) fn unit() -> Rect {
    super::super::geometry::shapes::square(1)
}
