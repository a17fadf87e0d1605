//! The service's settings: addresses from flags, secrets from the environment only.

use std::path::PathBuf;
use std::time::Duration;

use lettre::{AsyncSmtpTransport, Tokio1Executor};

/// Everything the service needs to run, gathered from the command line and environment.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The folder the site publishes from (`config.json`, `data/<region>/*.json`).
    pub public_dir: PathBuf,
    /// Where the status pages are served (links in messages; the only origin CORS allows).
    pub site_url: String,
    /// Where this service is reached from outside (confirmation, manage and unsubscribe links).
    pub public_url: String,
    /// `From` of every e-mail.
    pub mail_from: String,
    /// The HMAC-SHA256 key webhook deliveries are signed with.
    pub webhook_secret: String,
    /// Lets webhooks reach loopback and private addresses: development and tests only.
    pub allow_private_webhooks: bool,
    /// How often the published data is checked for changes.
    pub watch_interval: Duration,
    /// How many deliveries run at once.
    pub concurrency: usize,
    /// Seconds a worker holds the rows it claimed; a killed worker's rows are claimed again
    /// after this.
    pub lease_seconds: i64,
}

impl Settings {
    /// `site_url`'s origin (`scheme://host[:port]`), the one CORS allows.
    pub fn site_origin(&self) -> String {
        origin_of(&self.site_url)
    }

    /// A link to this service, e.g. `public_link("confirm/abc")`.
    pub fn public_link(&self, path: &str) -> String {
        format!(
            "{}/{}",
            self.public_url.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    }

    /// The host name used in Message-IDs.
    pub fn message_id_host(&self) -> String {
        origin_of(&self.public_url)
            .split("://")
            .nth(1)
            .unwrap_or("localhost")
            .split(':')
            .next()
            .unwrap_or("localhost")
            .to_owned()
    }
}

/// `scheme://host[:port]` of an absolute URL.
///
/// ```
/// assert_eq!(beacon_subscriptions::settings::origin_of("http://127.0.0.1:8080/emea"), "http://127.0.0.1:8080");
/// ```
pub fn origin_of(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.trim_end_matches('/').to_owned();
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    )
}

/// Why the SMTP URL cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("BEACON_SMTP_URL {url:?}: {reason}")]
pub struct SmtpUrlError {
    url: String,
    reason: String,
}

/// The SMTP relay from `BEACON_SMTP_URL`:
/// - `smtp://host:port`: plain SMTP (a local relay or the development sink);
/// - `smtp+starttls://user:password@host:587`: STARTTLS required, then AUTH (production);
/// - `smtps://user:password@host:465`: TLS from the first byte.
///
/// `pool` connections are kept open and reused.
pub fn smtp_transport(
    url: &str,
    pool: u32,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, SmtpUrlError> {
    let error = |reason: &str| SmtpUrlError {
        url: url.split('@').next_back().unwrap_or_default().to_owned(),
        reason: reason.to_owned(),
    };
    let lettre_url = if let Some(rest) = url.strip_prefix("smtp+starttls://") {
        let separator = if rest.contains('?') { '&' } else { '?' };
        format!("smtp://{rest}{separator}tls=required")
    } else if url.starts_with("smtp://") || url.starts_with("smtps://") {
        url.to_owned()
    } else {
        return Err(error("expected smtp://, smtp+starttls:// or smtps://"));
    };
    let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&lettre_url)
        .map_err(|err| error(&err.to_string()))?;
    Ok(builder
        .timeout(Some(Duration::from_secs(20)))
        .pool_config(lettre::transport::smtp::PoolConfig::new().max_size(pool))
        .build())
}
