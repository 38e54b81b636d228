//! JAM004 `non-disaggregated-statistics`.

use crate::common::findings;

#[test]
fn counts() {
    assert_eq!(
        findings("JAM004", "Under 2023 vårdades 312 patienter."),
        ["312 patienter"]
    );
    assert_eq!(
        findings("JAM004", "Badet hade 4 500 unika besökare."),
        ["4 500 unika besökare"]
    );
    assert_eq!(
        findings("JAM004", "Badet hade 4\u{a0}500 besökare."),
        ["4\u{a0}500 besökare"]
    );
    assert_eq!(
        findings("JAM004", "I snitt 12,5 deltagare per kurs."),
        ["12,5 deltagare"]
    );
    assert_eq!(
        findings("JAM004", "Det gäller 10–15 deltagare."),
        ["10–15 deltagare"]
    );
    assert_eq!(
        findings("JAM004", "Det blev 12 fall per 1 000 invånare."),
        ["12 fall per 1 000 invånare"]
    );
    assert_eq!(
        findings("JAM004", "Ett 300-tal patienter väntar."),
        ["300-tal patienter"]
    );
    assert_eq!(
        findings("JAM004", "Orten hade 1950 invånare."),
        ["1950 invånare"]
    );
    assert_eq!(
        findings("JAM004", "2023 fick 318 elever stöd."),
        ["318 elever"]
    );
}

#[test]
fn shares_and_antal_phrases() {
    assert_eq!(
        findings("JAM004", "Hela 45 procent av eleverna svarade."),
        ["45 procent"]
    );
    assert_eq!(
        findings("JAM004", "Av invånarna svarade 12 % ja."),
        ["12 %"]
    );
    assert_eq!(
        findings("JAM004", "Antalet brukare ökade med 120 under 2023."),
        ["Antalet brukare ökade med 120"]
    );
    // (b) and (c) together are one finding with the (c) span.
    assert_eq!(
        findings("JAM004", "Andelen invånare som svarade var 12 procent."),
        ["Andelen invånare som svarade var 12"]
    );
    // A share after the group word ends the span; ages and durations are no figures.
    assert_eq!(
        findings(
            "JAM004",
            "Andelen patienter över 80 år som vårdas hemma var 34 procent 2023."
        ),
        ["Andelen patienter över 80 år som vårdas hemma var 34"]
    );
    assert_eq!(
        findings(
            "JAM004",
            "Antalet patienter som väntat mer än 90 dagar är 120."
        ),
        ["Antalet patienter som väntat mer än 90 dagar är 120"]
    );
    // No figure after the group word: the nearest before.
    assert_eq!(
        findings("JAM004", "Med 40 nya platser ökar antalet elever."),
        ["40 nya platser ökar antalet elever"]
    );
    // A share that is not about people.
    assert!(findings("JAM004", "Kostnaden motsvarar 1,4 procent av budgeten.").is_empty());
}

#[test]
fn never_figures() {
    for sentence in [
        "Beslutet gäller från 2025 för patienter.",
        "Under 2022–2023 fick patienter vänta.",
        "Mötet den 12 mars för besökare.",
        "Öppet kl. 18 för besökare.",
        "Öppet 18.00 för besökare.",
        "Enligt § 12 patienter ska.",
        "Ärendet Dnr RS 2023/123 gäller patienter.",
        "Ärendet 2021-00456 gäller patienter.",
        "Enligt SFS 2017:725 för patienter.",
        "Avgiften är 100 kronor för barn.",
        "Totalt 3 miljoner kronor för patienter.",
        "Se sidan 4 om patienter.",
        "Ring telefon 08-123 456 till patienter.",
        "Fjällby blir den 4:e stationen för patienter.",
    ] {
        assert!(findings("JAM004", sentence).is_empty(), "{sentence}");
    }
}

#[test]
fn breakdowns_by_sex_silence_the_figure_and_its_noun() {
    let body = "Mottagningen hade 312 patienter. Av dessa var 180 kvinnor och 132 män.";
    assert!(findings("JAM004", body).is_empty());
    assert!(findings("JAM003", body).is_empty());
    assert!(findings(
        "JAM004",
        "Mottagningen hade 312 patienter (180 kvinnor och 132 män)."
    )
    .is_empty());
    assert!(findings("JAM004", "Bland 312 kvinnor och män som är patienter.").is_empty());
    // A next sentence that is not gendered does not help.
    assert_eq!(
        findings(
            "JAM004",
            "Mottagningen hade 312 patienter. Av dessa var 40 nya."
        ),
        ["312 patienter"]
    );
}

#[test]
fn tables() {
    let table = "| Kommun | Invånare | Andel nöjda |\n|---|---:|---:|\n| Norrby | 38 400 | 88 |\n";
    assert_eq!(
        findings("JAM004", table),
        ["| Kommun | Invånare | Andel nöjda |"]
    );
    let by_sex = "| Grupp | Kvinnor | Män |\n|---|---:|---:|\n| Deltagare | 12 | 10 |\n";
    assert!(findings("JAM004", by_sex).is_empty());
    let k_m = "| Deltagare | K | M |\n|---|---:|---:|\n| Kurs A | 12 | 10 |\n";
    assert!(findings("JAM004", k_m).is_empty());
    let kon = "| Kön | Deltagare |\n|---|---:|\n| Kvinna | 12 |\n";
    assert!(findings("JAM004", kon).is_empty());
    let first_column = "| Grupp | 2023 |\n|---|---:|\n| Patienter | 12 |\n| Män 65+ | 3 |\n";
    assert!(findings("JAM004", first_column).is_empty());
    let no_group = "| Post | Kostnad |\n|---|---:|\n| Hyra | 12 |\n";
    assert!(findings("JAM004", no_group).is_empty());
    // Group words only in body cells: no finding (and table cells never get JAM003).
    let body_cells = "| Punkt | Beslut |\n|---|---|\n| 12 | Stöd till patienter |\n";
    assert!(findings("JAM004", body_cells).is_empty());
    assert!(findings("JAM003", body_cells).is_empty());
}

// ---- §6.18: the size of a place ------------------------------------------------

#[test]
fn the_size_of_a_place_is_not_a_figure_about_people() {
    for body in [
        "Stödet går till kommuner med över 100 000 invånare.",
        "Det är en ort på 3 000 invånare.",
        "Tätorter med fler än 200 invånare får en busshållplats.",
        "Glesbygdskommuner med färre än 8 000 medborgare får bidrag.",
        "Byn om cirka 40 invånare har ingen affär.",
        "En stadsdel med ca. 12 000 invånare.",
    ] {
        assert!(findings("JAM004", body).is_empty(), "JAM004 on {body}");
        assert!(findings("JAM003", body).is_empty(), "JAM003 on {body}");
    }
}

#[test]
fn people_counted_near_a_place_are_still_counts() {
    // Not after a place word and med/på/om: a count about people.
    assert_eq!(
        findings("JAM004", "Kommunen har 45 000 invånare."),
        ["45 000 invånare"]
    );
    assert_eq!(
        findings("JAM004", "Kommunen nådde 300 invånare med utskicket."),
        ["300 invånare"]
    );
    // Only invånare and medborgare give the size of a place.
    assert_eq!(
        findings("JAM004", "En skola med 300 elever."),
        ["300 elever"]
    );
}
