//! Signing up for e-mail or webhook notifications: which methods the form offers, the checks
//! on the address or URL typed, the request the sign-up endpoint receives, and its answer.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::status::config::{SubscriptionMethod, Subscriptions};

/// Where a sign-up asks notifications to go: the `method` field and its address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum SignupTarget {
    /// `{"method": "email", "address": "..."}`.
    Email {
        /// The visitor's e-mail address.
        address: String,
    },
    /// `{"method": "webhook", "url": "https://..."}`.
    Webhook {
        /// Where the endpoint will POST each status message.
        url: String,
    },
}

/// The JSON body the sign-up form POSTs to `subscriptions.signup_url`, e.g.
/// `{"method":"email","address":"ops@example.com","region":"emea","components":["em-backups"],"language":"en-GB"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignupRequest {
    /// The method and its address or URL.
    #[serde(flatten)]
    pub target: SignupTarget,
    /// The region id, e.g. `emea`.
    pub region: String,
    /// The chosen top-level component ids of that region (a group stands for its members).
    pub components: Vec<String>,
    /// The visitor's language as the browser reports it (BCP 47, e.g. `en-GB`).
    pub language: String,
}

/// Which form field a refusal is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignupField {
    /// The e-mail address.
    Address,
    /// The webhook URL.
    Url,
    /// The section choice.
    Sections,
}

/// Why the form will not send, for one field; the view shows `message` in the visitor's
/// language (`Display` is the English text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Lang::English.text(*.message))]
pub struct SignupRefusal {
    /// The field to fix.
    pub field: SignupField,
    /// What is wrong and how to fix it.
    pub message: Msg,
}

/// The sign-up methods the form offers: those of `methods` it can send (e-mail, webhook), or
/// both when none are listed; nothing without a `signup_url`.
pub fn signup_methods(subscriptions: &Subscriptions) -> Vec<SubscriptionMethod> {
    if subscriptions.signup_url.is_none() {
        return Vec::new();
    }
    let supported = [SubscriptionMethod::Email, SubscriptionMethod::Webhook];
    if subscriptions.methods.is_empty() {
        return supported.to_vec();
    }
    supported
        .into_iter()
        .filter(|method| subscriptions.methods.contains(method))
        .collect()
}

/// Checks the visitor's input and builds the request; a refusal names the field. `input` is the
/// e-mail address or webhook URL as typed (surrounding spaces are dropped).
pub fn signup_request(
    method: SubscriptionMethod,
    input: &str,
    region: &str,
    components: &[String],
    language: &str,
) -> Result<SignupRequest, SignupRefusal> {
    let input = input.trim();
    let target = match method {
        SubscriptionMethod::Webhook => match webhook_url_problem(input) {
            Some(message) => {
                return Err(SignupRefusal {
                    field: SignupField::Url,
                    message,
                })
            }
            None => SignupTarget::Webhook { url: input.into() },
        },
        _ => match email_problem(input) {
            Some(message) => {
                return Err(SignupRefusal {
                    field: SignupField::Address,
                    message,
                })
            }
            None => SignupTarget::Email {
                address: input.into(),
            },
        },
    };
    if components.is_empty() {
        return Err(SignupRefusal {
            field: SignupField::Sections,
            message: Msg::ChooseOneSection,
        });
    }
    Ok(SignupRequest {
        target,
        region: region.into(),
        components: components.to_vec(),
        language: if language.is_empty() { "en" } else { language }.into(),
    })
}

/// What is wrong with an e-mail address, if anything (a practical subset of RFC 5321: no quoted
/// local parts, no IP-literal domains), as the text to show.
pub fn email_problem(address: &str) -> Option<Msg> {
    if address.is_empty() {
        return Some(Msg::EmailEmpty);
    }
    if address.chars().any(char::is_whitespace) {
        return Some(Msg::EmailSpaces);
    }
    if address.len() > 254 {
        return Some(Msg::EmailTooLong);
    }
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Some(Msg::EmailNoAt);
    };
    if local.contains('@') {
        return Some(Msg::EmailTwoAts);
    }
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_control() && !"\"(),:;<>[\\]".contains(c));
    if !local_ok {
        return Some(Msg::EmailBadMailbox);
    }
    if !is_domain(domain) || !domain.contains('.') {
        return Some(Msg::EmailBadDomain);
    }
    None
}

