//! Reading documents: `.txt` files (with an optional ` date YYYY-MM[-DD] `
//! prefix), JSONL files (`{"id","text","date"?,"lang"?}` per line),
//! directories (recursively, in sorted order) and `-` for stdin (JSONL when
//! its first non-blank line starts with `{`, else one text document).
//!
//! Reading is lazy: [`Reader`] is an iterator that yields one
//! `Result<Document, DocError>` per document, so a batch streams through in
//! bounded memory. A document that cannot be read becomes an error for that
//! document alone.

use crate::document::{DocDate, Document, Lang};
use crate::error::{DocError, ErrorKind};
use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Default largest document accepted (bytes).
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Options for reading.
#[derive(Debug, Clone)]
pub struct InputOptions {
    /// Overrides or supplies the document date.
    pub doc_date: Option<DocDate>,
    /// Documents larger than this become `too_large` errors.
    pub max_bytes: usize,
    /// Replace invalid UTF-8 with U+FFFD (and warn) instead of an error record.
    pub lossy: bool,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            doc_date: None,
            max_bytes: DEFAULT_MAX_BYTES,
            lossy: false,
        }
    }
}

/// Where documents come from.
enum Source {
    Text(PathBuf),
    Jsonl(PathBuf),
    /// A byte stream (stdin): JSONL when its first non-blank line starts with
    /// `{`, else one text document named after the stream.
    Stream(String, Box<dyn BufRead + Send>),
    Failed(DocError),
}

/// An open JSONL stream.
struct JsonlStream {
    name: String,
    lines: Box<dyn BufRead + Send>,
    line_no: usize,
    /// A first line already read (stream sniffing).
    pending: Option<Vec<u8>>,
}

/// Iterator over the documents of a list of paths.
pub struct Reader {
    opts: InputOptions,
    queue: VecDeque<Source>,
    current: Option<JsonlStream>,
    seen_ids: SeenIds,
}

/// The ids read so far, kept as 128-bit hashes (16 bytes an id, whatever its
/// length: a String each made the reader's memory grow by ~70 MB a million
/// documents). Two ids sharing both 64-bit halves (odds ~n²/2¹²⁹) would be
/// taken for a duplicate and renamed; nothing is ever dropped.
#[derive(Default)]
struct SeenIds(rustc_hash::FxHashSet<u128>);

impl SeenIds {
    fn key(id: &str) -> u128 {
        use std::hash::{Hash, Hasher};
        let half = |salt: u8| {
            let mut h = std::hash::DefaultHasher::new();
            salt.hash(&mut h);
            id.hash(&mut h);
            h.finish()
        };
        (u128::from(half(0)) << 64) | u128::from(half(1))
    }

    /// Remembers `id`; false when it was seen before.
    fn insert(&mut self, id: &str) -> bool {
        self.0.insert(SeenIds::key(id))
    }

    fn contains(&self, id: &str) -> bool {
        self.0.contains(&SeenIds::key(id))
    }
}

/// The largest document any option allows: offsets are kept as `u32` in
/// folded copies of the text ([`crate::text::Folded`]).
pub const MAX_DOCUMENT_BYTES: usize = u32::MAX as usize - 1;

impl InputOptions {
    /// These options with `max_bytes` within [`MAX_DOCUMENT_BYTES`].
    fn capped(mut self) -> InputOptions {
        self.max_bytes = self.max_bytes.min(MAX_DOCUMENT_BYTES);
        self
    }
}

impl Reader {
    /// Documents of `paths` in order; directories are walked in sorted order.
    pub fn new(paths: &[PathBuf], opts: InputOptions) -> Reader {
        let mut queue = VecDeque::new();
        for p in paths {
            if p.as_os_str() == "-" {
                queue.push_back(Source::Stream(
                    "stdin".into(),
                    Box::new(BufReader::new(std::io::stdin())),
                ));
            } else {
                expand(p, &mut queue, &mut HashSet::new(), true);
            }
        }
        Reader {
            opts: opts.capped(),
            queue,
            current: None,
            seen_ids: SeenIds::default(),
        }
    }

