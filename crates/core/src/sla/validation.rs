//! Errors for policy and calendar files: every problem names the file, the field path and why.

use std::fmt;

use thiserror::Error;

/// One problem in a policy or calendar file, e.g. file `model-a.json`, path
/// `targets[2].first_response.unit`, reason `unknown unit "days"`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}: {path}: {reason}")]
pub struct PolicyError {
    /// File name as given by the caller (e.g. `"model-b-zmanda.json"`).
    pub file: String,
    /// Field path inside the file, JSON-style (`"plans[1].coverage.hours.mon[0]"`); empty for the
    /// whole document.
    pub path: String,
    /// What is wrong, in plain words.
    pub reason: String,
}

/// All problems found in one file; validation never stops at the first one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct PolicyErrors {
    /// The problems, in document order.
    pub errors: Vec<PolicyError>,
}

impl fmt::Display for PolicyErrors {
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
    errors: Vec<PolicyError>,
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
        self.errors.push(PolicyError {
            file: self.file.clone(),
            path: path.into(),
            reason: reason.into(),
        });
    }

    /// Turns a JSON syntax or shape error into the single problem of the file.
    pub(crate) fn from_json_error(file: &str, err: &serde_json::Error) -> PolicyErrors {
        PolicyErrors {
            errors: vec![PolicyError {
                file: file.to_owned(),
                path: String::new(),
                reason: format!(
                    "line {} column {}: {}",
                    err.line(),
                    err.column(),
                    strip_position(&err.to_string())
                ),
            }],
        }
    }

    /// `Ok(())` when nothing was recorded, otherwise every recorded problem.
    pub(crate) fn finish(self) -> Result<(), PolicyErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(PolicyErrors {
                errors: self.errors,
            })
        }
    }
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}
