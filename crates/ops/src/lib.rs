//! Beacon's native tools for operators: [`publish`] turns the status data into the published
//! site (validated data, pre-rendered pages, feeds, calendars, badges, language packs), edits
//! incidents and maintenance without hand-written JSON, and [`publish::cli`] is the
//! `beacon-ops` command line over both.

pub mod publish;
