//! The pipeline: language detection, sentence splitting, then the extraction
//! stages in order. Each stage implements [`Stage`], a small interface over
//! the shared [`Document`] and the [`Annotations`] found so far, so a stage can
//! be run and tested alone.

use crate::document::{Annotations, Document, Lang};
use crate::error::DocError;
use crate::{actors, claims, dates, language, numbers, places, sentences};

/// One extraction stage. Stages run in order; each may read what earlier
/// stages found (numbers skip spans taken by dates, claims read everything).
pub trait Stage: Send + Sync {
    /// A short name (`dates`, `numbers`, …) used in benches and errors.
    fn name(&self) -> &'static str;
    /// Appends this stage's findings for `doc` to `ann`.
    fn run(&self, doc: &Document, ann: &mut Annotations);
}

/// A document after the pipeline.
#[derive(Debug, Clone)]
pub struct Processed {
    pub doc: Document,
    pub ann: Annotations,
}

/// The whole chain. Build it once and share it across threads.
pub struct Pipeline {
    splitter: sentences::Splitter,
    stages: Vec<Box<dyn Stage>>,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline::new()
    }
}

impl Pipeline {
    /// The default chain: dates, numbers, places, actors, claims.
    pub fn new() -> Pipeline {
        Pipeline::with_stages(vec![
            Box::new(dates::DateStage),
            Box::new(numbers::NumberStage),
            Box::new(places::PlaceStage),
            Box::new(actors::ActorStage),
            Box::new(claims::ClaimStage::default()),
        ])
    }

    /// A chain of custom stages after language detection and sentence splitting.
    pub fn with_stages(stages: Vec<Box<dyn Stage>>) -> Pipeline {
        Pipeline {
            splitter: sentences::Splitter::default(),
            stages,
        }
    }

    /// The stages, in order.
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// Inserts `stage` before the stage named `before` (last when there is none).
    pub fn insert_before(&mut self, before: &str, stage: Box<dyn Stage>) {
        let at = self
            .stages
            .iter()
            .position(|s| s.name() == before)
            .unwrap_or(self.stages.len());
        self.stages.insert(at, stage);
    }

    /// Loads every stage's data (lexicons, gazetteer, compiled rules) now, the
    /// stages side by side on the current rayon pool, so start-up takes the
    /// time of the slowest stage rather than of all of them in a row.
    pub fn warm_up(&self) {
        use rayon::prelude::*;
        let samples = [
            (
                Lang::Fr,
                "Le 1er novembre, au moins 53 soldats maliens ont été tués à Gao, selon l'AFP.",
            ),
            (
                Lang::En,
                "On Nov. 1, at least 53 Malian soldiers were killed in Gao, AFP said.",
            ),
        ];
        self.stages.par_iter().for_each(|stage| {
            for (lang, text) in samples {
                let mut doc = Document::new("warm-up", text);
                doc.lang = Some(lang);
                doc.sentences = self.splitter.split(&doc);
                stage.run(&doc, &mut Annotations::default());
            }
        });
    }

    /// Detects the language (unless given), splits sentences and runs every stage.
    pub fn process(&self, mut doc: Document) -> Result<Processed, DocError> {
        language::detect_document(&mut doc)?;
        doc.sentences = self.splitter.split(&doc);
        let mut ann = Annotations::default();
        for stage in &self.stages {
            stage.run(&doc, &mut ann);
        }
        // documents wait for their batch to be written: not with their fold
        doc.drop_fold();
        ann.sort();
        Ok(Processed { doc, ann })
    }
}
