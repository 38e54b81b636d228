//! What one line of an agenda says (contract §5): whether it is a case heading,
//! its number and title, and a diary number (Dnr) on it. The forms themselves
//! (bullets, item words, committee abbreviations, Dnr labels) are rule data in
//! `rules/sections.toml`; this module only reads lines with them.

use crate::ruledata::RuleData;
use std::ops::Range;

use crate::agenda_data::AgendaData;

/// Which form of case heading a line has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `§ 12`, `§12`, `§ 63/20`, `KS § 12`, `BUN §3`.
    Paragraph,
    /// `Ärende 4`, `Punkt 4`, `Paragraf 4`.
    Item,
    /// `Sn 49 Titel`, `KS 12 Titel`.
    Committee,
    /// `1. Titel`, `1 Titel`: a heading only where a blank line or the start of
    /// the text comes before it (the caller knows that).
    Numbered,
}

/// A case heading line, read. Ranges index the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CaseLine {
    pub form: Form,
    /// The number as written (`12`, `63/20`).
    pub number: Range<usize>,
    /// The rest of the line after the number, without closing markup.
    pub rest: Range<usize>,
}

/// Reads `line` as a case heading: the line-local tests of contract §5. A
/// numbered line whose title is section vocabulary ("2. Bakgrund") is a
/// section of a case, never a case.
pub(crate) fn case_line(line: &str, data: &RuleData) -> Option<CaseLine> {
    let found = read(line, &data.agenda)?;
    if found.form == Form::Numbered && is_section_word(&line[found.rest.clone()], data) {
        return None;
    }
    Some(found)
}

fn is_section_word(title: &str, data: &RuleData) -> bool {
    let t = title.trim_end_matches([':', ' ']).to_lowercase();
    data.known_headings.contains(&t)
        || data.case_parts.contains(&t)
        || data.consequence_labels.contains(&t)
        || data.closing_headings.contains(&t)
        || (data.is_gender_heading(&t)
            && (t.split_whitespace().count() == 1 || t.starts_with("konsekvens")))
}

fn read(line: &str, data: &AgendaData) -> Option<CaseLine> {
    let start = skip_markup(line, &data.bullets);
    let end = start + trim_closing_markup(&line[start..]).len();
    let s = &line[start..end];
    let at = |r: Range<usize>| start + r.start..start + r.end;

    // `§ N`, with an optional committee prefix (`KS § 12`).
    let word_len = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    let (word, after_word) = s.split_at(word_len);
    let paragraph_at = if s.starts_with('§') {
        Some(0)
    } else if after_word.trim_start().starts_with('§')
        && !word.is_empty()
        && data.committee.is_match(word)
    {
        Some(s.len() - after_word.trim_start().len())
    } else {
        None
    };
    if let Some(p) = paragraph_at {
        let after_mark = p + s[p..].len() - s[p..].trim_start_matches('§').len();
        let digits_at = after_mark + (s[after_mark..].len() - s[after_mark..].trim_start().len());
        let number = number_at(s, digits_at, 4, true)?;
        return Some(CaseLine {
            form: Form::Paragraph,
            number: at(number.clone()),
            rest: at(rest_after(s, number.end)?),
        });
    }

    if !word.is_empty() && after_word.starts_with(char::is_whitespace) {
        let digits_at = word_len + (after_word.len() - after_word.trim_start().len());
        let number = number_at(s, digits_at, 3, false)?;
        if data.item_words.contains(&word.to_lowercase()) {
            return Some(CaseLine {
                form: Form::Item,
                number: at(number.clone()),
                rest: at(rest_after(s, number.end)?),
            });
        }
        let lower = word.to_lowercase();
        if data.committee.is_match(word)
            && !data.not_committees.contains(&lower)
            && s[number.end..].starts_with(char::is_whitespace)
        {
            let rest = s[number.end..].trim_start();
            let rest_start = s.len() - rest.len();
            if is_title(s, rest, data) {
                return Some(CaseLine {
                    form: Form::Committee,
                    number: at(number),
                    rest: at(rest_start..s.len()),
                });
            }
        }
        return None;
    }

    // `N.` or `N` and a capitalised title.
    let number = number_at(s, 0, 3, false)?;
    let after = s[number.end..]
        .strip_prefix('.')
        .unwrap_or(&s[number.end..]);
    // Bold numbers: `**1.** Titel`.
    let after = after.trim_start_matches(['*', '_']);
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = after.trim_start();
    if !is_title(s, rest, data) {
        return None;
    }
    Some(CaseLine {
        form: Form::Numbered,
        number: at(number),
        rest: at(s.len() - rest.len()..s.len()),
    })
}

