//! The `bilan` command line. See `bilan --help`.

use anyhow::{bail, Context, Result};
use bilan::document::{DocDate, Document};
use bilan::error::{DocError, ErrorKind};
use bilan::input::{InputOptions, Reader, DEFAULT_MAX_BYTES};
use bilan::output::{self, DocRecord, Format};
use bilan::pipeline::{Pipeline, Processed};
use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

/// mimalloc: the stages allocate many small strings and vectors; against
/// glibc's malloc it takes about 17% off a batch run on one core (min user
/// time of 5 runs, 2 MB of JSONL), for twice the peak RSS (65 MB instead of 32).
#[global_allocator]
static GLOBAL: Mi = Mi;

/// [`mimalloc::MiMalloc`] without the aligned entry points for ordinary
/// alignments: mimalloc's `mi_malloc` already aligns every block to 8 bytes,
/// and `mi_malloc_aligned` costs a third more a call.
struct Mi;

/// The alignment `mi_malloc` and `mi_realloc` give every block.
const MI_ALIGN: usize = std::mem::align_of::<u64>();

// SAFETY: each call hands mimalloc's functions what they document: sizes and
// alignments from a valid `Layout`, pointers this allocator returned.
unsafe impl std::alloc::GlobalAlloc for Mi {
    #[inline]
    unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {
        if l.align() <= MI_ALIGN {
            libmimalloc_sys::mi_malloc(l.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc(l)
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, l: std::alloc::Layout) -> *mut u8 {
        if l.align() <= MI_ALIGN {
            libmimalloc_sys::mi_zalloc(l.size()).cast()
        } else {
            mimalloc::MiMalloc.alloc_zeroed(l)
        }
    }

    #[inline]
    unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {
        mimalloc::MiMalloc.dealloc(p, l)
    }

    #[inline]
    unsafe fn realloc(&self, p: *mut u8, l: std::alloc::Layout, size: usize) -> *mut u8 {
        if l.align() <= MI_ALIGN {
            libmimalloc_sys::mi_realloc(p.cast(), size).cast()
        } else {
            mimalloc::MiMalloc.realloc(p, l, size)
        }
    }
}

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
    /// Check claims against reference documents (supported, compatible, contradicted, unverified).
    Check(CheckArgs),
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

#[derive(Args)]
struct CheckArgs {
    /// Documents whose claims are checked (as for extract).
    #[arg(required_unless_present = "claims", conflicts_with = "claims")]
    paths: Vec<PathBuf>,
    /// Check the claims of this JSONL file (docs or claims format) instead of extracting.
    #[arg(long)]
    claims: Option<PathBuf>,
    /// Reference documents (files or directories).
    #[arg(long, num_args = 1.., default_value = "corpus/seeds")]
    against: Vec<PathBuf>,
    /// Output format: claims (one line per claim) or docs (extract's docs schema).
    #[arg(long, value_enum, default_value_t = Format::Claims)]
    format: Format,
    /// Write the JSONL here instead of stdout.
    #[arg(long, short = 'o')]
    output: Option<PathBuf>,
    /// Print the summary (on stderr) as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Document date for every checked document.
    #[arg(long, value_parser = parse_date)]
    doc_date: Option<DocDate>,
    /// No summary.
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Sentence-embedding model folder: adds the most similar reference
    /// sentence to each claim as evidence, with its similarity (feature `ml`).
    #[cfg(feature = "ml")]
    #[arg(long, value_name = "DIR", conflicts_with = "claims")]
    embed_model: Option<PathBuf>,
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
                // `bilan extract … | head -1`: the reader went away; not an error
                0
            } else {
                say(&format!("bilan: {e:#}"));
                2
            }
        }
    };
    std::process::exit(code);
}

