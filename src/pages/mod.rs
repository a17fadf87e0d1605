//! One module per page of the app; each page only connects signals to the domain modules.

pub mod history;
pub mod home;
pub mod not_found;
pub mod region;
pub mod sla;
