//! The service's settings: addresses from flags, secrets from the environment only.

use std::path::PathBuf;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::smtp::Mailer;

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
/// At most `pool` connections are open at once; they are kept open and reused. User name and
/// password may be percent-encoded (`%40` for `@`).
pub fn smtp_transport(url: &str, pool: u32) -> Result<Mailer, SmtpUrlError> {
    let error = |reason: &str| SmtpUrlError {
        url: url.split('@').next_back().unwrap_or_default().to_owned(),
        reason: reason.to_owned(),
    };
    let timeout = Duration::from_secs(20);
    let (starttls, rest) = if let Some(rest) = url.strip_prefix("smtp+starttls://") {
        (true, rest)
    } else if let Some(rest) = url.strip_prefix("smtp://") {
        (false, rest)
    } else if url.starts_with("smtps://") {
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|err| error(&err.to_string()))?;
        return Ok(Mailer::library(
            builder
                .timeout(Some(timeout))
                .pool_config(lettre::transport::smtp::PoolConfig::new().max_size(pool))
                .build(),
        ));
    } else {
        return Err(error("expected smtp://, smtp+starttls:// or smtps://"));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        let (host, rest) = bracketed
            .split_once(']')
            .ok_or_else(|| error("an IPv6 address needs its closing ]"))?;
        (host, rest.strip_prefix(':'))
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return Err(error("no relay host"));
    }
    let port = match port {
        Some(port) => port
            .parse::<u16>()
            .map_err(|_| error("the port is not a number from 1 to 65535"))?,
        None if starttls => 587,
        None => 25,
    };
    let credentials = userinfo.map(|userinfo| {
        let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
        Credentials::new(percent_decoded(user), percent_decoded(password))
    });
    Ok(Mailer::direct(
        host.to_owned(),
        port,
        starttls,
        credentials,
        timeout,
        pool,
    ))
}

/// `%XX` sequences as the bytes they stand for; anything else as written.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn relay_addresses_are_read_or_refused_with_the_reason() {
        for good in [
            "smtp://127.0.0.1:2525",
            "smtp://relay.example.com",
            "smtp://[::1]:25",
            "smtp+starttls://user%40example.com:p%3Ass@smtp.example.com:587",
            "smtps://user:password@smtp.example.com:465",
        ] {
            assert!(smtp_transport(good, 4).is_ok(), "{good}");
        }
        for (bad, reason) in [
            ("http://relay.example.com", "expected smtp://"),
            ("smtp://relay.example.com:99999", "the port is not a number"),
            ("smtp://:25", "no relay host"),
            ("smtp://[::1:25", "closing ]"),
        ] {
            let refused = smtp_transport(bad, 4).err().expect(bad).to_string();
            assert!(refused.contains(reason), "{bad}: {refused}");
        }
        let refused = smtp_transport("smtp://user:secret@:25", 4).err().unwrap();
        assert!(
            !refused.to_string().contains("secret"),
            "credentials never shown"
        );
    }

    #[test]
    fn percent_encoded_credentials_are_decoded() {
        assert_eq!(percent_decoded("user%40example.com"), "user@example.com");
        assert_eq!(percent_decoded("p%3Ass%2"), "p:ss%2");
        assert_eq!(percent_decoded("100%"), "100%");
    }
}
