//! The output lines written by hand, byte for byte what `serde_json` writes
//! for the same records (the serde derives in `crate::document` stay the
//! schema, and what `eval` and `check` read back).
//!
//! Why: serializing through serde costs a dozen calls a field (key, quotes,
//! separators, each through the `Formatter`) and was 6% of a whole
//! `extract --format docs` run; writing the bytes straight into the line's
//! buffer takes a third of that. What must hold, and is tested
//! (`tests` below: every field combination by proptest, and the corpus's
//! lines against serde's):
//! - strings escaped as serde_json does: `"` `\\`, `\b \f \n \r \t`, other
//!   control characters as `\u00xx` (lowercase hex), everything else as is;
//! - integers in decimal, floats through serde_json itself (its shortest
//!   round-trip form; `null` when not finite), `ser_num`'s integral floats as
//!   integers;
//! - the fields in declaration order, `skip_serializing_if` fields left out
//!   under the same conditions, enums by their serde names.
//!
//! Adding a field to a record means adding it here too: the proptest fails
//! until the two agree.

use crate::document::{
    ActorMention, ActorType, Anchor, Annotations, Claim, ClaimKind, DateMention, DateType,
    Evidence, NumberMention, Outcome, PlaceMention, Sentence, SlotSource, Span, Verdict, Victims,
};

/// A key as [`Obj::key`] takes it: `k!("start")` is `,"start":`, one copy.
macro_rules! k {
    ($name:literal) => {
        concat!(",\"", $name, "\":")
    };
}
pub(crate) use k;

/// A JSON object being written: `{`, then `key` before each value, then `end`.
pub(crate) struct Obj<'a> {
    pub out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    pub fn new(out: &'a mut Vec<u8>) -> Obj<'a> {
        out.push(b'{');
        Obj { out, first: true }
    }

    /// Writes the separator and the key, `key` as [`k!`] makes it (`,"name":`);
    /// the value is written next.
    #[inline(always)]
    pub fn key(&mut self, key: &'static str) -> &mut Vec<u8> {
        let key = if self.first { &key[1..] } else { key };
        self.first = false;
        self.out.extend_from_slice(key.as_bytes());
        self.out
    }

    /// `"key":value` for any [`Json`] value, `key` as [`k!`] makes it.
    #[inline(always)]
    pub fn field<T: Json + ?Sized>(&mut self, key: &'static str, value: &T) {
        value.write(self.key(key));
    }

    pub fn end(self) {
        self.out.push(b'}');
    }
}

/// A value written as JSON.
pub(crate) trait Json {
    fn write(&self, out: &mut Vec<u8>);
}

/// A record whose fields are written into an enclosing object (what
/// `#[serde(flatten)]` does).
pub(crate) trait Fields {
    fn fields(&self, o: &mut Obj<'_>);
}

/// serde_json's escape for each byte: 0 none, `u` as `\u00xx`, else the
/// letter after the backslash.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

/// `s` as a JSON string.
pub(crate) fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let e = ESCAPE[usize::from(b)];
        if e == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..i]);
        if e == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', e]);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// An unsigned integer in decimal (itoa, as serde_json).