    /// Documents of one byte stream named `name` (as `-` reads stdin): JSONL
    /// when its first non-blank line starts with `{`, else one text document.
    pub fn from_stream(
        name: impl Into<String>,
        stream: Box<dyn BufRead + Send>,
        opts: InputOptions,
    ) -> Reader {
        Reader {
            opts: opts.capped(),
            queue: VecDeque::from([Source::Stream(name.into(), stream)]),
            current: None,
            seen_ids: SeenIds::default(),
        }
    }

    fn next_raw(&mut self) -> Option<Result<Document, DocError>> {
        loop {
            if let Some(stream) = self.current.as_mut() {
                match next_jsonl(stream, &self.opts) {
                    Some(r) => return Some(r),
                    None => self.current = None,
                }
            }
            match self.queue.pop_front()? {
                Source::Failed(e) => return Some(Err(e)),
                Source::Text(p) => return Some(read_text_file(&p, &self.opts)),
                Source::Jsonl(p) => match std::fs::File::open(&p) {
                    Ok(f) => {
                        self.current = Some(JsonlStream {
                            name: stem(&p),
                            lines: Box::new(BufReader::new(f)),
                            line_no: 0,
                            pending: None,
                        })
                    }
                    Err(e) => {
                        return Some(Err(DocError::new(
                            stem(&p),
                            ErrorKind::Io,
                            format!("{}: {e}", p.display()),
                        )))
                    }
                },
                Source::Stream(name, mut r) => {
                    // sniff: first non-blank line; every byte read is kept,
                    // so a text document keeps its leading blank lines
                    let limit = self.opts.max_bytes as u64 + 1;
                    let mut head = Vec::new();
                    let mut line_start;
                    let mut blank = 0;
                    loop {
                        line_start = head.len();
                        let left = limit.saturating_sub(head.len() as u64);
                        match (&mut r).take(left).read_until(b'\n', &mut head) {
                            Ok(0) => break,
                            Ok(_) if head[line_start..].trim_ascii().is_empty() => blank += 1,
                            Ok(_) => break,
                            Err(e) => {
                                return Some(Err(DocError::new(name, ErrorKind::Io, e.to_string())))
                            }
                        }
                    }
                    if head[line_start..].trim_ascii_start().starts_with(b"{") {
                        self.current = Some(JsonlStream {
                            name,
                            lines: r,
                            line_no: blank,
                            pending: Some(head.split_off(line_start)),
                        });
                        continue;
                    }
                    let mut bytes = head;
                    let left = limit.saturating_sub(bytes.len() as u64);
                    if let Err(e) = r.take(left).read_to_end(&mut bytes) {
                        return Some(Err(DocError::new(name, ErrorKind::Io, e.to_string())));
                    }
                    return Some(text_document(name, bytes, &self.opts));
                }
            }
        }
    }
}

impl Iterator for Reader {
    type Item = Result<Document, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut r = self.next_raw()?;
        // ids must be unique in a run: a repeated id is renamed, not dropped
        let id = match &r {
            Ok(d) => d.id.clone(),
            Err(e) => e.doc.clone(),
        };
        if !self.seen_ids.insert(&id) {
            let mut n = 2;
            while self.seen_ids.contains(&format!("{id}#{n}")) {
                n += 1;
            }
            let new = format!("{id}#{n}");
            match &mut r {
                Ok(d) => {
                    d.warnings
                        .push(format!("duplicate id {id:?} renamed {new:?}"));
                    d.id = new.clone();
                }
                Err(e) => e.doc = new.clone(),
            }
            self.seen_ids.insert(&new);
        }
        Some(r)
    }
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

fn is_jsonl(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("jsonl" | "ndjson")
    )
}

/// Expands a path into sources: files as they are, directories recursively
/// (only `.txt` and `.jsonl` files inside them), in sorted order.
fn expand(p: &Path, out: &mut VecDeque<Source>, visiting: &mut HashSet<PathBuf>, explicit: bool) {
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            out.push_back(Source::Failed(DocError::new(
                stem(p),
                ErrorKind::Io,
                format!("{}: {e}", p.display()),
            )));
            return;
        }
    };
    if meta.is_dir() {
        let canon = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        if !visiting.insert(canon.clone()) {
            out.push_back(Source::Failed(DocError::new(
                stem(p),
                ErrorKind::Io,
                format!(
                    "{}: directory loop (symlink back to an ancestor), skipped",
                    p.display()
                ),
            )));
            return;
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(p) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                out.push_back(Source::Failed(DocError::new(
                    stem(p),
                    ErrorKind::Io,
                    format!("{}: {e}", p.display()),
                )));
                visiting.remove(&canon);
                return;
            }
        };
        entries.sort();
        for e in entries {
            expand(&e, out, visiting, false);
        }
        visiting.remove(&canon);
    } else if is_jsonl(p) {
        out.push_back(Source::Jsonl(p.to_path_buf()));
    } else if explicit || p.extension().and_then(|e| e.to_str()) == Some("txt") {
        out.push_back(Source::Text(p.to_path_buf()));
    }
}

