//! `cargo bench -p arendelint-core --bench rules` (criterion): the engine on a
//! ~100 KB case, for the document model and for each rule.
//!
//! * `model`: every rule off. What is left is the parse into the document
//!   model (tokens, sentences, headings, sections, tables), the per-document
//!   facts and JAM004's scan, which always runs because its counted nouns
//!   silence JAM003 (docs/rules.md §6.14).
//! * `rule/JAMnnn`: only that rule on. Its own cost is the difference to `model`.
//! * `all`: the default configuration.
//! * `linter_new/default`, `linter_new/extended`: building a linter (the rule
//!   data with the defaults, and with an organisation's extra heading
//!   pattern and group word), what a language server pays per configuration.
//!
//! Two cases: `realistic` (the bundled examples repeated to ~100 KB as one
//! document) and `dense` (sections whose sentences repeat "patienterna" and
//! "312 patienter", as bench/gen_dense.py writes them).

use arendelint_core::{Config, Input, Linter, Rule, SourceKind};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const SIZE: usize = 100 * 1000;

fn realistic() -> String {
    let parts = [
        include_str!("../../../examples/brister-i-arende.md"),
        include_str!("../../../examples/exemplariskt-arende.md"),
    ];
    let mut text = String::new();
    let mut n = 0;
    while text.len() < SIZE {
        text.push_str(parts[n % parts.len()]);
        text.push_str("\n\n");
        n += 1;
    }
    text
}

fn dense() -> String {
    let mut text = String::from("# Ärende: Väntetider vid vårdcentralen\n\n");
    let mut n = 0;
    while text.len() < SIZE {
        n += 1;
        text.push_str(&format!(
            "## Avsnitt {n}\n\nPatienterna fick vänta länge på besked. Under året hade \
             mottagningen 312 patienter i kö. Enligt uppföljningen var patienterna nöjda med \
             bemötandet. Av de 312 patienter som svarade ville många ha tider på kvällen.\n\n"
        ));
    }
    text
}

fn linter(only: Option<Option<Rule>>) -> Option<Linter> {
    let mut config = Config::default();
    if let Some(only) = only {
        for rule in Rule::all() {
            if Some(rule) != only {
                config.set_severity(rule, None);
            } else if config.severity(rule).is_none() {
                // A rule that is off by default is measured as a warning.
                config.set_severity(rule, Some(arendelint_core::Severity::Warning));
            }
        }
    }
    Linter::new(&config).ok()
}

fn bench(c: &mut Criterion) {
    for (name, text) in [("realistic", realistic()), ("dense", dense())] {
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(20);
        group.warm_up_time(std::time::Duration::from_millis(500));
        group.measurement_time(std::time::Duration::from_secs(2));
        let mut variants: Vec<(String, Option<Option<Rule>>)> =
            vec![("model".into(), Some(None)), ("all".into(), None)];
        variants.extend(
            Rule::all()
                .filter(|r| r.code().starts_with("JAM"))
                .map(|r| (format!("rule/{}", r.code()), Some(Some(r)))),
        );
        for (label, only) in variants {
            let Some(linter) = linter(only) else {
                continue;
            };
            group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
                b.iter(|| {
                    let report = linter.check(&Input::text(black_box(text), SourceKind::Markdown));
                    black_box(report.map(|r| r.diagnostics.len()).unwrap_or(0))
                })
            });
        }
        group.finish();
    }
}

fn bench_linter_new(c: &mut Criterion) {
    let mut group = c.benchmark_group("linter_new");
    group.sample_size(20);
    let mut extended = Config::default();
    extended
        .extra_gender_headings
        .push(r"^konsekvenser för (kvinnor|flickor)".into());
    extended.goal_names.push("Jämställd vård".into());
    for (label, config) in [("default", Config::default()), ("extended", extended)] {
        group.bench_function(label, |b| {
            b.iter(|| black_box(Linter::new(black_box(&config)).is_ok()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench, bench_linter_new);
criterion_main!(benches);
