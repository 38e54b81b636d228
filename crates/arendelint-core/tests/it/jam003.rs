//! JAM003 `ungendered-target-group`.

use crate::common::{case, describe, findings, grouped, lint};

#[test]
fn group_words_in_every_form_fire() {
    // Every form is a mention of one group: one finding, the rest related (§6.17).
    assert_eq!(
        grouped("Patienter, patienterna, patienters och patienternas behov."),
        ["Patienter [patienterna, patienters, patienternas]"]
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
    // "alla" on its own is one group: the second is a related location.
    assert_eq!(
        grouped("Målet är att alla ska ha arbete, alla oavsett bakgrund."),
        ["alla [alla]"]
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
    let text = "---\nmålgrupp: alla invånare\n---\n\n# Patienterna\n\n## Bakgrund\n\n> Alla invånare ska ha rätt till vård.\n\n```\npatienter\n```\n\nSe `patienter` och [länken](https://example.se/patienter) samt <https://example.se/elever>.\n\n<!-- Skriv om patienterna här -->\n\n| Grupp | Antal |\n|---|---|\n| Patienter | 12 |\n\n## Jämställdhet\n\n".to_string() + crate::common::ANALYSIS + "\n";
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
        "\"Patienterna\" anger inte kön. Skriv ut målgruppen uppdelad efter kön: \"kvinnor och män\". Det första omnämnandet i avsnittet räcker när det anger kön."
    );
    assert_eq!(
        jam003[0].fix.as_ref().map(|f| f.description.as_str()),
        Some("Lägg till \"(kvinnor och män)\" (gäller hela avsnittet)")
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
    let (fixed, applied) = crate::common::fix(&text, false);
    assert_eq!(applied, 2);
    assert!(fixed.contains("Patienterna (kvinnor och män) väntar länge. Alla (kvinnor och män, flickor och pojkar) ska få svar."));
    assert!(
        lint(&fixed).is_empty(),
        "{:?}",
        describe(&fixed, &lint(&fixed))
    );
}

// ---- §6.17: one finding per group and section ------------------------------

#[test]
fn later_mentions_in_a_section_are_related_locations() {
    assert_eq!(
        grouped("Eleverna får stöd. Skolan bjuder in eleverna. Elevernas föräldrar och gymnasieelever svarar."),
        ["Eleverna [eleverna, Elevernas, gymnasieelever]"]
    );
    // "alla" + group word belongs to that group.
    assert_eq!(
        grouped("Patienterna väntar. Alla patienter får ett brev."),
        ["Patienterna [Alla patienter]"]
    );
    // Other groups are findings of their own.
    assert_eq!(
        grouped("Patienterna och besökarna väntar. Besökarna klagar."),
        ["Patienterna", "besökarna [Besökarna]"]
    );
    // The message counts the related mentions.
    let text = case("Eleverna väntar. Eleverna klagar. Eleverna går hem.");
    let d = lint(&text);
    let jam003: Vec<_> = d.iter().filter(|d| d.rule.code() == "JAM003").collect();
    assert!(
        jam003[0].message.ends_with(
            "Gruppen nämns 2 gånger till i avsnittet utan kön; rättelsen här gäller dem också."
        ),
        "{}",
        jam003[0].message
    );
}

#[test]
fn a_gendered_mention_ends_the_groups_findings_in_its_section() {
    // After "flickor och pojkar som är elever", later "eleverna" are neither
    // findings nor related locations; the earlier one stays a finding.
    assert_eq!(
        grouped("Eleverna väntar. Flickor och pojkar som är elever får stöd. Eleverna svarar. Patienterna väntar."),
        ["Eleverna", "Patienterna"]
    );
    assert!(grouped("Patienterna (kvinnor och män) väntar. Patienterna klagar.").is_empty());
    // Only that group's findings end.
    assert_eq!(
        grouped("Kvinnor och män som är patienter väntar. Patienterna och besökarna klagar."),
        ["besökarna"]
    );
}

#[test]
fn each_section_and_labelled_paragraph_starts_afresh() {
    let text = "# Ärende\n\n## Bakgrund\n\nEleverna väntar. Eleverna klagar.\n\n### Nuläge\n\nEleverna svarar.\n\nEkonomi: Eleverna betalar.\n\n## Konsekvenser för jämställdhet\n\n".to_string()
        + crate::common::ANALYSIS
        + "\n";
    let diags = lint(&text);
    let got: Vec<(usize, usize)> = diags
        .iter()
        .filter(|d| d.rule.code() == "JAM003")
        .map(|d| {
            (
                text[..d.span.start].matches('\n').count() + 1,
                d.related.len(),
            )
        })
        .collect();
    // Line 5 with one related mention, line 9 (a sub-heading's section), line 11
    // (a labelled paragraph is a section of its own).
    assert_eq!(got, [(5, 1), (9, 0), (11, 0)]);
}

#[test]
fn suppressed_and_counted_mentions_take_no_part() {
    // The first mention is suppressed: the next one is the finding.
    let text = case("<!-- arendelint-disable-next-line JAM003 -->\nEleverna väntar.\n\nEleverna svarar. Eleverna går.");
    let d: Vec<String> = lint(&text)
        .iter()
        .filter(|d| d.rule.code() == "JAM003")
        .map(|d| {
            format!(
                "{} +{}",
                text[..d.span.start].matches('\n').count() + 1,
                d.related.len()
            )
        })
        .collect();
    assert_eq!(d, ["8 +1"]);
    // A counted noun is not a mention: it neither opens nor ends a group.
    assert_eq!(
        grouped("Skolan har 312 elever. Eleverna trivs. Av 120 elever var 60 flickor och 60 pojkar. Eleverna svarar."),
        ["Eleverna [Eleverna]"]
    );
}

#[test]
fn one_fix_settles_the_section() {
    let text = case("Patienterna väntar länge. Patienterna klagar. Alla patienter får svar.");
    let diags = lint(&text);
    let jam003: Vec<_> = diags.iter().filter(|d| d.rule.code() == "JAM003").collect();
    assert_eq!(jam003.len(), 1);
    assert_eq!(jam003[0].related.len(), 2);
    let (fixed, applied) = crate::common::fix(&text, false);
    assert_eq!(applied, 1);
    assert!(fixed.contains("Patienterna (kvinnor och män) väntar länge. Patienterna klagar."));
    assert!(
        lint(&fixed).is_empty(),
        "{:?}",
        describe(&fixed, &lint(&fixed))
    );
}

/// Found by fuzzing (fuzz/REPORT.md): the fixed first *alla* ("alla (kvinnor och
/// män, flickor och pojkar)") was no mention at all, so it did not end the group
/// and the next *alla* of the section became a new finding.
#[test]
fn fixing_the_first_alla_settles_the_section() {
    let text = case("Det gäller alla. Sedan alla som vill. Och för alla.");
    let diags = lint(&text);
    let jam003: Vec<_> = diags.iter().filter(|d| d.rule.code() == "JAM003").collect();
    assert_eq!(jam003.len(), 1);
    assert_eq!(jam003[0].related.len(), 2);
    let (fixed, applied) = arendelint_core::report::apply_fixes(&text, &diags, false);
    assert_eq!(applied, 1);
    assert!(fixed
        .contains("Det gäller alla (kvinnor och män, flickor och pojkar). Sedan alla som vill."));
    assert!(
        lint(&fixed).is_empty(),
        "{:?}",
        describe(&fixed, &lint(&fixed))
    );
    // "alla (" in an ungendered sentence is still no mention about people.
    assert!(findings("JAM003", "Det gäller alla (se bilaga).").is_empty());
}

// ---- §6.16: compound group words ---------------------------------------------

#[test]
fn compound_group_words_fire_in_every_form() {
    assert_eq!(
        findings("JAM003", "Kommuninvånarna, länsinvånare, gymnasieelever, förskolebarnen, arbetssökande och kursdeltagarna."),
        ["Kommuninvånarna", "gymnasieelever", "förskolebarnen", "arbetssökande", "kursdeltagarna"]
    );
    // Grouped with their last part: kommuninvånarna and länsinvånare are invånare.
    assert_eq!(
        grouped("Kommuninvånarna, länsinvånare och stadsinvånarnas behov."),
        ["Kommuninvånarna [länsinvånare, stadsinvånarnas]"]
    );
    for word in [
        "regioninvånarnas",
        "grundskoleeleverna",
        "högstadieelevers",
        "mellanstadieelever",
        "lågstadieeleverna",
        "skolbarn",
        "småbarnens",
        "asylsökandena",
        "projektdeltagare",
    ] {
        assert_eq!(
            findings("JAM003", &format!("Det gäller {word} i år.")),
            [word],
            "{word}"
        );
    }
}

#[test]
fn other_compounds_and_singular_lookalikes_do_not_fire() {
    assert!(findings(
        "JAM003",
        "Patientsäkerhet, uppsökande verksamhet och tjänstepersoner. Varje kommuninvånare, en arbetssökande och ett förskolebarn."
    )
    .is_empty());
}

// ---- §6.20: age-aware suggestions --------------------------------------------

fn suggestion(body: &str) -> Vec<String> {
    let text = case(body);
    lint(&text)
        .iter()
        .filter(|d| d.rule.code() == "JAM003")
        .filter_map(|d| d.fix.as_ref().map(|f| f.edits[0].replacement.clone()))
        .collect()
}

#[test]
fn suggestions_follow_the_age_the_sentence_gives() {
    assert_eq!(
        suggestion("Ungdomarna över 18 år får stöd."),
        [" (unga kvinnor och män)"]
    );
    assert_eq!(
        suggestion("Eleverna, 18 år och äldre, läser vidare."),
        [" (kvinnor och män)"]
    );
    assert_eq!(
        suggestion("Ungdomar 18–25 år söker jobb."),
        [" (unga kvinnor och män)"]
    );
    assert_eq!(
        suggestion("Eleverna på Komvux är vuxna."),
        [" (kvinnor och män)"]
    );
    assert_eq!(
        suggestion("Invånarna under 18 år får kortet."),
        [" (flickor och pojkar)"]
    );
    assert_eq!(
        suggestion("Barnen 6–15 år får plats."),
        [" (flickor och pojkar)"]
    );
    // No age, or both: the default of the group.
    assert_eq!(
        suggestion("Ungdomarna får stöd."),
        [" (flickor och pojkar)"]
    );
    assert_eq!(
        suggestion("Ungdomar 16–20 år söker jobb."),
        [" (flickor och pojkar)"]
    );
    assert_eq!(
        suggestion("Invånarna får kortet."),
        [" (kvinnor och män, flickor och pojkar)"]
    );
    // A duration is not an age of the group ("i 18 år").
    assert_eq!(
        suggestion("Ungdomarna har väntat i 20 år."),
        [" (flickor och pojkar)"]
    );
}

#[test]
fn age_aware_fix_reads_well_and_clears_the_finding() {
    let text = case("Ungdomarna över 18 år får stöd. Ungdomarna söker jobb.");
    let (fixed, _) = crate::common::fix(&text, false);
    assert!(fixed.contains("Ungdomarna (unga kvinnor och män) över 18 år får stöd."));
    assert!(
        lint(&fixed).is_empty(),
        "{:?}",
        describe(&fixed, &lint(&fixed))
    );
}

// ---- §6.19: hyphen-space breaks ------------------------------------------------

#[test]
fn hyphen_space_breaks_are_joined_for_known_words_only() {
    assert_eq!(
        findings("JAM003", "Vården för patien- terna och ele- verna."),
        ["patien- terna", "ele- verna"]
    );
    // A gender term broken the same way genders the sentence.
    assert!(findings("JAM003", "Patienterna, kvin- nor och män, väntar.").is_empty());
    // Other pairs keep their hyphen: no group word appears.
    assert!(findings(
        "JAM003",
        "Barn- och ungdomsnämnden och patient- säkerheten."
    )
    .is_empty());
}
