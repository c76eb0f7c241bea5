//! The numbers stage (first version: filled in by its own issue).

use crate::document::{Annotations, Document};
use crate::pipeline::Stage;

#[derive(Debug, Default)]
pub struct NumberStage;

impl Stage for NumberStage {
    fn name(&self) -> &'static str {
        "numbers"
    }
    fn run(&self, _doc: &Document, _ann: &mut Annotations) {}
}