fn read_text_file(p: &Path, opts: &InputOptions) -> Result<Document, DocError> {
    let id = stem(p);
    let f = std::fs::File::open(p)
        .map_err(|e| DocError::new(&id, ErrorKind::Io, format!("{}: {e}", p.display())))?;
    let mut bytes = Vec::new();
    // read at most max_bytes + 1 so a huge file is not loaded whole
    f.take(opts.max_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| DocError::new(&id, ErrorKind::Io, format!("{}: {e}", p.display())))?;
    text_document(id, bytes, opts)
}

/// Checks the bytes of a text document and parses its date prefix.
pub fn text_document(
    id: String,
    bytes: Vec<u8>,
    opts: &InputOptions,
) -> Result<Document, DocError> {
    if bytes.len() > opts.max_bytes {
        return Err(DocError::new(
            id,
            ErrorKind::TooLarge,
            format!("document larger than {} bytes", opts.max_bytes),
        ));
    }
    let mut warnings = Vec::new();
    let text = decode(&id, bytes, opts.lossy, &mut warnings)?;
    let mut doc = Document::new(id, text);
    doc.warnings = warnings;
    parse_prefix(&mut doc);
    if let Some(d) = opts.doc_date {
        doc.doc_date = Some(d);
    }
    check_not_empty(&doc)?;
    Ok(doc)
}

/// UTF-8 decoding with the binary and invalid-byte checks.
fn decode(
    id: &str,
    bytes: Vec<u8>,
    lossy: bool,
    warnings: &mut Vec<String>,
) -> Result<String, DocError> {
    if looks_binary(&bytes) {
        return Err(DocError::new(
            id,
            ErrorKind::Binary,
            "the file holds binary data (NUL or control bytes), not text",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if lossy {
                warnings.push(format!("invalid UTF-8 from byte {at} replaced with U+FFFD"));
                Ok(String::from_utf8_lossy(e.as_bytes()).into_owned())
            } else {
                Err(DocError::new(
                    id,
                    ErrorKind::InvalidUtf8,
                    format!("invalid UTF-8 at byte {at} (use --lossy to replace and continue)"),
                ))
            }
        }
    }
}

/// NUL bytes, or more than 10% control bytes in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let ctrl = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && ctrl * 10 > head.len()
}

fn check_not_empty(doc: &Document) -> Result<(), DocError> {
    if doc.body().trim().is_empty() {
        let what = if doc.text.is_empty() {
            "the document is empty"
        } else {
            "the document holds only whitespace"
        };
        return Err(DocError::new(&doc.id, ErrorKind::Empty, what));
    }
    Ok(())
}

/// Parses a leading ` date YYYY-MM ` / ` date YYYY-MM-DD ` prefix. A garbled
/// one (` date 2019-13 `, ` date hier `) is skipped as header with a warning,
/// and the document keeps no date.
pub fn parse_prefix(doc: &mut Document) {
    let Some(rest) = doc.text.strip_prefix(" date ") else {
        return;
    };
    let tok_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
    let tok = &rest[..tok_len];
    let mut body = " date ".len() + tok_len;
    if doc.text[body..].starts_with(' ') {
        body += 1;
    }
    match DocDate::parse(tok) {
        Some(d) => doc.doc_date = Some(d),
        None => doc.warnings.push(format!(
            "date header {tok:?} is not YYYY-MM or YYYY-MM-DD; document date unknown"
        )),
    }
    doc.body_start = body;
}

