//! JAM003 `ungendered-target-group`.

mod common;
use common::{case, describe, findings, lint};

#[test]
fn group_words_in_every_form_fire() {
    assert_eq!(
        findings(
            "JAM003",
            "Patienter, patienterna, patienters och patienternas behov."
        ),
        ["Patienter", "patienterna", "patienters", "patienternas"]
    );
    assert_eq!(
        findings("JAM003", "Invånarna och medborgarnas brukare, elever, barnen, ungdomar, deltagarna, besökare, resenärer, sökande, vårdtagare, klienter, personer och individer."),
        ["Invånarna", "medborgarnas", "brukare", "elever", "barnen", "ungdomar", "deltagarna", "besökare", "resenärer", "sökande", "vårdtagare", "klienter", "personer", "individer"]
    );
}

#[test]
fn gendered_sentences_do_not_fire() {
    assert!(findings("JAM003", "Kvinnor och män som är patienter får vård.").is_empty());
    assert!(findings("JAM003", "Eleverna, både flickor och pojkar, får stöd.").is_empty());
    assert!(findings("JAM003", "Besökarna är tjejer och killar.").is_empty());
    assert!(findings("JAM003", "Statistiken för patienterna är könsuppdelad.").is_empty());
    assert!(findings("JAM003", "Andelen kvinnliga brukare ökar.").is_empty());
    // The next sentence is not gendered.
    assert_eq!(
        findings("JAM003", "Kvinnor får vård. Patienterna väntar."),
        ["Patienterna"]
    );
}

#[test]
fn compounds_and_hyphenated_words_never_fire() {
    assert!(findings(
        "JAM003",
        "Patientsäkerhet, elevhälsa, barnkonventionen, invånardialog, medborgarlöfte och EU-medborgare."
    )
    .is_empty());
    assert!(findings(
        "JAM003",
        "Barn- och utbildningsnämnden skickar en elev- och föräldraenkät."
    )
    .is_empty());
}

#[test]
fn singular_forms_do_not_fire() {
    assert!(findings(
        "JAM003",
        "Kostnaden per brukare sjunker. Varje invånare får ett barn att ta hand om. Patienten och eleven ser barnet. Den sökande svarar."
    )
    .is_empty());
    assert_eq!(findings("JAM003", "De sökande svarar."), ["sökande"]);
}

#[test]
fn alla_about_people() {
    assert_eq!(
        findings("JAM003", "Parken ska vara tillgänglig för alla."),
        ["alla"]
    );
    assert_eq!(
        findings("JAM003", "Alla som bor i länet ska kunna delta."),
        ["Alla"]
    );
    assert_eq!(
        findings(
            "JAM003",
            "Målet är att alla ska ha arbete, alla oavsett bakgrund."
        ),
        ["alla", "alla"]
    );
    assert_eq!(
        findings("JAM003", "Alla invånare och alla elever får ett brev"),
        ["Alla invånare", "alla elever"]
    );
    assert!(findings(
        "JAM003",
        "Strategin gäller alla nämnder, alla beslut, alla verksamheter och alla nivåer. Allas ansvar är allt och allting."
    )
    .is_empty());
}

#[test]
fn unchecked_places_do_not_fire() {
    let text = "---\nmålgrupp: alla invånare\n---\n\n# Patienterna\n\n## Bakgrund\n\n> Alla invånare ska ha rätt till vård.\n\n```\npatienter\n```\n\nSe `patienter` och [länken](https://example.se/patienter) samt <https://example.se/elever>.\n\n<!-- Skriv om patienterna här -->\n\n| Grupp | Antal |\n|---|---|\n| Patienter | 12 |\n\n## Jämställdhet\n\n".to_string() + common::ANALYSIS + "\n";
    let found: Vec<String> = describe(&text, &lint(&text))
        .into_iter()
        .filter(|d| d.starts_with("JAM003"))
        .collect();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn counted_nouns_are_left_to_jam004() {
    let text = case("Mottagningen hade 312 patienter och 45 procent av eleverna svarade.");
    assert_eq!(
        describe(&text, &lint(&text)),
        ["JAM004 312 patienter", "JAM004 45 procent"]
    );
    // No number: "antalet deltagare" is a plain group word.
    assert_eq!(
        findings(
            "JAM003",
            "Föreningarna redovisar antalet deltagare per aktivitet."
        ),
        ["deltagare"]
    );
}

#[test]
fn queue_and_guardians_are_not_gender_terms() {
    assert_eq!(
        findings("JAM003", "Patienterna står i kön."),
        ["Patienterna"]
    );
    assert_eq!(
        findings("JAM003", "Kön till kulturskolan är lång för barnen."),
        ["barnen"]
    );
    assert_eq!(
        findings("JAM003", "Gode män företräder klienterna."),
        ["klienterna"]
    );
    assert!(findings("JAM003", "Klienternas kön redovisas.").is_empty());
}

#[test]
fn messages_and_fixes_name_the_gendered_form() {
    let text = case("Patienterna och barnen och alla invånare väntar.");
    let diags = lint(&text);
    let jam003: Vec<_> = diags.iter().filter(|d| d.rule.code() == "JAM003").collect();
    assert_eq!(jam003.len(), 3);
    assert_eq!(
        jam003[0].message,
        "\"Patienterna\" anger inte kön. Skriv ut målgruppen uppdelad efter kön: \"kvinnor och män\"."
    );
    let replacements: Vec<&str> = jam003
        .iter()
        .map(|d| d.fix.as_ref().unwrap().edits[0].replacement.as_str())
        .collect();
    assert_eq!(
        replacements,
        [
            " (kvinnor och män)",
            " (flickor och pojkar)",
            " (kvinnor och män, flickor och pojkar)"
        ]
    );
}

#[test]
fn applying_the_fix_makes_the_finding_go_away() {
    let text = case("Patienterna väntar länge. Alla ska få svar.");
    let diags = lint(&text);
    let (fixed, applied) = arendelint_core::apply_fixes(&text, &diags, false);
    assert_eq!(applied, 2);
    assert!(fixed.contains("Patienterna (kvinnor och män) väntar länge. Alla (kvinnor och män, flickor och pojkar) ska få svar."));
    assert!(
        lint(&fixed).is_empty(),
        "{:?}",
        describe(&fixed, &lint(&fixed))
    );
}
