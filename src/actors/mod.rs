//! The actors stage (first version: filled in by its own issue).

use crate::document::{Annotations, Document};
use crate::pipeline::Stage;

#[derive(Debug, Default)]
pub struct ActorStage;

impl Stage for ActorStage {
    fn name(&self) -> &'static str {
        "actors"
    }
    fn run(&self, _doc: &Document, _ann: &mut Annotations) {}
}
