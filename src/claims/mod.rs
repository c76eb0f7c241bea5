//! The claims stage (first version: filled in by its own issue).

use crate::document::{Annotations, Document};
use crate::pipeline::Stage;

#[derive(Debug, Default)]
pub struct ClaimStage;

impl Stage for ClaimStage {
    fn name(&self) -> &'static str {
        "claims"
    }
    fn run(&self, _doc: &Document, _ann: &mut Annotations) {}
}
