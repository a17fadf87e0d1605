//! "Get updates", the domain side, as plain Rust tested natively: what changed between two
//! polls of a region's data ([`changes`]), the one browser notification it makes ([`notice`]),
//! the notification choices a visitor keeps per region ([`NotificationChoice`]), and the
//! sign-up request an e-mail or webhook endpoint receives, with the checks made before sending
//! it ([`signup_request`]).
//!
//! The same change detection drives browser notifications and the subscription service: a tab
//! polling the page and a native mailer both call [`changes`] on two polls and get the same
//! [`Change`]s, each carrying what a message needs (incident id and name, update text and
//! status, component status before and after, the sections concerned, maintenance or not).

mod changes;
mod choice;
mod notice;
mod signup;

pub use changes::{changes, Change, Polled};
pub use choice::NotificationChoice;
pub use notice::{notice, Notice};
pub use signup::{
    email_problem, endpoint_answer, signup_methods, signup_request, webhook_url_problem,
    SignupField, SignupRefusal, SignupRequest, SignupTarget,
};
