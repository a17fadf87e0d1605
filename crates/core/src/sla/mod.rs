//! The SLA engine: support policies as data, business calendars with their own time-zone rules,
//! and the due-time arithmetic behind Beacon's SLA calculator. Pure Rust, no browser APIs.

pub mod bench;
pub mod calendar;
pub mod civil;
pub mod engine;
pub mod policy;
pub mod present;
pub mod tree;
pub mod tz;

pub use calendar::{BusinessCalendar, BusinessDayRule, CalendarError, ClockSegment};
pub use policy::Policy;
pub use tz::{TzRule, TzRuleError};
