//! The plain-text document model: heading lines, page furniture, hyphenation.

use crate::common::describe;
use crate::common::Check;
use arendelint_core::{Config, SourceKind};

fn lint_txt(text: &str) -> Vec<String> {
    describe(
        text,
        &crate::common::lint_with(text, SourceKind::PlainText, &Config::default()),
    )
}

const PDF_CASE: &str = "Norrsjö kommun                      TJÄNSTESKRIVELSE
Kultur- och fritidsförvaltningen    Sida 1 (2)
                                    Dnr KFN 2024/0311

Ny inriktning för fritidsgårdarna

Sammanfattning

Förvaltningen föreslår längre öppettider och ett särskilt program för tjejer i området. Förslaget
ryms inom ramen för fritidsgårds-
verksamhet, som är 7,4 mnkr per år.

Bakgrund

Gårdarna vänder sig till ungdomar i åldern 13–17 år. Under 2023 hade gårdarna 1 260 unika
besökare enligt det digitala medlemskortet.

Norrsjö kommun                      Sida 2 (2)
Dnr KFN 2024/0311

Konsekvenser för jäm-
ställdhet

Pojkar är överrepresenterade bland besökarna på fritidsgårdarna, och fler pojkar än flickor
besöker gårdarna varje vecka enligt kommunens besöksstatistik för de senaste fem åren.
Fördelningen har varit ungefär densamma sedan mätningarna började.

Beslutet skickas till

Fritidsgårdarna
";

#[test]
fn pdf_extracted_case() {
    assert_eq!(
        lint_txt(PDF_CASE),
        [
            "JAM003 ungdomar",
            "JAM004 1 260 unika\nbesökare",
            "JAM005 Konsekvenser för jäm-",
            "JAM006 Konsekvenser för jäm-",
        ]
    );
}

#[test]
fn no_gender_section_and_title_lines() {
    let text = "Jämställdhetsintegrering i nämnden 2025\n\nSammanfattning\n\nNämnden ska följa upp arbetet.\n\nJämlikhet\n\nAlla ska ha samma rättigheter.\n";
    assert_eq!(lint_txt(text), ["JAM001 ", "JAM003 Alla"]);
}

#[test]
fn wrapped_paragraph_first_lines_are_body_text() {
    // The first line is short but not clearly shorter than the next: body text.
    let text = "Bakgrund\n\nUnder året fick patienterna vänta\nlänge på sina besök hos mottagningen.\n\nJämställdhet\n\nEj aktuellt eftersom ärendet rör lokaler.\n";
    assert_eq!(lint_txt(text), ["JAM003 patienterna"]);
}

#[test]
fn a_short_labelled_line_is_not_a_heading() {
    let text = "Bakgrund\n\nFörslaget gäller lokaler.\n\nJämställdhet: Ej aktuellt\n\nMiljö\n\nPatienterna påverkas inte.\n";
    assert_eq!(
        lint_txt(text),
        ["JAM002 Jämställdhet:", "JAM003 Patienterna"]
    );
}

#[test]
fn labelled_paragraphs_in_plain_text() {
    let text = "Bakgrund\n\nFörslaget gäller lokaler.\n\nKonsekvenser\n\nEkonomi: Inom ram.\n\nJämställdhet: Ej aktuellt.\n";
    assert_eq!(lint_txt(text), ["JAM002 Jämställdhet:"]);
}

#[test]
fn numbered_section_headings() {
    let text = "Ny taxa\n\n1. Bakgrund\n\nTaxan gäller alla resenärer.\n\n2. Jämställdhet\n\nEj aktuellt.\n\n3. Beslut\n\nNämnden beslutar\n\n1. att anta taxan.\n2. att den gäller från 2025.\n";
    assert_eq!(
        lint_txt(text),
        ["JAM003 alla resenärer", "JAM002 2. Jämställdhet"]
    );
}

#[test]
fn hyphen_space_breaks_in_a_heading_and_in_body_text() {
    // PDF text: "jäm- ställdhet" inside a line, in the heading and in the body.
    let text = "Ärende om simhallen\n\nBakgrund\n\nSimhallen byggs om för patien- terna och besökarna.\n\nKonsekvenser för jäm- ställdhet\n\nFörslaget bedöms inte påverka jämställdheten.\n";
    assert_eq!(
        lint_txt(text),
        [
            "JAM003 patien- terna",
            "JAM003 besökarna",
            "JAM002 Konsekvenser för jäm- ställdhet"
        ]
    );
    // Without the join, the heading is not a gender section: JAM001 fires.
    let other = text.replace("jäm- ställdhet", "jäm ställdhet");
    assert!(lint_txt(&other).iter().any(|d| d.starts_with("JAM001")));
}

#[test]
fn a_heading_repeated_in_each_agenda_case_is_not_page_furniture() {
    // The second case's gender heading stands right above the page footer.
    // A running header or footer repeats next to every page break; a heading
    // that only one of its copies happens to stand near one is still a heading.
    let text = "§ 1 Ny simhall\n\nBakgrund\n\nSimhallens tak behöver läggas om.\n\nKonsekvenser för jämställdhet\n\nFörslaget påverkar inte jämställdheten eftersom det gäller taket.\n\n§ 2 Nya avgifter\n\nKonsekvenser för jämställdhet\nFörslaget påverkar inte jämställdheten eftersom avgifterna är lika.\nSida 1 (1)\n";
    let linter = arendelint_core::Linter::new(&Config::default()).expect("valid config");
    let report = linter.lint_agenda(text, SourceKind::PlainText);
    assert_eq!(report.cases.len(), 2);
    assert_eq!(describe(text, &report.diagnostics), Vec::<String>::new());
}

