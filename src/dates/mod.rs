//! The dates stage (first version: filled in by its own issue).

use crate::document::{Annotations, Document};
use crate::pipeline::Stage;

#[derive(Debug, Default)]
pub struct DateStage;

impl Stage for DateStage {
    fn name(&self) -> &'static str {
        "dates"
    }
    fn run(&self, _doc: &Document, _ann: &mut Annotations) {}
}
