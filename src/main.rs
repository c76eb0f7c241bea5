//! The `bilan` command line. See `bilan --help`.

use anyhow::{bail, Context, Result};
use bilan::document::DocDate;
use bilan::error::DocError;
use bilan::input::{InputOptions, Reader, DEFAULT_MAX_BYTES};
use bilan::output::{self, DocRecord, Format};
use bilan::pipeline::{Pipeline, Processed};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "bilan",
    version,
    about = "Turns French and English news into normalized, checkable claims (JSONL)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract dates, numbers, places, actors and claims from documents.
    Extract(ExtractArgs),
    /// Score extraction against gold annotations.
    Eval(EvalArgs),
}

#[derive(Args, Clone)]
struct InputArgs {
    /// Files (.txt, .jsonl), directories (read recursively, sorted) or - for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Document date (YYYY-MM or YYYY-MM-DD) for every document; overrides the prefix.
    #[arg(long, value_parser = parse_date)]
    doc_date: Option<DocDate>,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of an error record.
    #[arg(long)]
    lossy: bool,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Worker threads (default: all cores). Output is identical whatever the count.
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Documents per batch: memory is bounded by one batch.
    #[arg(long, default_value_t = 256)]
    batch: usize,
    /// No progress bar and no summary line.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// BERT token-classification model folder: adds the places and actors it
    /// finds that the rules missed (feature `ml`).
    #[cfg(feature = "ml")]
    #[arg(long, value_name = "DIR")]
    ner_model: Option<PathBuf>,
}

#[derive(Args)]
struct ExtractArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Claims)]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct EvalArgs {
    /// Gold annotations (JSONL in the docs format).
    #[arg(long)]
    gold: PathBuf,
    /// Predictions (JSONL in the docs format); without it, PATHs are extracted first.
    #[arg(long, conflicts_with = "paths")]
    pred: Option<PathBuf>,
    /// Documents to extract and score (default: none; give --pred or paths).
    paths: Vec<PathBuf>,
    /// Document date for every document.
    #[arg(long, value_parser = parse_date)]
    doc_date: Option<DocDate>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// List false positives and misses per document.
    #[arg(long)]
    errors: bool,
    /// Score only these categories (comma-separated: dates,numbers,places,actors,claims), for
    /// gold sets that annotate only some (the French TimeBank has dates only).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
}

fn parse_date(s: &str) -> Result<DocDate, String> {
    DocDate::parse(s).ok_or_else(|| format!("{s:?} is not a date YYYY-MM or YYYY-MM-DD"))
}

fn main() {
    let cli = Cli::parse();
    let code = match run(cli) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                0
            } else {
                eprintln!("bilan: {e:#}");
                2
            }
        }
    };
    std::process::exit(code);
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Extract(a) => extract(a),
        Command::Eval(a) => eval(a),
    }
}

/// Totals of a batch run.
#[derive(Default)]
struct Summary {
    read: usize,
    ok: usize,
    failed: usize,
    claims: usize,
}

/// The default pipeline, with the NER stage before claims when asked for.
fn build_pipeline(_args: &InputArgs) -> Result<Pipeline> {
    #[allow(unused_mut)]
    let mut pipeline = Pipeline::new();
    #[cfg(feature = "ml")]
    if let Some(dir) = &_args.ner_model {
        let stage = bilan::ml::NerStage::load(dir)
            .with_context(|| format!("loading the NER model in {}", dir.display()))?;
        pipeline.insert_before("claims", Box::new(stage));
    }
    Ok(pipeline)
}

/// Reads, processes in parallel batches and hands each result, in input
/// order, to `sink`.
fn process_inputs(
    args: &InputArgs,
    mut sink: impl FnMut(&Result<Processed, DocError>) -> Result<usize>,
) -> Result<Summary> {
    let opts = InputOptions {
        doc_date: args.doc_date,
        max_bytes: args.max_bytes,
        lossy: args.lossy,
    };
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(j) = args.jobs {
        if j == 0 {
            bail!("--jobs must be at least 1");
        }
        builder = builder.num_threads(j);
    }
    let pool = builder.build().context("starting worker threads")?;
    let pipeline = build_pipeline(args)?;
    let mut reader = Reader::new(&args.paths, opts);
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{spinner} {pos} documents, {per_sec} [{elapsed}]")
                .unwrap(),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    let mut sum = Summary::default();
    let batch = args.batch.max(1);
    loop {
        let docs: Vec<_> = reader.by_ref().take(batch).collect();
        if docs.is_empty() {
            break;
        }
        let results: Vec<Result<Processed, DocError>> = pool.install(|| {
            docs.into_par_iter()
                .map(|d| d.and_then(|d| pipeline.process(d)))
                .collect()
        });
        for r in &results {
            sum.read += 1;
            match r {
                Ok(_) => sum.ok += 1,
                Err(_) => sum.failed += 1,
            }
            sum.claims += sink(r)?;
        }
        bar.inc(results.len() as u64);
    }
    bar.finish_and_clear();
    Ok(sum)
}

fn extract(a: ExtractArgs) -> Result<i32> {
    let out: Box<dyn Write> = match &a.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let sum = process_inputs(&a.input, |r| {
        Ok(output::write_result(&mut out, a.format, r)?)
    })?;
    out.flush()?;
    if !a.input.quiet {
        eprintln!(
            "bilan: {} documents read, {} ok, {} failed, {} claims written",
            sum.read, sum.ok, sum.failed, sum.claims
        );
    }
    Ok(if sum.failed > 0 { 1 } else { 0 })
}

fn eval(a: EvalArgs) -> Result<i32> {
    let gold = bilan::eval::read_records(&a.gold)?;
    let pred: Vec<DocRecord> = match (&a.pred, a.paths.is_empty()) {
        (Some(p), _) => bilan::eval::read_records(p)?,
        (None, false) => {
            let args = InputArgs {
                paths: a.paths.clone(),
                doc_date: a.doc_date,
                lossy: false,
                max_bytes: DEFAULT_MAX_BYTES,
                jobs: None,
                batch: 256,
                quiet: true,
                #[cfg(feature = "ml")]
                ner_model: None,
            };
            let mut recs = Vec::new();
            process_inputs(&args, |r| {
                if let Ok(p) = r {
                    recs.push(DocRecord::from_processed(p));
                }
                Ok(0)
            })?;
            recs
        }
        (None, true) => bail!("give --pred FILE or the documents to extract"),
    };
    let mut report = bilan::eval::evaluate(&gold, &pred);
    if !a.only.is_empty() {
        for c in &a.only {
            if !["dates", "numbers", "places", "actors", "claims"].contains(&c.as_str()) {
                bail!("--only: unknown category {c:?}");
            }
        }
        report.keep_only(&a.only);
    }
    let mut out = std::io::stdout().lock();
    if a.json {
        let mut v = report.to_json();
        if a.errors {
            v["errors"] = serde_json::to_value(&report.errors)?;
        }
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
    } else {
        write!(out, "{}", report.table())?;
        if a.errors {
            let mut last = "";
            for m in &report.errors {
                if m.doc != last {
                    writeln!(out, "\n## {}", m.doc)?;
                    last = &m.doc;
                }
                writeln!(
                    out,
                    "{:<3} {:<14} {:?} → {}",
                    m.error, m.category, m.text, m.key
                )?;
            }
        }
    }
    Ok(0)
}
