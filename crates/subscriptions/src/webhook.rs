//! Webhook deliveries: the address checks (no loopback, private, link-local, shared, metadata
//! or multicast targets, checked on the resolved address when connecting, so DNS rebinding
//! cannot slip past), the signature, and the bodies for plain webhooks (Statuspage's
//! subscriber-webhook shape), Slack and Microsoft Teams.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use sha2::Sha256;

use crate::store::Kind;

/// Why an address may not be called.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// True for addresses a webhook must never reach from the server: loopback, private (RFC
/// 1918, unique local), link-local (cloud metadata lives at 169.254.169.254), shared address
/// space (100.64/10), unspecified, multicast, broadcast, documentation and IPv4-mapped forms
/// of these.
///
/// ```
/// use beacon_subscriptions::webhook::is_forbidden;
/// assert!(is_forbidden("169.254.169.254".parse().unwrap()));
/// assert!(is_forbidden("::ffff:10.0.0.1".parse().unwrap()));
/// assert!(!is_forbidden("93.184.216.34".parse().unwrap()));
/// ```
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_forbidden(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || first == 0x2001 && v6.segments()[1] == 0x0db8
                || first == 0x64 && v6.segments()[1] == 0xff9b
        }
    }
}

/// The host of an `https://` URL, without brackets for IPv6.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next()?
    } else {
        authority
            .rsplit_once(':')
            .map_or(authority, |(host, _)| host)
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Checks a webhook URL's host: an IP literal directly, a name by resolving it; every address
/// it resolves to must be allowed (unless `allow_private`).
pub async fn check_target(url: &str, allow_private: bool) -> Result<(), Refused> {
    let host = host_of(url).ok_or_else(|| Refused("the URL has no host".into()))?;
    if allow_private {
        return Ok(());
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        return if is_forbidden(ip) {
            Err(Refused(format!("{ip} is not a public address")))
        } else {
            Ok(())
        };
    }
    resolve_public(&host).await.map(|_| ())
}

/// Resolves `host` and refuses it if any address is not public.
async fn resolve_public(host: &str) -> Result<Vec<SocketAddr>, Refused> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, 443))
        .await
        .map_err(|err| Refused(format!("{host} does not resolve: {err}")))?
        .collect();
    if addrs.is_empty() {
        return Err(Refused(format!("{host} does not resolve")));
    }
    if let Some(bad) = addrs.iter().find(|addr| is_forbidden(addr.ip())) {
        return Err(Refused(format!(
            "{host} resolves to {}, not a public address",
            bad.ip()
        )));
    }
    Ok(addrs)
}

/// The HTTP client's resolver: the addresses connected to are the ones checked.
#[derive(Debug)]
struct CheckedResolver;

impl Resolve for CheckedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs = resolve_public(&host)
                .await
                .map_err(|err| Box::new(err) as Box<dyn std::error::Error + Send + Sync>)?;
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

/// The HTTP client for webhooks: no redirects (a redirect could lead inside), a timeout, and
/// unless `allow_private` a resolver that refuses non-public addresses at connect time.
pub fn client(allow_private: bool) -> reqwest::Client {
    let builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .connect_timeout(Duration::from_secs(5))
        .pool_max_idle_per_host(64)
        .user_agent("Beacon-Subscriptions/1");
    let builder = if allow_private {
        builder
    } else {
        builder.dns_resolver(Arc::new(CheckedResolver))
    };
    builder.build().unwrap_or_default()
}

/// Which product a webhook URL belongs to: Slack and Teams get their own message formats.
///
/// ```
/// use beacon_subscriptions::{store::Kind, webhook::kind_of};
/// assert_eq!(kind_of("https://hooks.slack.com/services/T0/B0/x"), Kind::Slack);
/// assert_eq!(kind_of("https://contoso.webhook.office.com/webhookb2/x"), Kind::Teams);
/// assert_eq!(kind_of("https://hooks.example.com/beacon"), Kind::Webhook);
/// ```
pub fn kind_of(url: &str) -> Kind {
    let host = host_of(url).unwrap_or_default();
    if host == "hooks.slack.com" {
        Kind::Slack
    } else if host.ends_with(".webhook.office.com")
        || host.ends_with(".logic.azure.com")
        || host.ends_with(".environment.api.powerplatform.com")
    {
        Kind::Teams
    } else {
        Kind::Webhook
    }
}

/// The `X-Beacon-Signature` value for `body` sent at `timestamp`:
/// `t=<timestamp>,v1=<hex HMAC-SHA256(secret, "<timestamp>." + body)>`.
///
/// ```
/// let header = beacon_subscriptions::webhook::signature("secret", 1700000000, b"{}");
/// assert!(header.starts_with("t=1700000000,v1="));
/// assert_eq!(header.len(), "t=1700000000,v1=".len() + 64);
/// ```
pub fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("t={timestamp},v1={hex}")
}

