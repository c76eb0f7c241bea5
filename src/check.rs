//! `bilan check`: claims checked against reference documents (see issue 7).
