//! Policy files read from a JSON document that something other than `serde_json` parsed: the
//! SLA embed hands its policy to the browser's own `JSON.parse` (free, already in every
//! browser) instead of shipping a JSON parser and serde's generated code in its bundle.
//!
//! [`JsonTree`] is what a reader needs from such a document. [`Policy::from_tree`] and
//! [`PolicyIndex::from_tree`] read the same fields `serde` reads for
//! [`Policy::from_json`] (required fields, defaults, unknown fields refused), reporting each
//! problem at its path, and then run the same validation. `serde_json::Value` implements the
//! trait too, which is how the native tests prove both readers agree on every shipped file.
//!
//! [`Policy::from_tree`]: super::Policy::from_tree
//! [`PolicyIndex::from_tree`]: super::policy::PolicyIndex::from_tree
//! [`Policy::from_json`]: super::Policy::from_json

use super::validation::Problems;

/// A parsed JSON value.
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
