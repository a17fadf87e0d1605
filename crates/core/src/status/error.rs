//! The one error for unreadable status data, naming the file and the JSON path of the problem.
//!
//! serde_json only reports a line and column. Rather than wrapping every deserializer in a path
//! tracker (which costs wasm size for every type read), Beacon re-scans the text up to the
//! reported position with a tiny JSON tokenizer and rebuilds the path from it, e.g.
//! `incidents[0].incident_updates[2].created_at`. Linear in the file size and only run on error.

use serde::de::DeserializeOwned;
use std::fmt;

/// Status data that could not be read or does not make sense.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {reason}", at_path(path))]
pub struct DataError {
    /// The file the data came from, as the caller named it (URL or path).
    pub file: String,
    /// JSON path of the offending value, e.g. `incidents[0].incident_updates[2].created_at`;
    /// empty for the whole document.
    pub path: String,
    /// What is wrong, in English.
    pub reason: String,
}

impl DataError {
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

/// Deserializes the JSON text `json` (UTF-8 bytes, so a file fetched as bytes is read without
/// a copy) as `T`, turning a failure into a [`DataError`] with a JSON path.
pub(crate) fn parse_json<T: DeserializeOwned>(
    file: &str,
    json: impl AsRef<[u8]>,
) -> Result<T, DataError> {
    let json = json.as_ref();
    serde_json::from_slice(json).map_err(|err| {
        let reason = err.to_string();
        let text = String::from_utf8_lossy(json);
        let path = path_at_error(&text, err.line(), err.column(), &reason);
        DataError::new(file, path, reason)
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
