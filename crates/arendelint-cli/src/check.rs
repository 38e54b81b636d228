//! `arendelint check`: collect documents, lint them in parallel, report.

use crate::args::{CheckArgs, CheckFormat, FailOn};
use crate::configs::{absolute, ConfigResolver};
use crate::exit::ExitStatus;
use crate::inputs::{self, display_path, Problem};
use crate::output;
use crate::report::{CheckedFile, Report};
use crate::terminal::Terminal;
use arendelint_core::{Severity, SourceKind};
use rayon::prelude::*;
use std::io::Read;
use std::path::Path;

pub fn run(args: &CheckArgs, mut resolver: ConfigResolver, terminal: &Terminal) -> ExitStatus {
    let texts = terminal.texts;
    let fixer = crate::fix::Fixer::from_args(args, texts);
    if fixer.is_none() && streams(args) {
        return run_streamed(args, resolver, terminal);
    }
    let (mut results, mut problems) = if args.stdin {
        let (file, problems) = check_stdin(args, &mut resolver, terminal);
        (file.into_iter().collect(), problems)
    } else {
        let (jobs, problems) = inputs::collect(&args.paths, &mut resolver, texts);
        let loader = loader(args, jobs.len(), terminal);
        let (files, read_problems): (Vec<_>, Vec<_>) = jobs
            .par_iter()
            .map(|job| {
                let file = loader.check(job)?;
                Ok(match &fixer {
                    Some(fixer) => fixer.apply(&job.path, job.kind, &job.settings.linter, file),
                    None => file,
                })
            })
            .partition(Result::is_ok);
        loader.finish();
        let mut problems = problems;
        problems.extend(read_problems.into_iter().filter_map(Result::err));
        (
            files.into_iter().filter_map(Result::ok).collect::<Vec<_>>(),
            problems,
        )
    };
    for error in resolver.take_errors() {
        problems.push(Problem {
            display: texts.config_location(&error),
            message: texts.config_problem(&error),
        });
    }

    let mut notices = Vec::new();
    let mut diffs = None;
    if let Some(fixer) = fixer {
        let diff_mode = fixer.mode() == crate::fix::Mode::Diff;
        let finished = fixer.finish();
        problems.extend(finished.problems);
        notices.push(finished.notice);
        diffs = diff_mode.then_some(finished.diffs);
    }
    let (baseline_problems, notice) = crate::baseline::apply_args(
        args.baseline.as_deref(),
        args.write_baseline.as_deref(),
        &mut results,
        texts,
    );
    problems.extend(baseline_problems);
    notices.extend(notice);

    problems.sort();
    for problem in &problems {
        terminal.error(&format!("{}: {}", problem.display, problem.message));
    }
    if results.is_empty() && problems.is_empty() && args.format == CheckFormat::Human {
        terminal.warning(texts.no_files());
    }

    let mut report = Report::new(results);
    report.agenda = args.agenda;
    let rendered = output::render(args.format, &report, texts, args.quiet);
    let mut output_failed = false;
    if let Some(diffs) = diffs {
        // --diff: the diff is the output; the findings are as before.
        terminal.print_plain(&diffs);
    } else if let Some(path) = &args.output {
        if let Err(e) = crate::output_file::write_report(path, &rendered) {
            terminal.error(&texts.output_error(&display_path(path), &e));
            output_failed = true;
        }
    } else if rendered.styled {
        terminal.print_styled(&rendered.text);
    } else {
        terminal.print_plain(&rendered.text);
    }
    if args.stats {
        let stats = output::stats::render(&report, texts);
        if args.format == CheckFormat::Human && args.output.is_none() {
            terminal.print_plain(&stats);
        } else {
            eprint!("{stats}");
        }
    }
    for notice in &notices {
        terminal.notice(notice);
    }

    if !problems.is_empty() || output_failed {
        ExitStatus::Error
    } else if fails(report.worst(), args.fail_on) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}

/// Whether this run's report can be written file by file: a format that
/// streams, onto stdout, with nothing that needs the whole run first (a
/// baseline, `--stats`, `--output`'s atomic replace, stdin's single file).
/// The loader for `files` files with the options of `check`.
fn loader<'a>(args: &CheckArgs, files: usize, terminal: &'a Terminal) -> crate::load::Loader<'a> {
    crate::load::Loader::new(args.agenda, args.max_file_size, args.quiet, files, terminal)
}

fn streams(args: &CheckArgs) -> bool {
    !(args.stdin
        || args.baseline.is_some()
        || args.write_baseline.is_some()
        || args.stats
        || args.output.is_some())
        && matches!(
            args.format,
            CheckFormat::Human | CheckFormat::Json | CheckFormat::Sarif
        )
}