/// What is wrong with a webhook URL, if anything, as the text to show: it must be an
/// `https://` address with a host.
pub fn webhook_url_problem(url: &str) -> Option<Msg> {
    if url.is_empty() {
        return Some(Msg::WebhookEmpty);
    }
    if url.chars().any(char::is_whitespace) {
        return Some(Msg::UrlSpaces);
    }
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://") else {
        return Some(if lower.starts_with("http://") {
            Msg::WebhookHttp
        } else {
            Msg::WebhookNoScheme
        });
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return Some(Msg::WebhookCredentials);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
            (host, Some(port))
        }
        _ => (authority, None),
    };
    if port.is_some_and(|port| port.parse::<u16>().map_or(true, |p| p == 0)) {
        return Some(Msg::WebhookBadPort);
    }
    let ipv6 = host.starts_with('[')
        && host.ends_with(']')
        && host.len() > 2
        && host[1..host.len() - 1]
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
    if !ipv6 && !is_domain(host) {
        return Some(Msg::WebhookNoHost);
    }
    None
}

/// Dot-separated labels of letters, digits and inner dashes, each 1 to 63 characters (non-ASCII
/// letters are allowed for internationalised names).
fn is_domain(domain: &str) -> bool {
    !domain.is_empty()
        && domain.len() <= 253
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// The text to show from a sign-up endpoint's answer: its JSON `message`, else its plain text;
/// `None` for an empty answer or an HTML page.
pub fn endpoint_answer(text: &str) -> Option<String> {
    let text = text.trim();
    if let Ok(serde_json::Value::Object(object)) = serde_json::from_str(text) {
        return object
            .get("message")
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|message| !message.is_empty())
            .map(|message| message.chars().take(500).collect());
    }
    (!text.is_empty() && !text.starts_with('<')).then(|| text.chars().take(500).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field a sign-up for every section with `input` by `method` is refused for.
    fn refused_field(method: SubscriptionMethod, input: &str) -> SignupField {
        let sections = ["em-website", "em-backups", "em-restores"].map(String::from);
        signup_request(method, input, "emea", &sections, "en")
            .unwrap_err()
            .field
    }

    #[test]
    fn refusals_are_interface_texts_in_every_language_and_english_on_display() {
        let refusal =
            signup_request(SubscriptionMethod::Email, "ops", "emea", &[], "en").unwrap_err();
        assert_eq!(refusal.message, Msg::EmailNoAt);
        assert_eq!(
            refusal.to_string(),
            "An e-mail address needs an @, as in name@example.com."
        );
        assert_eq!(
            Lang::German.text(refusal.message),
            "Eine E-Mail-Adresse braucht ein @, etwa name@example.com."
        );
        assert_eq!(
            webhook_url_problem("http://hooks.example.com/x"),
            Some(Msg::WebhookHttp)
        );
        assert_eq!(
            signup_request(
                SubscriptionMethod::Email,
                "ops@example.com",
                "emea",
                &[],
                "en"
            )
            .unwrap_err()
            .message,
            Msg::ChooseOneSection
        );
        let problems = [
            "",
            "o ps@example.com",
            "ops@@example.com",
            "ops.@example.com",
            "ops@example",
        ]
        .map(email_problem)
        .into_iter()
        .chain(
            [
                "",
                "https://a b",
                "http://x.com",
                "x.com",
                "https://u:p@x.com",
                "https://x.com:0",
                "https://",
            ]
            .map(webhook_url_problem),
        );
        for problem in problems {
            let problem = problem.expect("refused");
            for lang in Lang::ALL {
                assert!(!lang.text(problem).is_empty(), "{lang:?} {problem:?}");
            }
        }
    }

    #[test]
    fn the_signup_body_is_the_documented_json() {
        let request = signup_request(
            SubscriptionMethod::Email,
            "  ops@example.com ",
            "emea",
            &["em-backups".into()],
            "en-GB",
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({
                "method": "email", "address": "ops@example.com", "region": "emea",
                "components": ["em-backups"], "language": "en-GB"
            })
        );
        let request = signup_request(
            SubscriptionMethod::Webhook,
            "https://hooks.example.com/beacon?key=1",
            "apac",
            &["ap-website".into(), "ap-restores".into()],
            "",
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            serde_json::json!({
                "method": "webhook", "url": "https://hooks.example.com/beacon?key=1",
                "region": "apac", "components": ["ap-website", "ap-restores"], "language": "en"
            })
        );
    }

    #[test]
    fn invalid_addresses_are_refused_naming_the_field() {
        for bad in [
            "",
            "ops",
            "ops@",
            "@example.com",
            "ops@example",
            "ops@@example.com",
            "o ps@example.com",
            "ops@exa_mple.com",
            "ops.@example.com",
            "<ops>@example.com",
        ] {
            assert_eq!(
                refused_field(SubscriptionMethod::Email, bad),
                SignupField::Address,
                "{bad:?}"
            );
        }
        for good in [
            "ops@example.com",
            "a.b+tag@mail.example.co.uk",
            "jörg@bücher.de",
        ] {
            assert_eq!(email_problem(good), None, "{good:?}");
        }
    }

    #[test]
    fn invalid_webhook_urls_are_refused_naming_the_field() {
        for bad in [
            "",
            "hooks.example.com",
            "http://hooks.example.com/x",
            "https://",
            "https:///path",
            "https://user:pw@hooks.example.com/",
            "https://hooks example.com/",
            "https://hooks.example.com:99999/",
            "ftp://hooks.example.com/",
        ] {
            assert_eq!(
                refused_field(SubscriptionMethod::Webhook, bad),
                SignupField::Url,
                "{bad:?}"
            );
        }
        for good in [
            "https://hooks.example.com",
            "HTTPS://Hooks.Example.com:8443/beacon#x",
            "https://[2001:db8::1]:8443/in",
            "https://localhost/hook",
        ] {
            assert_eq!(webhook_url_problem(good), None, "{good:?}");
        }
        assert_eq!(
            signup_request(
                SubscriptionMethod::Email,
                "ops@example.com",
                "emea",
                &[],
                "en"
            )
            .unwrap_err()
            .field,
            SignupField::Sections
        );
    }

    #[test]
    fn signup_is_offered_only_with_an_endpoint_and_only_for_what_it_can_send() {
        let mut subscriptions = Subscriptions::default();
        assert_eq!(signup_methods(&subscriptions), vec![]);
        subscriptions.signup_url = Some("https://notify.example/api".into());
        assert_eq!(
            signup_methods(&subscriptions),
            vec![SubscriptionMethod::Email, SubscriptionMethod::Webhook]
        );
        subscriptions.methods = vec![SubscriptionMethod::Sms, SubscriptionMethod::Email];
        assert_eq!(
            signup_methods(&subscriptions),
            vec![SubscriptionMethod::Email]
        );
    }

    #[test]
    fn the_endpoint_answer_is_its_message_or_its_text() {
        assert_eq!(
            endpoint_answer(r#"{"message": "Check your inbox to confirm."}"#).as_deref(),
            Some("Check your inbox to confirm.")
        );
        assert_eq!(
            endpoint_answer(" Subscribed. \n").as_deref(),
            Some("Subscribed.")
        );
        assert_eq!(endpoint_answer(r#"{"ok": true}"#), None);
        assert_eq!(endpoint_answer("<html><body>502</body></html>"), None);
        assert_eq!(endpoint_answer(""), None);
    }
}