pub(crate) fn uint(out: &mut Vec<u8>, v: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// A float as serde_json writes it (`null` when not finite).
fn float(out: &mut Vec<u8>, v: f64) {
    // rare next to strings and offsets: serde_json's own formatting keeps it exact
    let _ = serde_json::to_writer(&mut *out, &v);
}

/// A number as [`crate::document::ser_num`] writes it: integral values as integers.
fn num(out: &mut Vec<u8>, v: f64) {
    match crate::document::as_integer(v) {
        Some(i) => out.extend_from_slice(itoa::Buffer::new().format(i).as_bytes()),
        None => float(out, v),
    }
}

/// `Option<f64>` with `ser_opt_num`.
fn opt_num(out: &mut Vec<u8>, v: Option<f64>) {
    match v {
        Some(v) => num(out, v),
        None => out.extend_from_slice(b"null"),
    }
}

impl Json for str {
    fn write(&self, out: &mut Vec<u8>) {
        string(out, self);
    }
}

impl Json for String {
    fn write(&self, out: &mut Vec<u8>) {
        string(out, self);
    }
}

impl Json for usize {
    fn write(&self, out: &mut Vec<u8>) {
        uint(out, *self as u64);
    }
}

impl Json for u64 {
    fn write(&self, out: &mut Vec<u8>) {
        uint(out, *self);
    }
}

impl Json for bool {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

impl Json for f64 {
    fn write(&self, out: &mut Vec<u8>) {
        float(out, *self);
    }
}

impl<T: Json + ?Sized> Json for &T {
    fn write(&self, out: &mut Vec<u8>) {
        (**self).write(out);
    }
}

impl<T: Json> Json for Option<T> {
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Some(v) => v.write(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl<T: Json> Json for [T] {
    fn write(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        for (i, v) in self.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            v.write(out);
        }
        out.push(b']');
    }
}

impl<T: Json> Json for Vec<T> {
    fn write(&self, out: &mut Vec<u8>) {
        self.as_slice().write(out);
    }
}

/// Records written as objects of their [`Fields`].
macro_rules! json_object {
    ($($t:ty),*) => {$(
        impl Json for $t {
            fn write(&self, out: &mut Vec<u8>) {
                let mut o = Obj::new(out);
                self.fields(&mut o);
                o.end();
            }
        }
    )*};
}

json_object!(
    Sentence,
    DateMention,
    NumberMention,
    PlaceMention,
    ActorMention,
    Claim,
    Evidence
);

/// Unit enums by their serde names.
macro_rules! json_name {
    ($t:ty { $($v:ident => $s:literal),* $(,)? }) => {
        impl Json for $t {
            fn write(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(match self { $(<$t>::$v => concat!("\"", $s, "\"").as_bytes()),* });
            }
        }
    };
}

json_name!(Anchor { Absolute => "absolute", Document => "document", Event => "event", None => "none" });
json_name!(DateType { Date => "DATE", Time => "TIME", Duration => "DURATION", Set => "SET" });
json_name!(ActorType {
    Person => "person",
    Military => "military",
    ArmedGroup => "armed_group",
    Government => "government",
    International => "international",
    Media => "media",
    Other => "other",
});
json_name!(ClaimKind { Casualties => "casualties", Attack => "attack" });
json_name!(Outcome {
    Killed => "killed",
    Wounded => "wounded",
    Missing => "missing",
    Survivors => "survivors",
    Captured => "captured",
    Displaced => "displaced",
});
json_name!(Victims {
    Soldiers => "soldiers",
    Civilians => "civilians",
    Attackers => "attackers",
    Peacekeepers => "peacekeepers",
    People => "people",
});
json_name!(SlotSource { Sentence => "sentence", Document => "document" });
json_name!(Verdict {
    Supported => "supported",
    Compatible => "compatible",
    Contradicted => "contradicted",
    Unverified => "unverified",
});

impl Fields for Sentence {
    fn fields(&self, o: &mut Obj<'_>) {
        o.field(k!("start"), &self.start);
        o.field(k!("end"), &self.end);
    }
}

impl Fields for Span {
    fn fields(&self, o: &mut Obj<'_>) {
        o.field(k!("text"), &self.text);
        o.field(k!("start"), &self.start);
        o.field(k!("end"), &self.end);
        o.field(k!("sentence"), &self.sentence);
    }
}

impl Fields for DateMention {
    fn fields(&self, o: &mut Obj<'_>) {
        self.span.fields(o);
        o.field(k!("value"), &self.value);
        o.field(k!("type"), &self.kind);
        // `anchor` is never skipped when written (`is_gold_anchor` is false)
        o.field(k!("anchor"), &self.anchor);
        if !self.grain.is_empty() {
            o.field(k!("grain"), &self.grain);
        }
        if let Some(m) = &self.modifier {
            o.field(k!("mod"), m);
        }
        if !self.alt.is_empty() {
            o.field(k!("alt"), &self.alt);
        }
    }
}

impl Fields for NumberMention {
    fn fields(&self, o: &mut Obj<'_>) {
        self.span.fields(o);
        num(o.key(k!("value")), self.value);
        opt_num(o.key(k!("min")), self.min);
        opt_num(o.key(k!("max")), self.max);
        o.field(k!("approx"), &self.approx);
        o.field(k!("unit"), &self.unit);
    }
}

impl Fields for PlaceMention {
    fn fields(&self, o: &mut Obj<'_>) {
        self.span.fields(o);
        o.field(k!("name"), &self.name);
        o.field(k!("country"), &self.country);
        o.field(k!("lat"), &self.lat);
        o.field(k!("lon"), &self.lon);
        if let Some(g) = &self.geonames_id {
            o.field(k!("geonames_id"), g);
        }
        if let Some(k) = &self.kind {
            o.field(k!("kind"), k);
        }
        if let Some(p) = &self.parent {
            o.field(k!("parent"), p);
        }
        o.field(k!("resolved"), &self.resolved);
    }
}

impl Fields for ActorMention {
    fn fields(&self, o: &mut Obj<'_>) {
        self.span.fields(o);
        o.field(k!("name"), &self.name);
        o.field(k!("type"), &self.kind);
        if let Some(c) = &self.country {
            o.field(k!("country"), c);
        }
        if let Some(r) = &self.role {
            o.field(k!("role"), r);
        }
        if self.source {
            o.field(k!("source"), &true);
        }
    }
}

impl Fields for Evidence {
    fn fields(&self, o: &mut Obj<'_>) {
        o.field(k!("doc"), &self.doc);
        o.field(k!("sentence"), &self.sentence);
        o.field(k!("text"), &self.text);
        opt_num(o.key(k!("count")), self.count);
        opt_num(o.key(k!("min")), self.min);
        opt_num(o.key(k!("max")), self.max);
        o.field(k!("revised"), &self.revised);
        if let Some(s) = &self.similarity {
            o.field(k!("similarity"), s);
        }
    }
}

impl Fields for Claim {
    fn fields(&self, o: &mut Obj<'_>) {
        o.field(k!("kind"), &self.kind);
        if let Some(v) = &self.outcome {
            o.field(k!("outcome"), v);
        }
        if let Some(v) = &self.victims {
            o.field(k!("victims"), v);
        }
        for (key, v) in [
            (k!("count"), self.count),
            (k!("min"), self.min),
            (k!("max"), self.max),
        ] {
            if v.is_some() {
                opt_num(o.key(key), v);
            }
        }
        o.field(k!("approx"), &self.approx);
        o.field(k!("place"), &self.place);
        if let Some(v) = &self.place_from {
            o.field(k!("place_from"), v);
        }
        o.field(k!("date"), &self.date);
        if let Some(v) = &self.date_from {
            o.field(k!("date_from"), v);
        }
        o.field(k!("source"), &self.source);
        if let Some(v) = &self.perpetrator {
            o.field(k!("perpetrator"), v);
        }
        if let Some(v) = &self.target {
            o.field(k!("target"), v);
        }
        if self.revision {
            o.field(k!("revision"), &true);
        }
        if self.revised {
            o.field(k!("revised"), &true);
        }
        o.field(k!("sentence"), &self.sentence);
        o.field(k!("start"), &self.start);
        o.field(k!("end"), &self.end);
        o.field(k!("text"), &self.text);
        if let Some(v) = &self.verdict {
            o.field(k!("verdict"), v);
        }
        if !self.evidence.is_empty() {
            o.field(k!("evidence"), &self.evidence);
        }
    }
}

impl Fields for Annotations {
    fn fields(&self, o: &mut Obj<'_>) {
        o.field(k!("dates"), &self.dates);
        o.field(k!("numbers"), &self.numbers);
        o.field(k!("places"), &self.places);
        o.field(k!("actors"), &self.actors);
        o.field(k!("claims"), &self.claims);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;

    fn ours<T: Json>(v: &T) -> String {
        let mut out = Vec::new();
        v.write(&mut out);
        String::from_utf8(out).expect("utf-8")
    }

    fn theirs<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).expect("json")
    }

    /// Strings with what JSON escapes, accents, and other scripts.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Zéèàç0-9 ,.'«»\"\\\\\\x00-\\x1f\\x7f\u{2028}\u{1F600}-]{0,24}",
            any::<String>(),
        ]
    }

    fn opt_text() -> impl Strategy<Value = Option<String>> {
        prop::option::of(text())
    }

    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            (-1_000_000i64..1_000_000).prop_map(|v| v as f64),
            any::<f64>(),
            Just(9.0e15),
            Just(-9.0e15 + 1.0),
            Just(0.5),
            Just(-0.0),
            Just(1e300),
        ]
    }

    fn span() -> impl Strategy<Value = Span> {
        (text(), any::<usize>(), any::<usize>(), any::<usize>()).prop_map(
            |(text, start, end, sentence)| Span {
                text,
                start,
                end,
                sentence,
            },
        )
    }

    fn anchor() -> impl Strategy<Value = Anchor> {
        prop_oneof![
            Just(Anchor::Absolute),
            Just(Anchor::Document),
            Just(Anchor::Event),
            Just(Anchor::None)
        ]
    }

    fn date_type() -> impl Strategy<Value = DateType> {
        prop_oneof![
            Just(DateType::Date),
            Just(DateType::Time),
            Just(DateType::Duration),
            Just(DateType::Set)
        ]
    }

    fn actor_type() -> impl Strategy<Value = ActorType> {
        prop_oneof![
            Just(ActorType::Person),
            Just(ActorType::Military),
            Just(ActorType::ArmedGroup),
            Just(ActorType::Government),
            Just(ActorType::International),
            Just(ActorType::Media),
            Just(ActorType::Other),
        ]
    }

    fn outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            Just(Outcome::Killed),
            Just(Outcome::Wounded),
            Just(Outcome::Missing),
            Just(Outcome::Survivors),
            Just(Outcome::Captured),
            Just(Outcome::Displaced),
        ]
    }

    fn victims() -> impl Strategy<Value = Victims> {
        prop_oneof![
            Just(Victims::Soldiers),
            Just(Victims::Civilians),
            Just(Victims::Attackers),
            Just(Victims::Peacekeepers),
            Just(Victims::People),
        ]
    }

    fn slot() -> impl Strategy<Value = Option<SlotSource>> {
        prop::option::of(prop_oneof![
            Just(SlotSource::Sentence),
            Just(SlotSource::Document)
        ])
    }

    fn verdict() -> impl Strategy<Value = Option<Verdict>> {
        prop::option::of(prop_oneof![
            Just(Verdict::Supported),
            Just(Verdict::Compatible),
            Just(Verdict::Contradicted),
            Just(Verdict::Unverified),
        ])
    }

    fn evidence() -> impl Strategy<Value = Evidence> {
        (
            text(),
            any::<usize>(),
            text(),
            prop::option::of(number()),
            prop::option::of(number()),
            prop::option::of(number()),
            any::<bool>(),
            prop::option::of(number()),
        )
            .prop_map(
                |(doc, sentence, text, count, min, max, revised, similarity)| Evidence {
                    doc,
                    sentence,
                    text,
                    count,
                    min,
                    max,
                    revised,
                    similarity,
                },
            )
    }

    fn claim() -> impl Strategy<Value = Claim> {
        let head = (
            prop_oneof![Just(ClaimKind::Casualties), Just(ClaimKind::Attack)],
            prop::option::of(outcome()),
            prop::option::of(victims()),
            prop::option::of(number()),
            prop::option::of(number()),
            prop::option::of(number()),
            any::<bool>(),
            opt_text(),
            slot(),
            opt_text(),
            slot(),
        );
        let tail = (
            opt_text(),
            opt_text(),
            opt_text(),
            any::<bool>(),
            any::<bool>(),
            span(),
            verdict(),
            prop::collection::vec(evidence(), 0..3),
        );
        (head, tail).prop_map(
            |(
                (
                    kind,
                    outcome,
                    victims,
                    count,
                    min,
                    max,
                    approx,
                    place,
                    place_from,
                    date,
                    date_from,
                ),
                (source, perpetrator, target, revision, revised, span, verdict, evidence),
            )| Claim {
                kind,
                outcome,
                victims,
                count,
                min,
                max,
                approx,
                place,
                place_from,
                date,
                date_from,
                source,
                perpetrator,
                target,
                revision,
                revised,
                sentence: span.sentence,
                start: span.start,
                end: span.end,
                text: span.text,
                verdict,
                evidence,
            },
        )
    }

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_json_does(s in text()) {
            prop_assert_eq!(ours(&s), theirs(&s));
        }

        #[test]
        fn numbers_are_written_as_ser_num_does(v in number(), o in prop::option::of(number())) {
            let n = NumberMention {
                span: Span::default(),
                value: v,
                min: o,
                max: None,
                approx: false,
                unit: None,
            };
            prop_assert_eq!(ours(&n), theirs(&n));
            prop_assert_eq!(ours(&v), theirs(&v));
        }

        #[test]
        fn dates_are_written_as_serde_does(
            span in span(), value in text(), kind in date_type(), anchor in anchor(),
            grain in text(), modifier in opt_text(), alt in prop::collection::vec(text(), 0..3),
        ) {
            let d = DateMention { span, value, kind, anchor, grain, modifier, alt };
            prop_assert_eq!(ours(&d), theirs(&d));
        }

        #[test]
        fn numbers_places_actors_are_written_as_serde_does(
            span in span(), value in number(), min in prop::option::of(number()),
            max in prop::option::of(number()), approx in any::<bool>(), unit in opt_text(),
            name in text(), country in opt_text(), lat in prop::option::of(number()),
            lon in prop::option::of(number()), geonames_id in prop::option::of(any::<u64>()),
            kind in opt_text(), parent in opt_text(), resolved in any::<bool>(),
            actor_type in actor_type(), role in opt_text(), source in any::<bool>(),
        ) {
            let n = NumberMention { span: span.clone(), value, min, max, approx, unit };
            prop_assert_eq!(ours(&n), theirs(&n));
            let p = PlaceMention {
                span: span.clone(), name: name.clone(), country: country.clone(), lat, lon,
                geonames_id, kind, parent, resolved,
            };
            prop_assert_eq!(ours(&p), theirs(&p));
            let a = ActorMention { span, name, kind: actor_type, country, role, source };
            prop_assert_eq!(ours(&a), theirs(&a));
        }

        #[test]
        fn claims_are_written_as_serde_does(c in claim()) {
            prop_assert_eq!(ours(&c), theirs(&c));
            let s = Sentence { start: c.start, end: c.end };
            prop_assert_eq!(ours(&s), theirs(&s));
        }
    }

    #[test]
    fn integers_at_the_edges() {
        for v in [0u64, 9, 10, 99, 100, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(ours(&v), theirs(&v));
        }
        for v in [
            0.0,
            -1.0,
            -12.0,
            8.999_999_999_999_998e15,
            -8.999_999_999_999_998e15,
        ] {
            let mut out = Vec::new();
            num(&mut out, v);
            let mut want = Vec::new();
            crate::document::ser_num(&v, &mut serde_json::Serializer::new(&mut want))
                .expect("json");
            assert_eq!(out, want, "{v}");
        }
    }
}
