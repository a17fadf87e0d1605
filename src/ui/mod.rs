//! Small view pieces shared by pages.

pub mod clock;
pub mod error;
pub mod incident;
pub mod markup;
pub mod status;
pub mod subscribe;
pub mod theme;
pub mod time;
pub mod uptime;
