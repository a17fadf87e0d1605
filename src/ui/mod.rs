//! Small view pieces shared by pages.

pub mod status;