/// Consumes the rest of a line (up to and including its newline).
fn skip_line(r: &mut Box<dyn BufRead + Send>) -> std::io::Result<()> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                r.consume(i + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                r.consume(n);
            }
        }
    }
}

fn next_jsonl(s: &mut JsonlStream, opts: &InputOptions) -> Option<Result<Document, DocError>> {
    loop {
        // read at most max_bytes + 1 of a line, so one huge line does not
        // fill the memory; the rest of it is skipped
        let limit = opts.max_bytes as u64 + 1;
        let bytes = match s.pending.take() {
            Some(l) => l,
            None => {
                let mut bytes = Vec::new();
                match (&mut s.lines).take(limit).read_until(b'\n', &mut bytes) {
                    Ok(0) => return None,
                    Ok(_) => bytes,
                    Err(e) => {
                        s.line_no += 1;
                        return Some(Err(DocError::new(
                            format!("{}:{}", s.name, s.line_no),
                            ErrorKind::Io,
                            e.to_string(),
                        )));
                    }
                }
            }
        };
        if bytes.len() as u64 >= limit && bytes.last() != Some(&b'\n') {
            s.line_no += 1;
            let id = format!("{}:{}", s.name, s.line_no);
            if let Err(e) = skip_line(&mut s.lines) {
                return Some(Err(DocError::new(id, ErrorKind::Io, e.to_string())));
            }
            return Some(Err(DocError::new(
                id,
                ErrorKind::TooLarge,
                format!("line {} larger than {} bytes", s.line_no, opts.max_bytes),
            )));
        }
        let mut warnings = Vec::new();
        let line = match String::from_utf8(bytes) {
            Ok(l) => l,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                if opts.lossy {
                    warnings.push(format!(
                        "invalid UTF-8 at byte {at} of line {} replaced with U+FFFD",
                        s.line_no + 1
                    ));
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                } else {
                    s.line_no += 1;
                    return Some(Err(DocError::new(
                        format!("{}:{}", s.name, s.line_no),
                        ErrorKind::InvalidUtf8,
                        format!(
                            "invalid UTF-8 at byte {at} of line {} (use --lossy to replace and continue)",
                            s.line_no
                        ),
                    )));
                }
            }
        };
        s.line_no += 1;
        if line.trim().is_empty() {
            continue;
        }
        return Some(
            jsonl_document(&s.name, s.line_no, &line, opts).map(|mut d| {
                d.warnings.splice(0..0, warnings);
                d
            }),
        );
    }
}

