//! Content streams: runs the text operators with the graphics state's
//! transformation and the text matrices, so that every glyph gets its place
//! on the page. Everything but text (paths, images, colours) is skipped.

use super::file::{File, Page};
use super::font::Font;
use super::object::{Dict, Lexer, Obj};
use super::{PdfError, MAX_GLYPHS, MAX_OPERATORS};
use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

/// The resources of a page that has none.
static NO_RESOURCES: Dict = Dict(Vec::new());

/// Form XObjects nested deeper than this are not drawn (real files nest one or two).
const MAX_FORM_DEPTH: usize = 8;
/// `q` without `Q` beyond this depth is ignored.
const MAX_STATE_STACK: usize = 256;

/// A glyph placed on the page (PDF user space: y grows upwards).
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub x: f64,
    pub end_x: f64,
    pub y: f64,
    /// The glyph's height on the page (font size times the matrices' scale).
    pub size: f64,
    pub text: String,
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(tx: f64, ty: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

#[derive(Clone)]
struct TextState {
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    text: TextState,
}

/// Runs one page's content streams and returns its glyphs in drawing order.
pub(crate) struct Interpreter<'f, 'a> {
    file: &'f File<'a>,
    /// Fonts loaded so far, by object number.
    fonts: HashMap<u32, Rc<Font>>,
    pub glyphs: Vec<Placed>,
    /// Glyphs over all pages, against [`MAX_GLYPHS`].
    pub total: usize,
    /// Operators run over all pages, against [`MAX_OPERATORS`].
    operators: usize,
}

impl<'f, 'a> Interpreter<'f, 'a> {
    pub fn new(file: &'f File<'a>) -> Self {
        Interpreter {
            file,
            fonts: HashMap::default(),
            glyphs: Vec::new(),
            total: 0,
            operators: 0,
        }
    }

    pub fn page(&mut self, page: &Page) -> Result<Vec<Placed>, PdfError> {
        let mut data = Vec::new();
        for part in page.contents.iter().copied() {
            if let Some(bytes) = self.file.stream_data(part)? {
                data.extend_from_slice(&bytes);
                // Parts may split anywhere between tokens, never inside one.
                data.push(b'\n');
            }
        }
        let state = State {
            ctm: IDENTITY,
            text: TextState {
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                h_scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
        };
        self.run(&data, page.resources.unwrap_or(&NO_RESOURCES), state, 0)?;
        Ok(std::mem::take(&mut self.glyphs))
    }

    fn run(
        &mut self,
        data: &[u8],
        resources: &Dict,
        mut state: State,
        depth: usize,
    ) -> Result<(), PdfError> {
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut operands: Vec<Obj> = Vec::new();
        let mut lexer = Lexer::new(data, 0);
        while !lexer.at_end() {
            let start = lexer.pos;
            let Some(obj) = lexer.next() else {
                if lexer.pos == start {
                    lexer.pos += 1;
                }
                operands.clear();
                continue;
            };
            let Obj::Op(op) = obj else {
                if operands.len() < 64 {
                    operands.push(obj);
                }
                continue;
            };
            self.operators += 1;
            if self.operators > MAX_OPERATORS {
                return Err(PdfError::TooLarge {
                    what: "drawing operators",
                    limit: MAX_OPERATORS as u64,
                });
            }
            let n = |i: usize| operands.get(i).and_then(Obj::as_num).unwrap_or(0.0);
            let ts = &mut state.text;
            match op.as_slice() {
                b"q" if stack.len() < MAX_STATE_STACK => stack.push(state.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                b"cm" if operands.len() == 6 => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    state.ctm = mul(&m, &state.ctm);
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    ts.size = n(1);
                    ts.font = match operands.first().and_then(Obj::as_name) {
                        Some(name) => self.font(resources, name)?,
                        None => None,
                    };
                }
                b"Tc" => ts.char_spacing = n(0),
                b"Tw" => ts.word_spacing = n(0),
                b"Tz" => ts.h_scale = n(0) / 100.0,
                b"TL" => ts.leading = n(0),
                b"Ts" => ts.rise = n(0),
                b"Td" => {
                    tlm = mul(&translate(n(0), n(1)), &tlm);
                    tm = tlm;
                }
                b"TD" => {
                    ts.leading = -n(1);
                    tlm = mul(&translate(n(0), n(1)), &tlm);
                    tm = tlm;
                }
                b"Tm" if operands.len() == 6 => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&translate(0.0, -ts.leading), &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        ts.word_spacing = n(0);
                        ts.char_spacing = n(1);
                    }
                    if op != b"Tj" {
                        tlm = mul(&translate(0.0, -ts.leading), &tlm);
                        tm = tlm;
                    }
                    if let Some(Obj::Str(s)) = operands.last() {
                        self.show(s, &state, &mut tm)?;
                    }
                }
                b"TJ" => {
                    if let Some(Obj::Array(items)) = operands.first() {
                        for item in items {
                            match item {
                                Obj::Str(s) => self.show(s, &state, &mut tm)?,
                                Obj::Num(adjust) => {
                                    let t = &state.text;
                                    let tx = -adjust / 1000.0 * t.size * t.h_scale;
                                    tm = mul(&translate(tx, 0.0), &tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = operands.first().and_then(Obj::as_name) {
                        self.form(resources, name, &state, depth)?;
                    }
                }
                b"BI" => {
                    // Inline image: its data is binary, not tokens. Without
                    // `ID` the rest of the stream is its dictionary.
                    match super::file::find(data, b"ID", lexer.pos) {
                        Some(i) => {
                            lexer.pos = i + 2;
                            lexer.skip_inline_image();
                        }
                        None => lexer.pos = data.len(),
                    }
                }
                _ => {}
            }
            operands.clear();
        }
        Ok(())
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Result<Option<Rc<Font>>, PdfError> {
        let file = self.file;
        let Some(entry) = file
            .get(resources, b"Font")
            .and_then(Obj::as_dict)
            .and_then(|fonts| fonts.get(name))
        else {
            return Ok(None);
        };
        let Some(dict) = file.dict(entry) else {
            return Ok(None);
        };
        // Fonts are shared between pages by reference: load each once.
        let number = match entry {
            Obj::Ref(n) => Some(*n),
            _ => None,
        };
        if let Some(font) = number.and_then(|n| self.fonts.get(&n)) {
            return Ok(Some(font.clone()));
        }
        let font = Rc::new(Font::load(file, dict)?);
        if let Some(n) = number {
            self.fonts.insert(n, font.clone());
        }
        Ok(Some(font))
    }

    /// A Form XObject drawn with `Do` (images are skipped).
    fn form(
        &mut self,
        resources: &Dict,
        name: &[u8],
        state: &State,
        depth: usize,
    ) -> Result<(), PdfError> {
        let file = self.file;
        if depth >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let Some(xobject) = file
            .get(resources, b"XObject")
            .and_then(Obj::as_dict)
            .and_then(|x| x.get(name))
        else {
            return Ok(());
        };
        let Some(dict) = file.dict(xobject) else {
            return Ok(());
        };
        if !dict.name_is(b"Subtype", b"Form") {
            return Ok(());
        }
        let Some(data) = file.stream_data(xobject)? else {
            return Ok(());
        };
        let matrix = match file.get(dict, b"Matrix") {
            Some(Obj::Array(m)) if m.len() == 6 => {
                let v: Vec<f64> = m.iter().map(|o| file.num(o).unwrap_or(0.0)).collect();
                [v[0], v[1], v[2], v[3], v[4], v[5]]
            }
            _ => IDENTITY,
        };
        let mut inner = state.clone();
        inner.ctm = mul(&matrix, &state.ctm);
        let own = file.get(dict, b"Resources").and_then(Obj::as_dict);
        self.run(&data, own.unwrap_or(resources), inner, depth + 1)
    }

    fn show(&mut self, bytes: &[u8], state: &State, tm: &mut Matrix) -> Result<(), PdfError> {
        let t = &state.text;
        let Some(font) = &t.font else {
            return Ok(());
        };
        for glyph in font.glyphs(bytes) {
            let render = mul(
                &[t.size * t.h_scale, 0.0, 0.0, t.size, 0.0, t.rise],
                &mul(tm, &state.ctm),
            );
            let mut advance = glyph.width / 1000.0 * t.size + t.char_spacing;
            if glyph.is_space_code {
                advance += t.word_spacing;
            }
            advance *= t.h_scale;
            *tm = mul(&translate(advance, 0.0), tm);
            let end = mul(tm, &state.ctm);
            let size = (render[2] * render[2] + render[3] * render[3]).sqrt();
            let (x, y) = (render[4], render[5]);
            if !(x.is_finite() && y.is_finite() && size.is_finite() && end[4].is_finite()) {
                continue;
            }
            // Rotated or vertical text (a margin note, a watermark, a stamp) is
            // not part of the lines of the page.
            if render[1].abs() > 0.1 * render[0].abs() || render[0] <= 0.0 {
                continue;
            }
            self.total += 1;
            if self.total > MAX_GLYPHS {
                return Err(PdfError::TooLarge {
                    what: "glyphs",
                    limit: MAX_GLYPHS as u64,
                });
            }
            self.glyphs.push(Placed {
                x,
                end_x: end[4].max(x),
                y,
                size,
                text: glyph.text,
            });
        }
        Ok(())
    }
}