/// A line on stderr; a closed stderr is not worth a panic.
fn say(msg: &str) {
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// True when `e` comes from writing into a closed pipe, also when the
/// `io::Error` was wrapped by serde_json on its way out.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    fn io_is_epipe(io: &std::io::Error) -> bool {
        io.kind() == std::io::ErrorKind::BrokenPipe
            || io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<serde_json::Error>())
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    }
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(io_is_epipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
                == Some(std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<i32> {
    match cli.command {
        Command::Extract(a) => extract(a),
        Command::Eval(a) => eval(a),
        Command::Check(a) => check(a),
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

/// A batch holds at most `--batch` documents and about this many bytes of
/// text, so memory stays flat whatever the input size.
const BATCH_BYTES: usize = 32 * 1024 * 1024;

fn doc_bytes(d: &Result<Document, DocError>) -> usize {
    d.as_ref().map_or(0, |d| d.text.len())
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
/// order, to `sink` (which returns the number of claims it wrote).
fn process_inputs(
    args: &InputArgs,
    mut sink: impl FnMut(&Result<Processed, DocError>) -> Result<usize>,
) -> Result<Summary> {
    process_batches(args, Ok, |r| sink(&r))
}

/// Reads documents in bounded batches on one thread while the previous batch
/// is processed in parallel; `render` runs on the workers (it turns a result
/// into what is written), `sink` gets the rendered results in input order.
fn process_batches<R: Send>(
    args: &InputArgs,
    render: impl Fn(Result<Processed, DocError>) -> Result<R> + Sync,
    mut sink: impl FnMut(R) -> Result<usize>,
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
    // the stages' data (lexicons, gazetteer, models) are loaded once, here, and shared
    let pipeline = build_pipeline(args)?;
    if pool.current_num_threads() > 1 {
        pool.install(|| pipeline.warm_up());
    }
    let reader = Reader::new(&args.paths, opts);
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} {pos} documents, {per_sec} [{elapsed}]")
        {
            b.set_style(style);
        }
        b
    } else {
        ProgressBar::hidden()
    };
    let mut sum = Summary::default();
    let batch = args.batch.max(1);
    std::thread::scope(|scope| -> Result<()> {
        // one batch read ahead: at most three batches alive at once
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Document, DocError>>>(1);
        scope.spawn(move || {
            let mut reader = reader;
            loop {
                let mut docs = Vec::new();
                let mut bytes = 0;
                while docs.len() < batch && bytes < BATCH_BYTES {
                    match reader.next() {
                        Some(d) => {
                            bytes += doc_bytes(&d);
                            docs.push(d);
                        }
                        None => break,
                    }
                }
                // an empty batch ends the stream; a send error means the
                // consumer stopped (closed pipe): stop reading
                let last = docs.is_empty();
                if tx.send(docs).is_err() || last {
                    return;
                }
            }
        });
        for docs in rx {
            if docs.is_empty() {
                break;
            }
            let results: Vec<(bool, Result<R>)> = pool.install(|| {
                docs.into_par_iter()
                    .map(|d| {
                        let r = d.and_then(|d| process_guarded(&pipeline, d));
                        (r.is_ok(), render(r))
                    })
                    .collect()
            });
            bar.inc(results.len() as u64);
            for (ok, r) in results {
                sum.read += 1;
                if ok {
                    sum.ok += 1;
                } else {
                    sum.failed += 1;
                }
                sum.claims += sink(r?)?;
            }
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok(sum)
}

/// Runs the pipeline on one document; a panic in a stage (a bug) becomes an
/// `internal` error record for that document instead of ending the batch.
fn process_guarded(pipeline: &Pipeline, doc: Document) -> Result<Processed, DocError> {
    let id = doc.id.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(doc))).unwrap_or_else(
        |p| {
            let what = p
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(DocError::new(
                id,
                ErrorKind::Internal,
                format!("a stage panicked (a bug in bilan, please report it): {what}"),
            ))
        },
    )
}

fn extract(a: ExtractArgs) -> Result<i32> {
    let out: Box<dyn Write> = match &a.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let format = a.format;
    let sum = process_batches(
        &a.input,
        |r| {
            // serialized on the worker threads; the main thread only copies bytes
            let mut buf = Vec::new();
            let claims = output::write_result(&mut buf, format, &r)?;
            Ok((buf, claims))
        },
        |(buf, claims)| {
            out.write_all(&buf)?;
            Ok(claims)
        },
    )?;
    out.flush()?;
    if !a.input.quiet {
        say(&format!(
            "bilan: {} documents read, {} ok, {} failed, {} claims written",
            sum.read, sum.ok, sum.failed, sum.claims
        ));
    }
    Ok(if sum.failed > 0 { 1 } else { 0 })
}

fn quiet_inputs(paths: Vec<PathBuf>, doc_date: Option<DocDate>) -> InputArgs {
    InputArgs {
        paths,
        doc_date,
        lossy: false,
        max_bytes: DEFAULT_MAX_BYTES,
        jobs: None,
        batch: 256,
        quiet: true,
        #[cfg(feature = "ml")]
        ner_model: None,
    }
}

fn check(a: CheckArgs) -> Result<i32> {
    use bilan::check::{check_claims, References, Summary};
    if a.format == Format::Mentions {
        bail!("check writes claims or docs, not mentions");
    }
    let mut refs = References::new();
    let mut bad_refs = Vec::new();
    #[cfg(feature = "ml")]
    let mut ref_docs = Vec::new();
    process_inputs(&quiet_inputs(a.against.clone(), None), |r| {
        match r {
            Ok(p) => {
                refs.add(&p.doc, &p.ann);
                #[cfg(feature = "ml")]
                if a.embed_model.is_some() {
                    ref_docs.push(p.doc.clone());
                }
            }
            Err(e) => bad_refs.push(e.to_string()),
        }
        Ok(0)
    })?;
    #[cfg(feature = "ml")]
    let embedding = match &a.embed_model {
        Some(dir) => {
            let emb = bilan::ml::Embedder::load(dir)
                .with_context(|| format!("loading the embedding model in {}", dir.display()))?;
            let index = bilan::ml::SentenceIndex::build(&emb, &ref_docs)?;
            Some((emb, index))
        }
        None => None,
    };
    for e in &bad_refs {
        eprintln!("bilan: reference skipped: {e}");
    }
    if refs.is_empty() {
        eprintln!("bilan: warning: the references give no claims: every claim will be unverified");
    }
    let out: Box<dyn Write> = match &a.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let mut summary = Summary::new(refs.len());
    let mut failed = 0;
    if let Some(path) = &a.claims {
        for mut rec in bilan::check::read_claims(path)? {
            refs.learn_places(&rec.ann);
            let date = rec.doc_date.as_deref().and_then(DocDate::parse);
            check_claims(&mut rec.ann.claims, date, &refs);
            summary.add(&rec.ann.claims);
            bilan::check::write_record(&mut out, a.format, &rec)?;
        }
    } else {
        process_inputs(&quiet_inputs(a.paths.clone(), a.doc_date), |r| match r {
            Ok(p) => {
                let mut p = p.clone();
                refs.learn_places(&p.ann);
                check_claims(&mut p.ann.claims, p.doc.doc_date, &refs);
                #[cfg(feature = "ml")]
                if let Some((emb, index)) = &embedding {
                    bilan::ml::embed::add_embedding_evidence(
                        emb,
                        index,
                        &p.doc,
                        &mut p.ann.claims,
                        bilan::ml::embed::MIN_SIMILARITY,
                    )?;
                }
                summary.add(&p.ann.claims);
                Ok(output::write_processed(&mut out, a.format, &p)?)
            }
            Err(_) => {
                failed += 1;
                Ok(output::write_result(&mut out, a.format, r)?)
            }
        })?;
    }
    out.flush()?;
    if !a.quiet {
        if a.json {
            eprintln!("{}", serde_json::to_string(&summary)?);
        } else {
            eprint!("{}", summary.table());
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

fn eval(a: EvalArgs) -> Result<i32> {
    let gold = bilan::eval::read_records(&a.gold)?;
    let pred: Vec<DocRecord> = match (&a.pred, a.paths.is_empty()) {
        (Some(p), _) => bilan::eval::read_records(p)?,
        (None, false) => {
            let args = quiet_inputs(a.paths.clone(), a.doc_date);
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
