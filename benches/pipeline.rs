//! Criterion benches: each stage alone (via `Pipeline::stages()`, on
//! documents already split and annotated by the stages before it), language
//! detection + sentence splitting, and the whole pipeline, on the corpus and
//! on a large corpus generated at bench time from the corpus texts (not
//! committed). Throughput is in words (whitespace-separated tokens), so
//! criterion's `elem/s` reads as words per second.
//!
//! `cargo bench` — or `cargo bench -- pipeline/large` for one group.
//! `BILAN_BENCH_MB` sets the size of the generated corpus (default 8 MB).

use bilan::document::{Annotations, Document};
use bilan::input::{InputOptions, Reader};
use bilan::pipeline::Pipeline;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Duration;

/// The corpus documents, read as the CLI reads them (the `.txt` files of
/// `corpus/`; its gold JSONL files hold no `text` and come out as errors).
fn corpus() -> Vec<Document> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    Reader::new(&[dir], InputOptions::default())
        .filter_map(Result::ok)
        .collect()
}

/// About `mb` MB of documents: the corpus texts repeated, each copy its own document.
fn large(corpus: &[Document], mb: usize) -> Vec<Document> {
    let mut out = Vec::new();
    let mut bytes = 0;
    let mut i = 0;
    while bytes < mb * 1_000_000 {
        let mut d = corpus[i % corpus.len()].clone();
        d.id = format!("{}-{i}", d.id);
        bytes += d.text.len();
        out.push(d);
        i += 1;
    }
    out
}

fn words(docs: &[Document]) -> u64 {
    docs.iter()
        .map(|d| d.body().split_whitespace().count() as u64)
        .sum()
}

fn benches(c: &mut Criterion) {
    let pipeline = Pipeline::new();
    let docs = corpus();
    assert!(!docs.is_empty(), "no corpus texts");
    let n_words = words(&docs);

    // documents after language detection and sentence splitting, and the
    // annotations of the stages before each stage
    let bare = Pipeline::with_stages(Vec::new());
    let prepared: Vec<Document> = docs
        .iter()
        .filter_map(|d| bare.process(d.clone()).ok().map(|p| p.doc))
        .collect();

    let mut g = c.benchmark_group("corpus");
    g.throughput(Throughput::Elements(n_words));
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("language", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| bilan::language::detect(d.body()).map(|x| x.confidence))
                .collect::<Vec<_>>()
        })
    });
    let splitter = bilan::sentences::Splitter::default();
    g.bench_function("sentences", |b| {
        b.iter(|| {
            prepared
                .iter()
                .map(|d| splitter.split(d).len())
                .sum::<usize>()
        })
    });
    g.bench_function("language+sentences", |b| {
        b.iter_batched(
            || docs.clone(),
            |ds| ds.into_iter().map(|d| bare.process(d)).collect::<Vec<_>>(),
            BatchSize::SmallInput,
        )
    });
    for (i, stage) in pipeline.stages().iter().enumerate() {
        let before: Vec<Annotations> = prepared
            .iter()
            .map(|d| {
                let mut ann = Annotations::default();
                for s in &pipeline.stages()[..i] {
                    s.run(d, &mut ann);
                }
                ann
            })
            .collect();
        g.bench_function(format!("stage/{}", stage.name()), |b| {
            b.iter_batched(
                || before.clone(),
                |mut anns| {
                    for (d, a) in prepared.iter().zip(anns.iter_mut()) {
                        stage.run(d, a);
                    }
                    anns
                },
                BatchSize::SmallInput,
            )
        });
    }
    g.bench_function("pipeline", |b| {
        b.iter_batched(
            || docs.clone(),
            |ds| {
                ds.into_iter()
                    .map(|d| pipeline.process(d))
                    .collect::<Vec<_>>()
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();

    let mb = std::env::var("BILAN_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let big = large(&docs, mb);
    let mut g = c.benchmark_group(format!("large-{mb}MB"));
    g.throughput(Throughput::Elements(words(&big)));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("pipeline/1-thread", |b| {
        b.iter_batched(
            || big.clone(),
            |ds| {
                ds.into_iter()
                    .map(|d| pipeline.process(d))
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });
    g.bench_function("pipeline/all-cores", |b| {
        b.iter_batched(
            || big.clone(),
            |ds| {
                ds.into_par_iter()
                    .map(|d| pipeline.process(d))
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(bench, benches);
criterion_main!(bench);
