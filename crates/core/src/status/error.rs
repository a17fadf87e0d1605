//! Problems in status data files: the crate's one [`FieldError`] (file, JSON path, reason),
//! under the name the status model's readers and the apps use for it.

use crate::error::FieldError;

pub(crate) use crate::error::parse_json;

/// Status data that could not be read or does not make sense: which file, the JSON path of the
/// offending value (e.g. `incidents[0].incident_updates[2].created_at`) and why.
pub type DataError = FieldError;
