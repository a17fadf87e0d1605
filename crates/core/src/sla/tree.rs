//! The one reader of the SLA file formats (policies, the policy index, business calendars):
//! they are read from a parsed JSON document, a [`JsonTree`], rather than by serde derives.
//!
//! The SLA embed hands its policy to the browser's own `JSON.parse` (free, already in every
//! browser) instead of shipping a JSON parser and serde's generated code in its 80 KB bundle;
//! the calculator and the native tools parse text with `serde_json` into a
//! [`serde_json::Value`] (`tree::parse`), which implements the trait too. Either way the same
//! readers check every member (required fields, defaults, unknown fields refused) and report
//! each problem at its JSON path, e.g. `targets[2].first_response.amount: expected a whole
//! number`, before the same validation runs.

use std::collections::BTreeMap;

use crate::error::{parse_json, FieldErrors, Problems};

/// A parsed JSON value, as the SLA file readers need it.
pub trait JsonTree: Sized {
    /// The member `name` of an object; `None` when absent (or not an object).
    fn field(&self, name: &str) -> Option<Self>;
    /// Whether the value is `null`.
    fn is_null(&self) -> bool;
    /// The value as a string, if it is one.
    fn string(&self) -> Option<String>;
    /// The value as a number, if it is one.
    fn number(&self) -> Option<f64>;
    /// The value as a boolean, if it is one.
    fn boolean(&self) -> Option<bool>;
    /// The items of an array, if it is one.
    fn items(&self) -> Option<Vec<Self>>;
    /// The members of an object in document order, if it is one.
    fn entries(&self) -> Option<Vec<(String, Self)>>;
}

/// `text`, the JSON file `file`, as a tree for the readers; a syntax error is the file's one
/// problem, at the path where the text stops making sense, with its line and column.
pub(crate) fn parse(file: &str, text: &str) -> Result<serde_json::Value, FieldErrors> {
    parse_json(file, text).map_err(FieldErrors::from)
}

/// A document `serde_json` parsed: how the calculator and the native tools read SLA files.
impl JsonTree for serde_json::Value {
    fn field(&self, name: &str) -> Option<Self> {
        self.as_object()?.get(name).cloned()
    }
    fn is_null(&self) -> bool {
        self.is_null()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        Some(
            self.as_object()?
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    }
}

/// `path.key`, or `key` at the top.
pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Reads one JSON object's members, recording problems for `p` at their paths.
pub(crate) struct Object<'a, T> {
    value: &'a T,
    path: &'a str,
}

