//! `cargo bench -p arendelint-core`: throughput of the engine alone (no I/O),
//! over the bundled examples repeated to about 10 MB, in one document per case
//! and as one large document. Prints MB/s (best of several rounds).

use arendelint_core::{Config, Input, Linter, Mode, SourceKind};
use std::time::{Duration, Instant};

const CASES: &[(&str, SourceKind)] = &[
    (
        include_str!("../../../examples/brister-i-arende.md"),
        SourceKind::Markdown,
    ),
    (
        include_str!("../../../examples/exemplariskt-arende.md"),
        SourceKind::Markdown,
    ),
    (
        include_str!("../../../examples/saknar-jamstalldhet.txt"),
        SourceKind::PlainText,
    ),
];

fn measure(label: &str, bytes: usize, mut round: impl FnMut() -> usize) {
    let mut best = Duration::MAX;
    let mut findings = 0;
    for _ in 0..5 {
        let start = Instant::now();
        findings = round();
        best = best.min(start.elapsed());
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "{label:<40} {mb:7.2} MB  {:8.1} ms  {:7.1} MB/s  {findings} findings",
        best.as_secs_f64() * 1e3,
        mb / best.as_secs_f64()
    );
}

fn main() {
    let linter = match Linter::new(&Config::default()) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("rule data: {e}");
            std::process::exit(1);
        }
    };
    let per_case: usize = CASES.iter().map(|(t, _)| t.len()).sum();
    let repeats = 10_000_000 / per_case + 1;

    measure(
        "many small documents (examples × N)",
        per_case * repeats,
        || {
            let mut n = 0;
            for _ in 0..repeats {
                for (text, kind) in CASES {
                    n += linter
                        .check(&Input::text(text, *kind))
                        .map_or(0, |r| r.diagnostics.len());
                }
            }
            n
        },
    );

    let big: String = (0..repeats)
        .map(|_| CASES[0].0)
        .collect::<Vec<_>>()
        .join("\n\n");
    measure("one large Markdown document", big.len(), || {
        linter
            .check(&Input::text(&big, SourceKind::Markdown))
            .map_or(0, |r| r.diagnostics.len())
    });

    let agenda: String = (0..repeats)
        .map(|i| {
            format!(
                "## § {i} Ärende\n\n{}",
                CASES[0].0.replace("\n# ", "\n### ")
            )
        })
        .collect();
    measure(
        "one large agenda (check, agenda mode)",
        agenda.len(),
        || {
            linter
                .check(&Input::text(&agenda, SourceKind::Markdown).with_mode(Mode::Agenda))
                .map_or(0, |r| r.diagnostics.len())
        },
    );
}
