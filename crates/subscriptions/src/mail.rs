//! The e-mails: the confirmation and one message per change, with text and HTML parts in the
//! subscriber's language, the operator's text escaped through the one core escaper, a link to
//! the page, the manage link, and `List-Unsubscribe` with one-click (RFC 8058). Headers are
//! lettre's typed headers; text from the data that goes into a header is put on one line first,
//! so no field can add a header.

use beacon_core::html::escape;
use beacon_core::i18n::{Lang, Msg};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::Message;

use crate::event::EventPayload;
use crate::settings::Settings;

/// Why a message cannot be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the e-mail: {0}")]
pub struct ComposeError(String);

/// `List-Unsubscribe: <https://.../unsubscribe/TOKEN>`.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }
    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(text.trim_matches(['<', '>']).to_owned()))
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
#[derive(Debug, Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }
    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }
    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// `text` on one line: control characters (CR and LF among them) become spaces.
///
/// ```
/// assert_eq!(beacon_subscriptions::mail::one_line("Outage\r\nBcc: x@y"), "Outage Bcc: x@y");
/// ```
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control())
        .filter(|part| !part.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A mailbox from an address; refuses anything with a line break or that is not an address.
pub fn mailbox(address: &str) -> Result<Mailbox, ComposeError> {
    if address.chars().any(char::is_control) {
        return Err(ComposeError(format!(
            "{:?} contains a control character",
            crate::masked(address)
        )));
    }
    address
        .parse()
        .map_err(|err| ComposeError(format!("{}: {err}", crate::masked(address))))
}

/// The common frame of every e-mail: sender, recipient, subject, unsubscribe headers, parts.
fn message(
    settings: &Settings,
    to: &str,
    subject: &str,
    manage_token: &str,
    message_id: Option<String>,
    text: String,
    html: String,
) -> Result<Message, ComposeError> {
    let mut builder = Message::builder()
        .from(mailbox(&settings.mail_from)?)
        .to(mailbox(to)?)
        .subject(one_line(subject))
        .header(ListUnsubscribe(
            settings.public_link(&format!("unsubscribe/{manage_token}")),
        ))
        .header(ListUnsubscribePost);
    if let Some(id) = message_id {
        builder = builder.message_id(Some(id));
    }
    builder
        .multipart(MultiPart::alternative_plain_html(text, html))
        .map_err(|err| ComposeError(err.to_string()))
}

/// The HTML page frame of an e-mail body.
fn html_frame(lang: Lang, inner: &str) -> String {
    format!(
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><body style=\"font:15px/1.5 system-ui,sans-serif;max-width:40rem\">{inner}</body></html>",
        lang.tag()
    )
}

/// The confirmation e-mail: the only message an unconfirmed address ever gets.
pub fn confirmation(
    settings: &Settings,
    site_name: &str,
    region_name: &str,
    lang: Lang,
    to: &str,
    confirm_token: &str,
    manage_token: &str,
) -> Result<Message, ComposeError> {
    let link = settings.public_link(&format!("confirm/{confirm_token}"));
    let subject = lang.fill(Msg::MailConfirmSubject, &[("site", site_name)]);
    let intro = lang.fill(Msg::MailConfirmIntro, &[("region", region_name)]);
    let ignore = lang.text(Msg::MailConfirmIgnore);
    let text = format!("{intro}\n\n{link}\n\n{ignore}\n");
    let html = html_frame(
        lang,
        &format!(
            "<p>{}</p><p><a href=\"{}\">{}</a></p><p>{}</p>",
            escape(&intro),
            escape(&link),
            escape(&link),
            escape(ignore)
        ),
    );
    message(settings, to, &subject, manage_token, None, text, html)
}

/// The e-mail of one change for one subscriber. Its Message-ID is derived from the outbox
/// row, so a resend after a crash carries the same one.
pub fn change(
    settings: &Settings,
    payload: &EventPayload,
    lang: Lang,
    to: &str,
    manage_token: &str,
    outbox_id: i64,
) -> Result<Message, ComposeError> {
    let change = payload.change.to_change();
    let headline = change.headline(lang);
    let subject = format!("{} — {}", payload.region_name, headline);
    let manage = settings.public_link(&format!("manage/{manage_token}"));
    let read = lang.text(Msg::MailReadOnPage);
    let manage_text = lang.text(Msg::MailManage);
    let detail = match payload.change.message() {
        Some(message) => message.to_owned(),
        None => change.detail(lang),
    };
    let text = format!(
        "{headline}\n\n{detail}\n\n{read} {}\n\n-- \n{manage_text} {manage}\n",
        payload.link
    );
    let paragraphs: String = detail
        .split('\n')
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("<p>{}</p>", escape(line)))
        .collect();
    let html = html_frame(
        lang,
        &format!(
            "<h1 style=\"font-size:1.2rem\">{}</h1>{paragraphs}<p>{} <a href=\"{}\">{}</a></p>\
             <hr><p style=\"color:#555;font-size:.85rem\">{} <a href=\"{}\">{}</a></p>",
            escape(&headline),
            escape(read),
            escape(&payload.link),
            escape(&payload.link),
            escape(manage_text),
            escape(&manage),
            escape(&manage),
        ),
    );
    let id = format!("<beacon.{outbox_id}@{}>", settings.message_id_host());
    message(settings, to, &subject, manage_token, Some(id), text, html)
}
