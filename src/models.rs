//! Language knowledge as data. Every lexicon, word list and gazetteer is a
//! readable file under `models/`, compiled into the binary with
//! `include_str!` and parsed once on first use.
//!
//! ## Layout
//! - `models/fr/`, `models/en/`: one folder per language, the same file names
//!   in each (`abbreviations.txt`, `months.tsv`, …).
//! - `models/*.tsv`: language-neutral data (gazetteer, actors lexicon).
//!
//! ## Adding a language
//! Add a variant to [`crate::Lang`], copy `models/en/` to `models/<code>/`,
//! translate each file, and add the new folder's files to [`lang_file`].
//!
//! ## File format
//! UTF-8 text; `#` starts a comment line; blank lines are skipped. Tables are
//! tab-separated with a header line naming the columns.

use crate::Lang;

macro_rules! lang_files {
    ($($name:literal),* $(,)?) => {
        /// The content of `models/<lang>/<name>`, or `None` when no such file is bundled.
        pub fn lang_file(lang: Lang, name: &str) -> Option<&'static str> {
            match (lang, name) {
                $(
                    (Lang::Fr, $name) => Some(include_str!(concat!("../models/fr/", $name))),
                    (Lang::En, $name) => Some(include_str!(concat!("../models/en/", $name))),
                )*
                _ => None,
            }
        }
    };
}

lang_files!("abbreviations.txt");

/// Non-comment, non-blank lines of a data file, trimmed.
pub fn lines(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Rows of a TSV data file: comment and blank lines skipped, the header
/// (the first remaining line) dropped; each row split on tabs.
pub fn tsv_rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_file() {
        for lang in [Lang::Fr, Lang::En] {
            assert!(lang_file(lang, "abbreviations.txt").is_some_and(|s| !s.is_empty()));
        }
        assert!(lang_file(Lang::Fr, "nope.txt").is_none());
    }

    #[test]
    fn tsv_skips_comments_and_header() {
        let rows: Vec<_> = tsv_rows("# c\nname\tx\n\na\t1\nb\t2\n").collect();
        assert_eq!(rows, vec![vec!["a", "1"], vec!["b", "2"]]);
    }
}
