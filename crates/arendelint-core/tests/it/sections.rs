//! JAM001, JAM002, JAM005, JAM006, JAM007: the gender section.

use crate::common::{describe, lint, lint_with, ANALYSIS};
use arendelint_core::{Config, Rule, Severity, SourceKind};

fn rules_of(text: &str) -> Vec<String> {
    describe(text, &lint(text))
}

#[test]
fn jam001_fires_once_at_the_start_without_a_gender_section() {
    let text = "# Ärende\n\n## Bakgrund\n\nText.\n\n## Jämlikhet\n\nText.\n\n## Social hållbarhet\n\nText.\n\n## Barnperspektiv\n\nText.\n";
    let diags = lint(text);
    assert_eq!(describe(text, &diags), ["JAM001 "]);
    assert_eq!(diags[0].span, 0..0);
    assert_eq!(diags[0].severity, Severity::Error);
}

#[test]
fn jam001_accepts_every_kind_of_gender_heading() {
    for heading in [
        "## Jämställdhetsanalys",
        "### Könskonsekvensanalys",
        "## Konsekvenser för kvinnor och män",
        "## Konsekvenser för flickor och pojkar",
        "## Kön+",
        "## Jämställdhets- och jämlikhetsperspektiv",
        "**Jämställdhet**",
        "Jämställdhetsperspektiv:",
    ] {
        let text = format!(
            "# Ärende\n\n## Bakgrund\n\nText.\n\n## Konsekvenser\n\n{heading} {ANALYSIS}\n"
        );
        let text = if heading.ends_with(':') {
            text
        } else {
            text.replace(&format!("{heading} "), &format!("{heading}\n\n"))
        };
        assert!(
            rules_of(&text).is_empty(),
            "{heading}: {:?}",
            rules_of(&text)
        );
    }
}

#[test]
fn jam001_a_case_title_is_not_a_gender_section() {
    let text =
        "# Resultatrapport för jämställdhetsintegrering 2019\n\n## Sammanfattning\n\nText.\n";
    assert_eq!(rules_of(text), ["JAM001 "]);
}

#[test]
fn jam001_fix_inserts_the_skeleton_before_the_closing_block() {
    let text = "# Ärende\n\n## Bakgrund\n\nText.\n\n## Beslutet skickas till\n\nNämnden\n";
    let (fixed, n) = crate::common::fix(text, true);
    assert_eq!(n, 1);
    assert!(fixed.starts_with(
        "# Ärende\n\n## Bakgrund\n\nText.\n\n## Konsekvenser för jämställdhet\n\n- Berör beslutet"
    ));
    assert!(
        fixed.ends_with("jämställdhetsmål?\n\n## Beslutet skickas till\n\nNämnden\n"),
        "{fixed}"
    );
    // The unanswered skeleton is itself reported as empty.
    assert_eq!(
        rules_of(&fixed),
        ["JAM002 ## Konsekvenser för jämställdhet"]
    );
    // Without a closing block: at the end, CRLF kept.
    let crlf = "# Ärende\r\n\r\nText.";
    let (fixed, _) = crate::common::fix(crlf, true);
    assert!(
        fixed.starts_with(
            "# Ärende\r\n\r\nText.\r\n\r\n## Konsekvenser för jämställdhet\r\n\r\n- Berör"
        ),
        "{fixed:?}"
    );
}

#[test]
fn jam001_organisation_heading_patterns() {
    let text = "# Ärende\n\n## Likabehandling\n\nFörslaget rör lokaler.\n";
    assert_eq!(rules_of(text), ["JAM001 "]);
    let config = Config::from_toml_str(
        "[sections]\ngender-headings = [\"likabehandling\"]\n",
        "a.toml",
    )
    .unwrap();
    let found = describe(text, &lint_with(text, SourceKind::Markdown, &config));
    assert_eq!(found, ["JAM006 ## Likabehandling"]);
}

fn gender_body(body: &str) -> Vec<String> {
    let text = format!(
        "# Ärende\n\n## Bakgrund\n\nText.\n\n## Jämställdhet\n\n{body}\n\n## Miljö\n\nText.\n"
    );
    rules_of(&text)
}