/// One JSONL line into a document.
pub fn jsonl_document(
    source: &str,
    line_no: usize,
    line: &str,
    opts: &InputOptions,
) -> Result<Document, DocError> {
    let fallback_id = format!("{source}:{line_no}");
    if line.len() > opts.max_bytes {
        return Err(DocError::new(
            fallback_id,
            ErrorKind::TooLarge,
            format!("line larger than {} bytes", opts.max_bytes),
        ));
    }
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| {
        DocError::new(
            &fallback_id,
            ErrorKind::MalformedJson,
            format!("line {line_no}: {e}"),
        )
    })?;
    let serde_json::Value::Object(mut obj) = v else {
        return Err(DocError::new(
            &fallback_id,
            ErrorKind::MalformedJson,
            format!("line {line_no}: not a JSON object"),
        ));
    };
    // fields are taken out of the parsed object, not copied
    let id = match obj.remove("id") {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => fallback_id.clone(),
    };
    let text = match obj.remove("text") {
        Some(serde_json::Value::String(s)) => s,
        Some(other) => {
            let t = match other {
                serde_json::Value::Null => "null",
                serde_json::Value::Bool(_) => "a boolean",
                serde_json::Value::Number(_) => "a number",
                serde_json::Value::Array(_) => "an array",
                _ => "an object",
            };
            return Err(DocError::new(
                id,
                ErrorKind::MalformedJson,
                format!("line {line_no}: \"text\" is {t}, not a string"),
            ));
        }
        None => {
            return Err(DocError::new(
                id,
                ErrorKind::MalformedJson,
                format!("line {line_no}: no \"text\" field"),
            ))
        }
    };
    let mut doc = Document::new(id, text);
    if let Some(d) = obj
        .get("date")
        .or_else(|| obj.get("doc_date"))
        .and_then(|d| d.as_str())
    {
        match DocDate::parse(d) {
            Some(d) => doc.doc_date = Some(d),
            None => doc.warnings.push(format!(
                "date {d:?} is not YYYY-MM or YYYY-MM-DD; document date unknown"
            )),
        }
    } else {
        parse_prefix(&mut doc);
    }
    if let Some(l) = obj.get("lang").and_then(|l| l.as_str()) {
        match Lang::from_code(l) {
            Some(l) => doc.lang = Some(l),
            None => {
                return Err(DocError::new(
                    doc.id,
                    ErrorKind::UnsupportedLanguage,
                    format!("language {l:?} given by the input is not processed"),
                ))
            }
        }
    }
    if let Some(d) = opts.doc_date {
        doc.doc_date = Some(d);
    }
    check_not_empty(&doc)?;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> InputOptions {
        InputOptions::default()
    }

    #[test]
    fn prefix_gives_the_date_and_keeps_offsets() {
        let d = text_document(
            "a".into(),
            " date 2019-11 L'armée malienne.".as_bytes().to_vec(),
            &opts(),
        )
        .unwrap();
        assert_eq!(d.doc_date.unwrap().to_string(), "2019-11");
        assert_eq!(d.body(), "L'armée malienne.");
        assert_eq!(&d.text[d.body_start..d.body_start + 1], "L");
    }

    #[test]
    fn day_prefix_and_override() {
        let mut o = opts();
        let d = text_document("a".into(), b" date 1999-05-17 Texte.".to_vec(), &o).unwrap();
        assert_eq!(d.doc_date.unwrap().to_string(), "1999-05-17");
        o.doc_date = DocDate::parse("2020-01-02");
        let d = text_document("a".into(), b" date 1999-05-17 Texte.".to_vec(), &o).unwrap();
        assert_eq!(d.doc_date.unwrap().to_string(), "2020-01-02");
    }

    #[test]
    fn garbled_prefix_warns_and_keeps_the_text() {
        for raw in [" date 2019-13 Texte.", " date hier Texte."] {
            let d = text_document("a".into(), raw.as_bytes().to_vec(), &opts()).unwrap();
            assert!(d.doc_date.is_none());
            assert_eq!(d.body(), "Texte.");
            assert_eq!(d.warnings.len(), 1);
        }
    }

    #[test]
    fn bad_bytes_are_errors() {
        let e = text_document("a".into(), vec![], &opts()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Empty);
        let e = text_document("a".into(), b"  \n\t ".to_vec(), &opts()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Empty);
        let e = text_document(
            "a".into(),
            vec![0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3],
            &opts(),
        )
        .unwrap_err();
        assert_eq!(e.kind, ErrorKind::Binary);
        let e = text_document("a".into(), b"caf\xe9 noir".to_vec(), &opts()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidUtf8);
        assert!(e.message.contains("byte 3"), "{}", e.message);
        let mut o = opts();
        o.lossy = true;
        let d = text_document("a".into(), b"caf\xe9 noir".to_vec(), &o).unwrap();
        assert_eq!(d.text, "caf\u{FFFD} noir");
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn jsonl_lines() {
        let d = jsonl_document(
            "f",
            1,
            r#"{"id":"x","text":"Bonjour.","date":"2019-11-02","lang":"fr"}"#,
            &opts(),
        )
        .unwrap();
        assert_eq!((d.id.as_str(), d.lang), ("x", Some(Lang::Fr)));
        assert_eq!(d.doc_date.unwrap().to_string(), "2019-11-02");
        let e = jsonl_document("f", 2, "{not json", &opts()).unwrap_err();
        assert_eq!((e.kind, e.doc.as_str()), (ErrorKind::MalformedJson, "f:2"));
        let e = jsonl_document("f", 3, r#"{"id":"y"}"#, &opts()).unwrap_err();
        assert_eq!((e.kind, e.doc.as_str()), (ErrorKind::MalformedJson, "y"));
        let e = jsonl_document("f", 4, r#"{"id":"z","text":42}"#, &opts()).unwrap_err();
        assert!(e.message.contains("a number"));
        let d = jsonl_document("f", 5, r#"{"text":"Sans id."}"#, &opts()).unwrap();
        assert_eq!(d.id, "f:5");
    }
}
