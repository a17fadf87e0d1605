//! The one error for a file Beacon cannot use: which file, which field (as a JSON path) and why.
//! Status data ([`crate::status::DataError`]), support policies and business calendars all
//! report problems as [`FieldError`]s, so the apps, the widget and the operators' tool show every
//! problem the same way.
//!
//! serde_json only reports a line and column. Rather than wrapping every deserializer in a path
//! tracker (which costs wasm size for every type read), the reader re-scans the text up to
//! the reported position with a tiny JSON tokenizer and rebuilds the path from it, e.g.
//! `incidents[0].incident_updates[2].created_at`. Linear in the file size and only run on error.

use std::fmt;

use serde::de::DeserializeOwned;

/// One problem in one file, e.g. file `model-a.json`, path `targets[2].first_response.unit`,
/// reason `unknown unit "days"`.
///
/// ```
/// use beacon_core::error::FieldError;
///
/// let problem = FieldError::new("model-a.json", "targets[2].first_response.unit", "unknown unit \"days\"");
/// assert_eq!(
///     problem.to_string(),
///     "model-a.json at targets[2].first_response.unit: unknown unit \"days\""
/// );
/// // A problem with the whole document has no path.
/// assert_eq!(FieldError::new("index.json", "", "not JSON").to_string(), "index.json: not JSON");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {reason}", at_path(path))]
pub struct FieldError {
    /// The file, as the caller named it (URL or path, e.g. `"model-b-zmanda.json"`).
    pub file: String,
    /// JSON path of the offending value, e.g. `plans[1].coverage.hours.mon[0]`; empty for the
    /// whole document.
    pub path: String,
    /// What is wrong, in plain English.
    pub reason: String,
}

impl FieldError {
    /// A problem with the value at `path` of `file`.
    pub fn new(
        file: impl Into<String>,
        path: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            file: file.into(),
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// " at <path>" for a non-empty path.
fn at_path(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" at {path}")
    }
}

/// Every problem found in one file: checking never stops at the first one. Displayed one
/// problem a line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FieldErrors {
    /// The problems, in document order.
    pub errors: Vec<FieldError>,
}

impl From<FieldError> for FieldErrors {
    fn from(error: FieldError) -> Self {
        FieldErrors {
            errors: vec![error],
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Collects problems for one file while a document is checked.
pub(crate) struct Problems {
    file: String,
    errors: Vec<FieldError>,
}

impl Problems {
    /// Starts an empty collection for `file`.
    pub(crate) fn new(file: &str) -> Problems {
        Problems {
            file: file.to_owned(),
            errors: Vec::new(),
        }
    }

    /// Records a problem at `path`.
    pub(crate) fn add(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.errors
            .push(FieldError::new(self.file.clone(), path, reason));
    }

    /// `Ok(())` when nothing was recorded, otherwise every recorded problem.
    pub(crate) fn finish(self) -> Result<(), FieldErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(FieldErrors {
                errors: self.errors,
            })
        }
    }
}

/// Deserializes the JSON text `json` (UTF-8 bytes, so a file fetched as bytes is read without
/// a copy) as `T`, turning a failure into a [`FieldError`] with a JSON path.
pub(crate) fn parse_json<T: DeserializeOwned>(
    file: &str,
    json: impl AsRef<[u8]>,
) -> Result<T, FieldError> {
    let json = json.as_ref();
    serde_json::from_slice(json).map_err(|err| {
        let reason = err.to_string();
        let text = String::from_utf8_lossy(json);
        let path = path_at_error(&text, err.line(), err.column(), &reason);
        FieldError::new(file, path, reason)
    })
}

/// One level of nesting seen while scanning.
enum Frame {
    /// Inside an object; the key of the member being read, if any.
    Object(Option<String>),
    /// Inside an array; index of the element being read.
    Array(usize),
}

/// The JSON path at serde_json's error position (1-based line, column of the last byte read).
fn path_at_error(text: &str, line: usize, column: usize, reason: &str) -> String {
    let mut frames = frames_before(text, byte_offset(text, line, column));
    if let Some(field) = missing_field(reason) {
        // serde reports a missing field once the object is closed: point at the field itself.
        if let Some(Frame::Object(key)) = frames.last_mut() {
            *key = Some(field.to_owned());
        }
    }
    render(&frames)
}

/// Byte offset of the last byte serde_json read (its column counts bytes).
fn byte_offset(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1)).min(text.len())
}

/// The field name in serde's "missing field `name`" message.
fn missing_field(reason: &str) -> Option<&str> {
    let rest = reason.strip_prefix("missing field `")?;
    rest.split('`').next()
}

/// The nesting open just before byte `end` of `text`.
fn frames_before(text: &str, end: usize) -> Vec<Frame> {
    let bytes = &text.as_bytes()[..end];
    let mut frames = Vec::new();
    let mut expecting_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => {
                frames.push(Frame::Object(None));
                expecting_key = true;
            }
            b'[' => {
                frames.push(Frame::Array(0));
                expecting_key = false;
            }
            b'}' | b']' => {
                frames.pop();
                expecting_key = false;
            }
            b',' => match frames.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object(key)) => {
                    *key = None;
                    expecting_key = true;
                }
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i = start;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expecting_key {
                    if let Some(Frame::Object(key)) = frames.last_mut() {
                        let raw = &bytes[start..i.min(bytes.len())];
                        *key = Some(String::from_utf8_lossy(raw).replace("\\\"", "\""));
                    }
                    expecting_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    frames
}

/// Writes frames as `a.b[2].c`, quoting keys that are not plain identifiers.
fn render(frames: &[Frame]) -> String {
    struct Path<'a>(&'a [Frame]);
    impl fmt::Display for Path<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            for (n, frame) in self.0.iter().enumerate() {
                match frame {
                    Frame::Array(index) => write!(f, "[{index}]")?,
                    Frame::Object(None) => {}
                    Frame::Object(Some(key))
                        if !key.is_empty()
                            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') =>
                    {
                        if n > 0 {
                            f.write_str(".")?;
                        }
                        f.write_str(key)?;
                    }
                    Frame::Object(Some(key)) => write!(f, "[{key:?}]")?,
                }
            }
            Ok(())
        }
    }
    Path(frames).to_string()
}