impl<'a, T: JsonTree> Object<'a, T> {
    /// `value` at `path`, which must be an object with no members but `fields`.
    pub(crate) fn new(
        value: &'a T,
        path: &'a str,
        fields: &[&str],
        p: &mut Problems,
    ) -> Option<Object<'a, T>> {
        let Some(entries) = value.entries() else {
            p.add(path, "expected an object");
            return None;
        };
        for (name, _) in entries {
            if !fields.contains(&name.as_str()) {
                p.add(
                    join(path, &name),
                    format!("unknown field (expected {})", fields.join(", ")),
                );
            }
        }
        Some(Object { value, path })
    }

    /// The path of member `name`.
    pub(crate) fn path(&self, name: &str) -> String {
        join(self.path, name)
    }

    /// Member `name`, `None` when absent or `null`.
    pub(crate) fn get(&self, name: &str) -> Option<T> {
        self.value.field(name).filter(|v| !v.is_null())
    }

    /// A required member, recording it as missing otherwise.
    pub(crate) fn required(&self, name: &str, p: &mut Problems) -> Option<T> {
        let value = self.value.field(name);
        if value.is_none() {
            p.add(self.path(name), "missing");
        }
        value
    }

    /// A required string member (empty when missing or not a string, with the problem noted).
    pub(crate) fn string(&self, name: &str, p: &mut Problems) -> String {
        self.required(name, p)
            .map(|v| as_string(&v, &self.path(name), p))
            .unwrap_or_default()
    }

    /// An optional string member.
    pub(crate) fn optional_string(&self, name: &str, p: &mut Problems) -> Option<String> {
        self.get(name).map(|v| as_string(&v, &self.path(name), p))
    }

    /// A required whole-number member (0 when missing or not a whole number, with the problem
    /// noted).
    pub(crate) fn whole(&self, name: &str, p: &mut Problems) -> i64 {
        self.required(name, p)
            .map_or(0, |v| as_whole(&v, &self.path(name), p))
    }

    /// An optional whole-number member.
    pub(crate) fn optional_whole(&self, name: &str, p: &mut Problems) -> Option<i64> {
        self.get(name).map(|v| as_whole(&v, &self.path(name), p))
    }

    /// An optional `true`/`false` member.
    pub(crate) fn optional_bool(&self, name: &str, p: &mut Problems) -> Option<bool> {
        self.get(name).map(|v| {
            v.boolean().unwrap_or_else(|| {
                p.add(self.path(name), "expected true or false");
                false
            })
        })
    }

    /// An optional object member, each value read by `read` at `path.key` (empty when absent).
    pub(crate) fn entries<R>(
        &self,
        name: &str,
        p: &mut Problems,
        read: impl Fn(&T, &str, &mut Problems) -> R,
    ) -> Vec<(String, R)> {
        match self.value.field(name) {
            None => Vec::new(),
            Some(value) => entries(&value, &self.path(name), p, read),
        }
    }

    /// An optional list member, each item read by `read` (empty when absent).
    pub(crate) fn list<R>(
        &self,
        name: &str,
        p: &mut Problems,
        read: impl Fn(&T, &str, &mut Problems) -> R,
    ) -> Vec<R> {
        match self.value.field(name) {
            None => Vec::new(),
            Some(value) => list(&value, &self.path(name), p, read),
        }
    }
}

/// `value` as a string.
pub(crate) fn as_string<T: JsonTree>(value: &T, path: &str, p: &mut Problems) -> String {
    value.string().unwrap_or_else(|| {
        p.add(path, "expected a string");
        String::new()
    })
}

/// `value` as a list, each item read by `read` at `path[i]`.
pub(crate) fn list<T: JsonTree, R>(
    value: &T,
    path: &str,
    p: &mut Problems,
    read: impl Fn(&T, &str, &mut Problems) -> R,
) -> Vec<R> {
    let Some(items) = value.items() else {
        p.add(path, "expected a list");
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, &format!("{path}[{i}]"), p))
        .collect()
}

/// `pairs` as a map, a later duplicate key replacing an earlier one as with `collect`. Built by
/// insertion: `collect` into a `BTreeMap` sorts first, and every sort it instantiates costs the
/// browser bundles that read policies and calendars kilobytes.
pub(crate) fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// `value` as an object, each member's value read by `read` at `path.key`, in document order.
pub(crate) fn entries<T: JsonTree, R>(
    value: &T,
    path: &str,
    p: &mut Problems,
    read: impl Fn(&T, &str, &mut Problems) -> R,
) -> Vec<(String, R)> {
    let Some(members) = value.entries() else {
        p.add(path, "expected an object");
        return Vec::new();
    };
    members
        .into_iter()
        .map(|(key, member)| {
            let read = read(&member, &join(path, &key), p);
            (key, read)
        })
        .collect()
}

/// `value` as a list of exactly two strings, e.g. `["08:00", "18:00"]`; `expected` says what
/// the pair is when it is not one.
pub(crate) fn pair<T: JsonTree>(
    value: &T,
    path: &str,
    p: &mut Problems,
    expected: &str,
) -> [String; 2] {
    let ends = list(value, path, p, as_string);
    <[String; 2]>::try_from(ends).unwrap_or_else(|_| {
        p.add(path, expected);
        Default::default()
    })
}

/// `value` as a whole number.
pub(crate) fn as_whole<T: JsonTree>(value: &T, path: &str, p: &mut Problems) -> i64 {
    match value.number() {
        Some(n) if n.fract() == 0.0 && n.abs() < 9.0e15 => n as i64,
        _ => {
            p.add(path, "expected a whole number");
            0
        }
    }
}