#[test]
fn jam002_empty_and_placeholders() {
    for body in [
        "",
        "-",
        "–",
        "…",
        "x",
        "xx",
        "Text",
        "[…]",
        "Ej ifyllt",
        "Fyll i",
        "<!-- Beskriv konsekvenserna -->",
    ] {
        assert_eq!(gender_body(body), ["JAM002 ## Jämställdhet"], "{body:?}");
    }
}

#[test]
fn jam002_no_impact_claims_without_a_reason() {
    for body in [
        "Förslaget bedöms inte påverka jämställdheten.",
        "Ej aktuellt.",
        "Ej relevant.",
        "Beslutet har ingen betydelse för jämställdheten.",
        "Inga konsekvenser.",
        "Förslaget berör inte kvinnor och män olika.",
        "Beslutet är könsneutralt.",
        "Ärendet är neutralt ur ett jämställdhetsperspektiv.",
    ] {
        assert_eq!(gender_body(body), ["JAM002 ## Jämställdhet"], "{body}");
    }
}

#[test]
fn jam002_justified_claims_pass_and_skip_jam005_jam006() {
    for body in [
        "Förslaget bedöms inte påverka jämställdheten eftersom avtalet bara förlänger en befintlig tjänst.",
        "Beslutet får inga konsekvenser för jämställdheten, då det gäller en teknisk justering.",
        "Då ärendet rör en teknisk justering bedöms det inte påverka jämställdheten.",
        "Ärendet är inte aktuellt för analys med anledning av att det är en ren indexuppräkning.",
    ] {
        assert!(gender_body(body).is_empty(), "{body}: {:?}", gender_body(body));
    }
    // "då" as an adverb is no reason.
    assert_eq!(
        gender_body("Förslaget påverkar då inte jämställdheten."),
        ["JAM002 ## Jämställdhet"]
    );
}

#[test]
fn jam002_long_bodies_are_analyses() {
    let long = format!("{} Förslaget bedöms inte påverka jämställdheten.", ANALYSIS);
    assert!(gender_body(&long).is_empty());
}

#[test]
fn jam005_differences_need_measures() {
    let differences = "Kvinnor är överrepresenterade bland dem som väntar längst, och fler kvinnor än män bor ensamma i glesbygd. \
Skillnaden har ökat under de senaste fem åren enligt regionens statistik, som redovisas per kommun och åldersgrupp i bilagan. \
Analysen bygger på uppgifter från vårdregistret och gäller regionens mål för jämställdhet.";
    assert_eq!(gender_body(differences), ["JAM005 ## Jämställdhet"]);
    let with_measures = format!("{differences} Förvaltningen föreslår därför riktade insatser.");
    assert!(gender_body(&with_measures).is_empty());
    for variant in [
        "fler pojkar än flickor",
        "en högre andel",
        "ojämn fördelning",
        "ojämställda villkor",
        "flickor är i dag fler än",
    ] {
        let body = format!("Det finns {variant} i verksamheten enligt statistiken från förra året, som visar att mönstret har funnits länge och att det syns i alla delar av kommunen och i alla åldersgrupper. Analysen utgår från delmålet om jämn fördelning av makt och inflytande.");
        assert_eq!(gender_body(&body), ["JAM005 ## Jämställdhet"], "{variant}");
    }
}

#[test]
fn jam006_needs_a_goal_link_in_the_section() {
    let body = "Kvinnor och män använder tjänsten i lika stor utsträckning enligt den senaste uppföljningen, och förslaget väntas inte ändra det. \
Förvaltningen kommer att följa upp användningen uppdelat efter kön varje år och rapportera resultatet till nämnden i samband med bokslutet.";
    assert_eq!(gender_body(body), ["JAM006 ## Jämställdhet"]);
    for goal in [
        "det jämställdhetspolitiska delmålet om hälsa",
        "CEMR-deklarationen",
        "Agenda 2030 mål 5",
        "regionens jämställdhetsstrategi",
        "handlingsplan för jämställdhet",
    ] {
        assert!(
            gender_body(&format!("{body} Förslaget bidrar till {goal}.")).is_empty(),
            "{goal}"
        );
    }
    let config =
        Config::from_toml_str("[goals]\nnames = [\"Jämställd kommun 2030\"]\n", "a.toml").unwrap();
    let text =
        format!("# Ärende\n\n## Jämställdhet\n\n{body} Det bidrar till Jämställd kommun 2030.\n");
    assert!(lint_with(&text, SourceKind::Markdown, &config).is_empty());
}