/// A title line: starts with a capital, is short, and is not a sentence.
fn is_title(line: &str, rest: &str, data: &AgendaData) -> bool {
    // The word count last, and only as far as the limit: a line of prose is long.
    rest.chars().next().is_some_and(char::is_uppercase)
        && !line.ends_with('.')
        && line.split_whitespace().nth(data.title_max_words).is_none()
}

/// A case number at `at`: up to `max` digits, with `/NN` when `slash`
/// (`63/20`). It must not run on into letters or more digits.
fn number_at(s: &str, at: usize, max: usize, slash: bool) -> Option<Range<usize>> {
    let digits = |from: usize| {
        s[from..]
            .char_indices()
            .find(|(_, c)| !c.is_ascii_digit())
            .map_or(s.len() - from, |(i, _)| i)
    };
    let n = digits(at);
    if n == 0 || n > max {
        return None;
    }
    let mut end = at + n;
    if slash && s[end..].starts_with('/') {
        let m = digits(end + 1);
        if (1..=4).contains(&m) {
            end += 1 + m;
        }
    }
    match s[end..].chars().next() {
        Some(c) if c.is_alphanumeric() => None,
        _ => Some(at..end),
    }
}

/// The title part after a number: separators (`.`, `:`, `–`) and spaces skipped.
/// `None` when the number runs on into other text (`§ 12a`).
fn rest_after(s: &str, end: usize) -> Option<Range<usize>> {
    let rest = &s[end..];
    let separator = |c: char| {
        c.is_whitespace() || matches!(c, '.' | ':' | ')' | '-' | '–' | '—' | ',' | '*' | '_')
    };
    if rest.chars().next().is_some_and(|c| !separator(c)) {
        return None;
    }
    let trimmed = rest.trim_start_matches(separator);
    Some(s.len() - trimmed.len()..s.len())
}

/// Whether a case heading line has a title of its own (`§ 31` alone has not:
/// its title is the next line).
pub(crate) fn has_title(line: &str, found: &CaseLine, data: &RuleData) -> bool {
    let rest = &line[found.rest.clone()];
    !clean_title(rest, find_dnr(rest, data).map(|(r, _)| r)).is_empty()
}

/// Where the text of a line starts after white space, Markdown heading marks,
/// emphasis and list bullets.
pub(crate) fn skip_markup(line: &str, bullets: &[char]) -> usize {
    let mut i = 0;
    loop {
        let s = &line[i..];
        let t = s.trim_start();
        i += s.len() - t.len();
        let Some(c) = t.chars().next() else {
            return i;
        };
        let next = t[c.len_utf8()..].chars().next();
        if c == '#' {
            i += t.len() - t.trim_start_matches('#').len();
        } else if c == '*' || c == '_' {
            // Emphasis (`**§ 1**`) or a `*` bullet.
            i += 1;
        } else if bullets.contains(&c) && (c == '•' || next.is_some_and(char::is_whitespace)) {
            i += c.len_utf8();
        } else {
            return i;
        }
    }
}

fn trim_closing_markup(s: &str) -> &str {
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_' | '#'))
}

/// The text of a line without bullets, markup and surrounding space.
pub(crate) fn line_text<'l>(line: &'l str, data: &RuleData) -> &'l str {
    let start = skip_markup(line, &data.agenda.bullets);
    trim_closing_markup(&line[start..])
}

/// The first diary number on a line: a labelled one (the identifier after
/// `Dnr`, `Diarienummer`, …), else an unlabelled one (`KS 2023/123`). Returns
/// the range it takes on the line (label included) and the identifier.
pub(crate) fn find_dnr(line: &str, data: &RuleData) -> Option<(Range<usize>, String)> {
    let data = &data.agenda;
    // A labelled Dnr holds a digit (the test below), an unlabelled one does
    // when its pattern cannot match without one: most lines have none.
    if data.dnr_unlabelled.needs_ascii_digit() && !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let labelled = data.dnr_label.for_haystack(line);
    for m in labelled.into_iter().flat_map(|re| re.find_iter(line)) {
        let mut end = m.end();
        let mut parts: Vec<&str> = Vec::new();
        for (at, word) in words_with_offsets(&line[m.end()..]) {
            let bare = word.trim_end_matches([',', ';', ')', '.', ':']);
            let bare = bare.trim_start_matches('(');
            if bare.is_empty() || !data.dnr_part.is_match(bare) || parts.len() == 4 {
                break;
            }
            parts.push(bare);
            end = m.end() + at + word.len();
            if bare.len() != word.len() && word.ends_with([',', ';', ')']) {
                break;
            }
        }
        let id = parts.join(" ");
        if id.chars().any(|c| c.is_ascii_digit()) {
            return Some((m.start()..end, id));
        }
    }
    data.dnr_unlabelled.for_haystack(line)?.find(line).map(|m| {
        (
            m.range(),
            m.as_str().split_whitespace().collect::<Vec<_>>().join(" "),
        )
    })
}