/// What a delivery attempt came to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    /// Worth trying again later (timeouts, connection errors, 5xx, 408, 429, SMTP 4xx).
    #[error("temporary: {0}")]
    Temporary(String),
    /// Not worth trying again (other 4xx, SMTP 5xx, refused addresses).
    #[error("permanent: {0}")]
    Permanent(String),
}

/// One webhook POST: the body, signed for plain webhooks.
#[derive(Debug, Clone)]
pub struct Post<'a> {
    /// The URL.
    pub url: &'a str,
    /// The JSON body.
    pub body: String,
    /// The idempotency key: the same for every attempt of one message.
    pub idempotency_key: String,
    /// The event name for `X-Beacon-Event`.
    pub event: &'a str,
}

/// Sends `post`, signed with `secret` at `timestamp`; `Ok` on a 2xx answer.
pub async fn send(
    client: &reqwest::Client,
    post: &Post<'_>,
    secret: &str,
    timestamp: i64,
    allow_private: bool,
) -> Result<(), Failure> {
    if let Err(refused) = check_literal(post.url, allow_private) {
        return Err(Failure::Permanent(refused.0));
    }
    let response = client
        .post(post.url)
        .header("content-type", "application/json")
        .header(
            "x-beacon-signature",
            signature(secret, timestamp, post.body.as_bytes()),
        )
        .header("x-beacon-event", post.event)
        .header("idempotency-key", &post.idempotency_key)
        .body(post.body.clone())
        .send()
        .await;
    let response = match response {
        Ok(response) => response,
        Err(err) => {
            let mut reason = err.to_string();
            let mut source = std::error::Error::source(&err);
            while let Some(inner) = source {
                reason = format!("{reason}: {inner}");
                source = inner.source();
            }
            return Err(if reason.contains("not a public address") {
                Failure::Permanent(reason)
            } else {
                Failure::Temporary(reason)
            });
        }
    };
    let status = response.status();
    if status.is_success() {
        return Ok(());
    }
    let reason = format!("HTTP {}", status.as_u16());
    if status.is_server_error() || status.as_u16() == 408 || status.as_u16() == 429 {
        Err(Failure::Temporary(reason))
    } else {
        Err(Failure::Permanent(reason))
    }
}

/// Refuses an IP-literal host that is not public (names are checked by the resolver).
fn check_literal(url: &str, allow_private: bool) -> Result<(), Refused> {
    if allow_private {
        return Ok(());
    }
    match host_of(url).map(|host| host.parse::<IpAddr>()) {
        Some(Ok(ip)) if is_forbidden(ip) => Err(Refused(format!("{ip} is not a public address"))),
        None => Err(Refused("the URL has no host".into())),
        _ => Ok(()),
    }
}

/// Escapes text for Slack's mrkdwn (`&`, `<`, `>`).
fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A Slack incoming-webhook message: `text` for notifications, `blocks` for the channel.
pub fn slack_body(
    headline: &str,
    message: Option<&str>,
    link: &str,
    manage: &str,
) -> serde_json::Value {
    let mut text = format!("*{}*", slack_escape(headline));
    if let Some(message) = message.filter(|m| !m.is_empty()) {
        text.push('\n');
        text.push_str(&slack_escape(message));
    }
    serde_json::json!({
        "text": headline,
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": text}},
            {"type": "context", "elements": [
                {"type": "mrkdwn", "text": format!("<{link}|Status page> · <{manage}|Manage subscription>")}
            ]}
        ]
    })
}

/// A Microsoft Teams message: an Adaptive Card for Workflows URLs (Power Automate, Logic
/// Apps), an Office 365 connector MessageCard for `*.webhook.office.com`.
pub fn teams_body(
    url: &str,
    headline: &str,
    message: Option<&str>,
    link: &str,
    manage: &str,
) -> serde_json::Value {
    let host = host_of(url).unwrap_or_default();
    if host.ends_with(".webhook.office.com") {
        return serde_json::json!({
            "@type": "MessageCard",
            "@context": "https://schema.org/extensions",
            "summary": headline,
            "title": headline,
            "text": message.unwrap_or_default(),
            "potentialAction": [
                {"@type": "OpenUri", "name": "Status page", "targets": [{"os": "default", "uri": link}]},
                {"@type": "OpenUri", "name": "Manage subscription", "targets": [{"os": "default", "uri": manage}]}
            ]
        });
    }
    serde_json::json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": [
                    {"type": "TextBlock", "text": headline, "weight": "Bolder", "size": "Medium", "wrap": true},
                    {"type": "TextBlock", "text": message.unwrap_or_default(), "wrap": true}
                ],
                "actions": [
                    {"type": "Action.OpenUrl", "title": "Status page", "url": link},
                    {"type": "Action.OpenUrl", "title": "Manage subscription", "url": manage}
                ]
            }
        }]
    })
}