#[test]
fn jam007_is_off_by_default_and_names_other_factors() {
    let body = "Kvinnor och män använder tjänsten i lika stor utsträckning enligt den senaste uppföljningen, och förslaget väntas inte ändra det. \
Förvaltningen kommer att följa upp användningen varje år och rapportera resultatet till nämnden i samband med bokslutet, i linje med jämställdhetsmålen.";
    assert!(gender_body(body).is_empty());
    let mut config = Config::default();
    config.set_severity(Rule::Jam007, Some(Severity::Info));
    let text = format!("# Ärende\n\n## Jämställdhet\n\n{body}\n");
    assert_eq!(
        describe(&text, &lint_with(&text, SourceKind::Markdown, &config)),
        ["JAM007 ## Jämställdhet"]
    );
    let with_age =
        format!("# Ärende\n\n## Jämställdhet\n\n{body} Uppföljningen redovisar även ålder.\n");
    assert!(lint_with(&with_age, SourceKind::Markdown, &config).is_empty());
}

#[test]
fn every_gender_section_is_checked() {
    let text = "# Ärende\n\n## Konsekvenser\n\n**Jämställdhet**\n\nEj aktuellt.\n\n**Konsekvenser för kvinnor och män**\n\nFyll i\n\n**Miljö**\n\nText.\n";
    assert_eq!(
        rules_of(text),
        [
            "JAM002 **Jämställdhet**",
            "JAM002 **Konsekvenser för kvinnor och män**"
        ]
    );
    let labelled = "# Ärende\n\n## Konsekvensanalys\n\nEkonomi: Inom ram.\n\nJämställdhet: Ej aktuellt.\n\nMiljö: Ingen påverkan.\n";
    assert_eq!(rules_of(labelled), ["JAM002 Jämställdhet:"]);
}

/// Where JAM001's fix puts the skeleton: the text right after the insertion.
fn skeleton_followed_by(text: &str) -> String {
    let diags = lint(text);
    let Some(edit) = diags
        .iter()
        .find(|d| d.rule.code() == "JAM001")
        .and_then(|d| d.fix.as_ref())
        .map(|f| f.edits[0].clone())
    else {
        return "no JAM001 fix".into();
    };
    text[edit.range.start..]
        .lines()
        .next()
        .unwrap_or("<end>")
        .to_string()
}

#[test]
fn jam001_skeleton_goes_before_every_closing_form_of_v3() {
    for closing in [
        "## Beslutet ska skickas till",
        "## Beslut sänds till",
        "## Beslutet expedieras till",
        "**Expedieras till**",
        "## Sändlista",
        "## Bilagor",
        "### Bilaga",
    ] {
        let text = format!("# Ärende\n\n## Bakgrund\n\nText.\n\n{closing}\n\nNämnden\n");
        assert_eq!(skeleton_followed_by(&text), closing, "{closing}");
    }
    // A closing line of body text ("Beslutet skickas till: …") after the last heading.
    let text = "# Ärende\n\n## Bakgrund\n\nText.\n\nBeslutet skickas till: Socialnämnden\n";
    assert_eq!(
        skeleton_followed_by(text),
        "Beslutet skickas till: Socialnämnden"
    );
    // A signature: a name and a role at the end.
    let text =
        "# Ärende\n\n## Bakgrund\n\nText om förslaget.\n\nAnna Andersson\nFörvaltningschef\n";
    assert_eq!(skeleton_followed_by(text), "Anna Andersson");
    // Short closing lines without a role are not a signature: at the end.
    let text = "# Ärende\n\n## Bakgrund\n\nText om förslaget.\n\nAnna Andersson\n";
    assert_eq!(skeleton_followed_by(text), "<end>");
    // "Bilaga 1" in the list of documents at the top is not the closing block.
    let text = "# Ärende\n\nBilaga: karta\n\n## Bakgrund\n\nText om förslaget.\n";
    assert_eq!(skeleton_followed_by(text), "<end>");
}