/// `check` with the report streamed: files are checked in parallel and written
/// in the report's order (sorted by path) as soon as each one's turn comes,
/// through a buffered writer; a file's text and findings are dropped once
/// written. Gives the same bytes on stdout as rendering the whole report.
fn run_streamed(args: &CheckArgs, mut resolver: ConfigResolver, terminal: &Terminal) -> ExitStatus {
    use std::io::{IsTerminal, Write};
    let texts = terminal.texts;
    let (mut jobs, mut problems) = inputs::collect(&args.paths, &mut resolver, texts);
    // The order of `Report::new` (a stable sort by the path shown).
    jobs.sort_by(|a, b| a.display.cmp(&b.display));
    let loader = loader(args, jobs.len(), terminal);
    // The progress bar is on stderr; clear it around writes only when both
    // share a terminal.
    let share_terminal = std::io::stdout().is_terminal();
    let (mut out, colored) = terminal.stdout_writer(args.format == CheckFormat::Human);
    let Some(mut emitter) = output::emitter(args.format, texts, args.quiet, args.agenda, !colored)
    else {
        return ExitStatus::Error;
    };
    let mut summary = crate::report::Summary::default();
    // A closed pipe (`arendelint check | head`) is not an error: stop writing,
    // keep counting for the exit code.
    let mut writing = emitter.begin(&mut out).is_ok();
    // Enough finished files for both threads to keep busy while one is written.
    let window = 4 * rayon::current_num_threads().max(1);
    crate::ordered::for_each_ordered(
        &jobs,
        window,
        |job| loader.check(job),
        |result| match result {
            Ok(file) => {
                summary.add(&file);
                if writing {
                    let written = if share_terminal {
                        loader.suspend(|| emitter.file(&mut out, &file).and_then(|()| out.flush()))
                    } else {
                        emitter.file(&mut out, &file)
                    };
                    writing = written.is_ok();
                }
            }
            Err(problem) => problems.push(problem),
        },
    );
    loader.finish();
    if writing {
        let _ = emitter.end(&mut out, &summary).and_then(|()| out.flush());
    }
    drop(out);

    for error in resolver.take_errors() {
        problems.push(Problem {
            display: texts.config_location(&error),
            message: texts.config_problem(&error),
        });
    }
    problems.sort();
    for problem in &problems {
        terminal.error(&format!("{}: {}", problem.display, problem.message));
    }
    if summary.files == 0 && problems.is_empty() && args.format == CheckFormat::Human {
        terminal.warning(texts.no_files());
    }
    if !problems.is_empty() {
        ExitStatus::Error
    } else if fails(summary.worst(), args.fail_on) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}

/// Whether the most severe finding reaches the `--fail-on` level.
fn fails(worst: Option<Severity>, fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
        FailOn::Never => return false,
    };
    worst.is_some_and(|w| w >= threshold)
}

/// `--stdin`: one document, named by `--stdin-filename` (default `<stdin>`, Markdown).
fn check_stdin(
    args: &CheckArgs,
    resolver: &mut ConfigResolver,
    terminal: &Terminal,
) -> (Option<CheckedFile>, Vec<Problem>) {
    let texts = terminal.texts;
    let name = args.stdin_filename.as_deref();
    let display = name.map_or_else(|| "<stdin>".to_string(), |n| display_path(Path::new(n)));
    let problem = |message: String| {
        (
            None,
            vec![Problem {
                display: display.clone(),
                message,
            }],
        )
    };
    let kind = match name {
        Some(name) => match SourceKind::from_path(name) {
            Some(kind) => kind,
            None => {
                let ext = Path::new(name)
                    .extension()
                    .map(|e| e.to_string_lossy().into_owned());
                return problem(texts.unsupported_file(ext.as_deref()));
            }
        },
        None => SourceKind::Markdown,
    };
    let settings = match name {
        Some(name) => resolver.for_file(&absolute(Path::new(name))),
        None => resolver.for_dir(&absolute(Path::new("."))),
    };
    // A broken configuration is reported by the caller from the resolver.
    let Ok(settings) = settings else {
        return (None, Vec::new());
    };
    // Bounded: `--stdin < /dev/zero` must end, with a message.
    let mut bytes = Vec::new();
    let limit = args.max_file_size;
    if let Err(e) = std::io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
    {
        return problem(texts.stdin_error(&e));
    }
    if bytes.len() as u64 > limit {
        return problem(texts.size_limit(limit));
    }
    let hidden = crate::progress::Progress::hidden();
    match crate::load::check_bytes(
        display.clone(),
        bytes,
        kind,
        &settings.linter,
        args.agenda,
        terminal,
        &hidden,
    ) {
        Ok(file) => (Some(file), Vec::new()),
        Err(message) => problem(message),
    }
}