/// Found by fuzzing (fuzz/REPORT.md): after the safe JAM003 fix, the first line
/// of a wrapped paragraph named "kvinnor och män" and read as a gender-section
/// heading, so `--fix` made JAM001 (no gender section) disappear.
#[test]
fn the_jam003_fix_does_not_turn_a_wrapped_line_into_a_gender_heading() {
    let text = "Rubrik\n\nVi har sett att patienterna\nväntar länge på besked.\n";
    let diags = crate::common::lint_with(text, SourceKind::PlainText, &Config::default());
    assert_eq!(describe(text, &diags), ["JAM001 ", "JAM003 patienterna"]);
    let (fixed, applied) = arendelint_core::report::apply_fixes(text, &diags, false);
    assert_eq!(applied, 1);
    assert_eq!(
        fixed,
        "Rubrik\n\nVi har sett att patienterna (kvinnor och män)\nväntar länge på besked.\n"
    );
    assert_eq!(lint_txt(&fixed), ["JAM001 "]);
    // A gender heading with a parenthesis is still one.
    let heading = "Rubrik\n\nKonsekvenser för jämställdhet (kön+)\n\nInga.\n";
    assert!(!lint_txt(heading).contains(&"JAM001 ".to_string()));
}

/// Found by fuzzing (fuzz/REPORT.md): a short line before a body line is a
/// heading when it is clearly shorter than that line (§6.12); the JAM003 fix
/// lengthened the body line, turned the short line into a heading and split the
/// section, so a related mention became a new finding.
#[test]
fn the_jam003_fix_does_not_turn_the_line_before_into_a_heading() {
    let text = "Ärende\n\nBakgrund\n\nEleverna väntar på svar.\n\nSvaren dröjer fortfarande\nPatienterna väntar på besked.\nEleverna också.\n";
    let diags = crate::common::lint_with(text, SourceKind::PlainText, &Config::default());
    assert_eq!(
        describe(text, &diags),
        ["JAM001 ", "JAM003 Eleverna", "JAM003 Patienterna"]
    );
    let (fixed, applied) = arendelint_core::report::apply_fixes(text, &diags, false);
    assert_eq!(applied, 2);
    assert!(fixed
        .contains("Svaren dröjer fortfarande\nPatienterna (kvinnor och män) väntar på besked.\n"));
    assert_eq!(lint_txt(&fixed), ["JAM001 "]);
}

/// Found by fuzzing (fuzz/REPORT.md, finding 6): a line repeated next to page
/// breaks is furniture. The JAM003 fix changed the first copy of a repeated
/// line in each section but not the later ones, so the fixed copies, both next
/// to a page number, became a repeated line of their own and were taken for
/// furniture: the gendered mention vanished and a related mention came back as
/// a finding. Copies are compared without the fix's insertions.
#[test]
fn the_jam003_fix_does_not_turn_a_repeated_line_into_furniture() {
    let section = |heading: &str, page: &str| {
        format!(
            "{heading}\n\nSida {page} (2)\nEleverna väntar på svar.\n\n\
             Skolan har fått fler ansökningar i år.\n\n\
             Schemat har planerats om under hösten.\n\
             Eleverna väntar på svar.\n\n\
             Lokalerna räcker till och med våren.\n\n"
        )
    };
    let text = format!(
        "Ärende\n\n{}{}Jämställdhet\n\nÄrendet berör inte jämställdheten.\n",
        section("Bakgrund", "1"),
        section("Bedömning", "2")
    );
    let jam003 = |text: &str| -> Vec<String> {
        let diags = crate::common::lint_with(text, SourceKind::PlainText, &Config::default());
        diags
            .iter()
            .filter(|d| d.rule == arendelint_core::Rule::Jam003)
            .map(|d| format!("{} {:?}", d.span.start, d.related))
            .collect()
    };
    assert_eq!(jam003(&text), ["30 [141..149]", "232 [343..351]"]);
    let diags = crate::common::lint_with(&text, SourceKind::PlainText, &Config::default());
    let (fixed, applied) = arendelint_core::report::apply_fixes(&text, &diags, false);
    assert_eq!(applied, 2);
    assert_eq!(
        fixed
            .matches("Eleverna (flickor och pojkar) väntar")
            .count(),
        2
    );
    assert_eq!(jam003(&fixed), Vec::<String>::new());
}

/// Found by fuzzing (fuzz/REPORT.md, finding 8): a line that opens with a
/// short section label (`Jämställdhet, …:`) is a labelled paragraph, never a
/// heading. The JAM003 fix lengthened the label past six words, so the line
/// became a heading, split the section, and the related mention came back as a
/// finding. Lines are classified without the fix's insertions.
#[test]
fn the_jam003_fix_does_not_turn_a_labelled_line_into_a_heading() {
    let text = "Ärende\n\nBakgrund\n\nJämställdhet, besökare och personal: inga skillnader\n\nAntalet besökare ökar varje år.\n";
    let diags = crate::common::lint_with(text, SourceKind::PlainText, &Config::default());
    let jam003: Vec<_> = diags
        .iter()
        .filter(|d| d.rule == arendelint_core::Rule::Jam003)
        .map(|d| (d.span.clone(), d.related.clone()))
        .collect();
    let related = std::iter::once(84..93).collect::<Vec<_>>();
    assert_eq!(jam003, [(35..44, related)]);
    let (fixed, applied) = arendelint_core::report::apply_fixes(text, &diags, false);
    assert_eq!(applied, 1);
    assert!(fixed.contains("Jämställdhet, besökare (kvinnor och män) och personal: inga"));
    assert!(!lint_txt(&fixed).iter().any(|d| d.starts_with("JAM003")));
}
