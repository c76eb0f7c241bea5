//! A small JSON Schema validator for the subset `schema/bilan.schema.json`
//! uses: type, required, properties, enum, items, oneOf, $ref to #/$defs,
//! minimum, minLength, pattern.

use serde_json::Value;

pub struct Schema {
    root: Value,
}

impl Schema {
    pub fn load() -> Schema {
        let text = std::fs::read_to_string(super::root().join("schema/bilan.schema.json"))
            .expect("schema file");
        Schema {
            root: serde_json::from_str(&text).expect("schema is JSON"),
        }
    }

    /// Errors of `v` against the root schema (empty when valid).
    pub fn validate(&self, v: &Value) -> Vec<String> {
        let mut errs = Vec::new();
        self.check(&self.root, v, "$", &mut errs);
        errs
    }

    /// Errors of `v` against `#/$defs/<def>`.
    pub fn validate_def(&self, def: &str, v: &Value) -> Vec<String> {
        let mut errs = Vec::new();
        self.check(&self.root["$defs"][def], v, "$", &mut errs);
        errs
    }

    fn check(&self, s: &Value, v: &Value, path: &str, errs: &mut Vec<String>) {
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/");
            return self.check(&self.root["$defs"][name], v, path, errs);
        }
        if let Some(alts) = s.get("oneOf").and_then(Value::as_array) {
            let ok = alts
                .iter()
                .filter(|a| {
                    let mut e = Vec::new();
                    self.check(a, v, path, &mut e);
                    e.is_empty()
                })
                .count();
            if ok != 1 {
                errs.push(format!(
                    "{path}: matches {ok} of oneOf, expected exactly 1: {v}"
                ));
            }
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            if !types.iter().any(|t| type_ok(t, v)) {
                errs.push(format!("{path}: expected {types:?}, got {v}"));
                return;
            }
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array) {
            if !e.contains(v) {
                errs.push(format!("{path}: {v} not in {e:?}"));
            }
        }
        if let (Some(min), Some(n)) = (s.get("minimum").and_then(Value::as_f64), v.as_f64()) {
            if n < min {
                errs.push(format!("{path}: {n} < {min}"));
            }
        }
        if let Some(st) = v.as_str() {
            if let Some(ml) = s.get("minLength").and_then(Value::as_u64) {
                if (st.chars().count() as u64) < ml {
                    errs.push(format!("{path}: string shorter than {ml}"));
                }
            }
            if let Some(p) = s.get("pattern").and_then(Value::as_str) {
                if !regex::Regex::new(p).unwrap().is_match(st) {
                    errs.push(format!("{path}: {st:?} does not match {p}"));
                }
            }
        }
        if let Some(obj) = v.as_object() {
            if let Some(req) = s.get("required").and_then(Value::as_array) {
                for r in req.iter().filter_map(Value::as_str) {
                    if !obj.contains_key(r) {
                        errs.push(format!("{path}: missing {r}"));
                    }
                }
            }
            if let Some(props) = s.get("properties").and_then(Value::as_object) {
                for (k, ps) in props {
                    if let Some(x) = obj.get(k) {
                        self.check(ps, x, &format!("{path}.{k}"), errs);
                    }
                }
            }
        }
        if let (Some(items), Some(arr)) = (s.get("items"), v.as_array()) {
            for (i, x) in arr.iter().enumerate() {
                self.check(items, x, &format!("{path}[{i}]"), errs);
            }
        }
    }
}

fn type_ok(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        _ => false,
    }
}
