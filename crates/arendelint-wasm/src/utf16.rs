//! Byte offsets to UTF-16 offsets, for the offsets one report needs: one pass
//! over the text, however many findings.

use arendelint_core::text::floor_char_boundary;

pub struct Utf16Map {
    /// Sorted, unique byte offsets (on char boundaries) and their UTF-16 offsets.
    bytes: Vec<usize>,
    units: Vec<usize>,
}

impl Utf16Map {
    /// A map of `offsets` (in any order; offsets inside a character move back
    /// to its start, offsets past the end to the end).
    pub fn new(text: &str, offsets: Vec<usize>) -> Utf16Map {
        let mut bytes: Vec<usize> = offsets
            .into_iter()
            .map(|o| floor_char_boundary(text, o))
            .collect();
        bytes.sort_unstable();
        bytes.dedup();
        let mut units = Vec::with_capacity(bytes.len());
        let (mut at, mut count) = (0usize, 0usize);
        for &b in &bytes {
            count += text[at..b].encode_utf16().count();
            at = b;
            units.push(count);
        }
        Utf16Map { bytes, units }
    }

    /// The UTF-16 offset of a byte offset given to [`Utf16Map::new`].
    pub fn get(&self, byte: usize) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.units[i],
            // Not given (or inside a character): the nearest offset before it.
            Err(i) => i.checked_sub(1).map_or(0, |i| self.units[i]),
        }
    }
}

/// UTF-16 offset → byte offset in `text` (an offset inside a surrogate pair
/// moves back to the pair's start; past the end, to the end).
pub fn byte_of_utf16(text: &str, unit: usize) -> usize {
    let mut count = 0;
    for (i, c) in text.char_indices() {
        let next = count + c.len_utf16();
        if next > unit {
            return i;
        }
        count = next;
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_after_swedish_letters_emoji_and_a_bom() {
        let text = "\u{feff}Åsa 😀 patienterna\r\nö";
        let p = text.find("patienterna").unwrap_or(0);
        let end = text.len();
        let map = Utf16Map::new(text, vec![end, p, 0, 3, p]);
        // BOM 1 + "Åsa " 4 + emoji 2 + space 1.
        assert_eq!(map.get(p), 8);
        assert_eq!(map.get(3), 1);
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(end), 8 + 11 + 2 + 1);
        assert_eq!(byte_of_utf16(text, 8), p);
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(byte_of_utf16(text, 6), text.find('😀').unwrap_or(0));
        assert_eq!(byte_of_utf16(text, 1000), end);
    }

    #[test]
    fn an_offset_inside_a_character_moves_to_its_start() {
        let text = "ä";
        let map = Utf16Map::new(text, vec![1]);
        assert_eq!(map.get(0), 0);
    }
}
