//! The `arendelint` command: `check`, `explain`, `rules` and `lsp`.

mod args;
mod baseline;
mod check;
mod configs;
mod errors;
mod exit;
mod explain;
mod fingerprint;
mod fix;
mod fix_write;
mod inputs;
mod load;
mod ordered;
mod output;
mod output_file;
mod progress;
mod report;
mod rules;
mod snippet;
mod terminal;
mod texts;

use args::{Cli, Command, LangArg};
use clap::Parser;
use configs::{absolute, ConfigResolver};
use exit::ExitStatus;
use std::path::Path;
use std::process::ExitCode;
use terminal::Terminal;
use texts::Texts;

// Findings are many small strings (messages, fixes, paths): mimalloc makes
// their allocation and release about half as costly as glibc's allocator.
// Not on Windows: there the language server's exit under Wine was killed
// (status -9) in one of 14 runs with it, and Windows keeps its own allocator.
#[cfg(not(windows))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e` of the
/// bundled mimalloc 3; a test checks it still holds the option's default).
#[cfg(not(windows))]
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory is returned to the system at once rather than after a second:
/// a large document's model is dropped part by part, and keeping the parts
/// would raise the peak memory by a fifth. Not for the language server, which
/// frees and takes again about the same memory at every keystroke (returning
/// it each time made a keystroke a third slower).
fn return_freed_memory_at_once() {
    // SAFETY: sets a plain integer option; mimalloc allows it at any time.
    #[cfg(not(windows))]
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Lsp = cli.command {
        // The language server owns stdin/stdout from here on.
        std::process::exit(arendelint_lsp::run_stdio());
    }
    return_freed_memory_at_once();
    let lang = cli.lang.map(|l| match l {
        LangArg::Sv => arendelint_core::Lang::Sv,
        LangArg::En => arendelint_core::Lang::En,
    });
    let resolver = ConfigResolver::new(cli.config.as_deref(), lang);
    let mut resolver = match resolver {
        Ok(resolver) => resolver,
        Err(error) => {
            // No configuration to take the language from: --lang, else Swedish.
            let texts = Texts::new(lang.unwrap_or_default());
            let terminal = Terminal::new(texts, cli.no_color);
            terminal.error(&texts.config_error(&error));
            return ExitStatus::Error.into();
        }
    };
    // The CLI's own language: --lang, else --config's, else the configuration
    // that applies in the current folder, else Swedish.
    let here_dir = absolute(Path::new("."));
    let ui_lang = lang
        .or_else(|| resolver.peek_dir(&here_dir).map(|s| s.lang))
        .unwrap_or_default();
    let terminal = Terminal::new(Texts::new(ui_lang), cli.no_color);

    let status = match &cli.command {
        Command::Check(args) => check::run(args, resolver, &terminal),
        Command::Explain(args) => explain::run(&args.rule, ui_lang, &terminal),
        Command::Rules(args) => match resolver.for_dir(&here_dir) {
            Ok(settings) => rules::run(args.format, &settings, &terminal),
            Err(()) => {
                for error in resolver.take_errors() {
                    terminal.error(&terminal.texts.config_error(&error));
                }
                ExitStatus::Error
            }
        },
        Command::Lsp => ExitStatus::Success,
    };
    status.into()
}

#[cfg(all(test, not(windows)))]
mod allocator_tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_where_main_sets_it() {
        // mimalloc 3's default purge delay is 1000 ms; another option at this
        // place would have another default (the test process never sets it).
        // SAFETY: reads a plain integer option.
        let default = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(default, 1000);
    }
}
