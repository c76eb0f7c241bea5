//! The places stage (first version: filled in by its own issue).

use crate::document::{Annotations, Document};
use crate::pipeline::Stage;

#[derive(Debug, Default)]
pub struct PlaceStage;

impl Stage for PlaceStage {
    fn name(&self) -> &'static str {
        "places"
    }
    fn run(&self, _doc: &Document, _ann: &mut Annotations) {}
}