/// A line under an agenda item that is not case text: only a Dnr, or a
/// labelled line such as `Föredragande: ekonomichef Anna Ek`.
pub(crate) fn is_metadata_line(line: &str, data: &RuleData) -> bool {
    let text = line_text(line, data);
    if text.is_empty() {
        return true;
    }
    if let Some((at, _)) = find_dnr(text, data) {
        let after = text[at.end..].trim_matches(|c: char| c.is_whitespace() || ".,;:)".contains(c));
        if at.start == 0 && after.is_empty() {
            return true;
        }
    }
    let lower = text.to_lowercase();
    data.agenda.metadata_labels.iter().any(|label| {
        lower
            .strip_prefix(label.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ', '\t']))
    })
}

fn words_with_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// A case title from the rest of a heading line: without a Dnr on it, table
/// of contents leaders and page numbers, and stray separators.
pub(crate) fn clean_title(rest: &str, dnr_at: Option<Range<usize>>) -> String {
    let mut text = String::with_capacity(rest.len());
    match dnr_at {
        Some(r) => {
            text.push_str(&rest[..r.start]);
            text.push(' ');
            text.push_str(&rest[r.end..]);
        }
        None => text.push_str(rest),
    }
    // Dot leaders of a table of contents: "Budget ........ 5".
    if let Some(i) = text.find("...").or_else(|| text.find('…')) {
        text.truncate(i);
    }
    let text = text.replace("()", " ").replace("[]", " ");
    let words: Vec<&str> = text.split_whitespace().collect();
    let joined = words.join(" ");
    joined
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '-' | '–' | '—' | ',' | ';' | ':' | '(' | ')')
        })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn data() -> RuleData {
        RuleData::build(&Config::default()).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn every_built_in_agenda_pattern_compiles() {
        let data = data();
        let a = &data.agenda;
        for pattern in [&a.committee, &a.dnr_label, &a.dnr_part, &a.dnr_unlabelled] {
            assert!(pattern.full().is_some(), "{pattern:?}");
        }
    }

    fn read_line(line: &str) -> Option<(Form, String, String)> {
        let data = data();
        case_line(line, &data).map(|c| {
            (
                c.form,
                line[c.number.clone()].to_string(),
                line[c.rest.clone()].to_string(),
            )
        })
    }

    fn p(form: Form, number: &str, rest: &str) -> Option<(Form, String, String)> {
        Some((form, number.to_string(), rest.to_string()))
    }

    #[test]
    fn paragraph_forms() {
        use Form::Paragraph;
        assert_eq!(
            read_line("§ 12 Budget 2024"),
            p(Paragraph, "12", "Budget 2024")
        );
        assert_eq!(read_line("§12 Budget"), p(Paragraph, "12", "Budget"));
        assert_eq!(read_line("§ 63/20 Taxor"), p(Paragraph, "63/20", "Taxor"));
        assert_eq!(read_line("KS § 12 Taxor"), p(Paragraph, "12", "Taxor"));
        assert_eq!(
            read_line("BUN §3 Skolskjuts"),
            p(Paragraph, "3", "Skolskjuts")
        );
        assert_eq!(
            read_line("• § 1 Val av justerare"),
            p(Paragraph, "1", "Val av justerare")
        );
        assert_eq!(
            read_line("- § 2. Dagordning"),
            p(Paragraph, "2", "Dagordning")
        );
        assert_eq!(
            read_line("* § 3 – Dagordning"),
            p(Paragraph, "3", "Dagordning")
        );
        assert_eq!(
            read_line("## **§ 184 Ny station**"),
            p(Paragraph, "184", "Ny station")
        );
        assert_eq!(read_line("§ 31"), p(Paragraph, "31", ""));
        assert_eq!(read_line("**§ 12** Budget"), p(Paragraph, "12", "Budget"));
        assert_eq!(read_line("§ 12a Budget"), None);
        assert_eq!(read_line("Enligt § 12 gäller"), None);
    }

    #[test]
    fn item_and_committee_forms() {
        assert_eq!(read_line("Ärende 4: Budget"), p(Form::Item, "4", "Budget"));
        assert_eq!(read_line("Punkt 7 Övrigt"), p(Form::Item, "7", "Övrigt"));
        assert_eq!(read_line("Paragraf 9"), p(Form::Item, "9", ""));
        assert_eq!(
            read_line("Sn 49 Ny riktlinje för bistånd"),
            p(Form::Committee, "49", "Ny riktlinje för bistånd")
        );
        assert_eq!(
            read_line("KS 12 Taxor 2024"),
            p(Form::Committee, "12", "Taxor 2024")
        );
        // Not a title: lower case, a sentence, a common word, too long.
        assert_eq!(read_line("KS 12 ledamöter närvarade"), None);
        assert_eq!(read_line("KS 12 Ledamöter närvarade."), None);
        assert_eq!(read_line("Figur 3 Andel kvinnor"), None);
        assert_eq!(
            read_line("KS 12 Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton"),
            None
        );
    }

    #[test]
    fn numbered_forms() {
        assert_eq!(read_line("1 Titel"), p(Form::Numbered, "1", "Titel"));
        assert_eq!(read_line("**1.** Titel"), p(Form::Numbered, "1", "Titel"));
        assert_eq!(
            read_line("12. Avtal om skolskjuts"),
            p(Form::Numbered, "12", "Avtal om skolskjuts")
        );
        // A decision point ends in a period; a lower-case start is not a title.
        assert_eq!(
            read_line("1. Granskningen av årsredovisningen noteras."),
            None
        );
        assert_eq!(read_line("1. att godkänna avtalet"), None);
        // Sixteen words is no title.
        assert_eq!(
            read_line(
                "1. Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton femton"
            ),
            None
        );
        assert_eq!(
            read_line("1. Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton"),
            p(
                Form::Numbered,
                "1",
                "Ett två tre fyra fem sex sju åtta nio tio elva tolv tretton fjorton"
            )
        );
        // Four digits are a year, section words are sections of a case.
        assert_eq!(read_line("2024 Budget"), None);
        assert_eq!(read_line("2. Bakgrund"), None);
        assert_eq!(read_line("3. Jämställdhet"), None);
        assert_eq!(
            read_line("3. Jämställdhetsplan 2024"),
            p(Form::Numbered, "3", "Jämställdhetsplan 2024")
        );
    }

    fn dnr(line: &str) -> Option<String> {
        find_dnr(line, &data()).map(|(_, id)| id)
    }

    #[test]
    fn labelled_dnr_forms() {
        assert_eq!(dnr("Dnr RS 2023/123").as_deref(), Some("RS 2023/123"));
        assert_eq!(dnr("Dnr. KS 2018/14").as_deref(), Some("KS 2018/14"));
        assert_eq!(dnr("Dnr: SN 18/0098").as_deref(), Some("SN 18/0098"));
        assert_eq!(
            dnr("Diarienummer 2021-00456").as_deref(),
            Some("2021-00456")
        );
        assert_eq!(dnr("Ärendenummer: 40226").as_deref(), Some("40226"));
        assert_eq!(
            dnr("Vårt dnr RÄN-2018-0082").as_deref(),
            Some("RÄN-2018-0082")
        );
        assert_eq!(dnr("DNR 2022/KS 0247").as_deref(), Some("2022/KS 0247"));
        assert_eq!(
            dnr("Ärendet har diarienummer KS 2018/14 och gäller taxor").as_deref(),
            Some("KS 2018/14")
        );
        assert_eq!(dnr("Dnr: se bilaga").as_deref(), None);
    }

    #[test]
    fn unlabelled_dnr_forms() {
        assert_eq!(
            dnr("Avtal om skolskjuts KFKS 2017/1106").as_deref(),
            Some("KFKS 2017/1106")
        );
        assert_eq!(dnr("(KS2005/0485-83)").as_deref(), Some("KS2005/0485-83"));
        assert_eq!(dnr("RÄN-2018-0082").as_deref(), Some("RÄN-2018-0082"));
        assert_eq!(dnr("Beslut 2023-05-12 om taxor").as_deref(), None);
        assert_eq!(dnr("Sida 2023/4").as_deref(), None);
    }

    #[test]
    fn metadata_lines() {
        let data = data();
        assert!(is_metadata_line("Dnr KS 2023/1", &data));
        assert!(is_metadata_line("  KS 2023/0123.", &data));
        assert!(is_metadata_line("Föredragande: ekonomichef Anna Ek", &data));
        assert!(is_metadata_line("Handläggare Bo Ek", &data));
        assert!(!is_metadata_line("Dnr KS 2023/1 gäller budgeten", &data));
        assert!(!is_metadata_line(
            "Handläggaren föreslår att budgeten antas.",
            &data
        ));
    }

    #[test]
    fn titles_lose_dnr_and_leaders() {
        let rest = "Detaljplan för Norrby centrum Dnr KS 2020/8";
        let at = find_dnr(rest, &data()).map(|(r, _)| r);
        assert_eq!(clean_title(rest, at), "Detaljplan för Norrby centrum");
        let rest = "Dnr KS 2020/8 – Detaljplan";
        let at = find_dnr(rest, &data()).map(|(r, _)| r);
        assert_eq!(clean_title(rest, at), "Detaljplan");
        let rest = "Svar på motion (KS 2023/123)";
        let at = find_dnr(rest, &data()).map(|(r, _)| r);
        assert_eq!(clean_title(rest, at), "Svar på motion");
        assert_eq!(clean_title("Budget 2024 ........ 5", None), "Budget 2024");
    }
}
