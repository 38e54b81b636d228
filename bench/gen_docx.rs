//! Writes `.docx` copies of Markdown cases, for the `.docx` throughput benchmark.
//!
//!     cargo run --release --example gen_docx -- IN_DIR OUT_DIR
//!
//! Every `*.md` under IN_DIR (e.g. the output of bench/gen_corpus.py)
//! becomes OUT_DIR/<name>.docx, converted by the core's test generator: ATX
//! headings become Heading N paragraphs, pipe tables Word tables, `- ` items
//! list paragraphs.

#[path = "../crates/arendelint-core/tests/docx_support/mod.rs"]
mod docx_support;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        eprintln!("usage: gen_docx IN_DIR OUT_DIR");
        return ExitCode::from(2);
    };
    match convert(Path::new(input), Path::new(output)) {
        Ok(n) => {
            println!("{n} .docx files in {output}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_docx: {e}");
            ExitCode::FAILURE
        }
    }
}

fn convert(input: &Path, output: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(output)?;
    let mut sources = Vec::new();
    collect(input, &mut sources)?;
    sources.sort();
    for source in &sources {
        let md = std::fs::read_to_string(source)?;
        let name = source.file_stem().unwrap_or_default().to_string_lossy();
        let bytes = docx_support::from_markdown(&md).to_bytes();
        std::fs::write(output.join(format!("{name}.docx")), bytes)?;
    }
    Ok(sources.len())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    Ok(())
}
