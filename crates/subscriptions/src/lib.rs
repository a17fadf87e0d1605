//! Beacon's subscription service: the native server the status pages' "Get updates" form
//! posts to. It signs visitors up (e-mail with double opt-in, webhooks confirmed by a signed
//! test delivery, Slack and Microsoft Teams incoming webhooks), watches the region data the
//! site publishes, and when a region's data changes sends each confirmed subscriber one message
//! per change through a persisted outbox, on SQLite or PostgreSQL.
//!
//! - [`cli`]: the `beacon-subscriptions` command line (serve, operators' commands, bench).
//! - [`store`]: the database (migrations, subscribers, snapshots, events, outbox).
//! - [`signup`]: sign-up, confirmation, managing and unsubscribing, with rate limits.
//! - [`http`]: the HTTP endpoints, thin over [`signup`].
//! - [`maintenance`]: moves maintenance windows on by the clock (the transitions
//!   `beacon-ops maintenance advance` writes), so the watcher tells subscribers.
//! - [`watch`]: reads the published data, validates it, and turns changes into outbox rows
//!   with the one change detection of [`beacon_core::notify::changes`].
//! - [`outbox`]: claims due rows and delivers them, with retries, backoff and pausing.
//! - [`mail`] and [`webhook`]: the messages themselves, and the webhook address checks.
//! - [`site`]: the site's regions and sections as the service knows them.

pub mod bench;
pub mod cli;
pub mod clock;
pub mod event;
pub mod http;
pub mod mail;
pub mod maintenance;
pub mod outbox;
pub mod settings;
pub mod signup;
pub mod site;
pub mod smtp;
pub mod store;
pub mod token;
pub mod watch;
pub mod webhook;

/// A subscriber's address shown in logs: the first character of the mailbox and the domain
/// (`a***@example.com`), or a URL's scheme and host only.
///
/// ```
/// use beacon_subscriptions::masked;
/// assert_eq!(masked("alice@example.com"), "a***@example.com");
/// assert_eq!(masked("https://hooks.example.com/secret/path"), "https://hooks.example.com/***");
/// ```
pub fn masked(address: &str) -> String {
    if let Some(rest) = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))
    {
        let scheme = &address[..address.len() - rest.len()];
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return format!("{scheme}{host}/***");
    }
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}
