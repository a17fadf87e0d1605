//! The one module that talks to the network: it owns the data URLs, fetching and decoding, and
//! one error type. Pages call `api::site_config().await` or `api::region_summary(..).await`
//! and never build requests themselves.

use gloo_net::http::Request;
use wasm_bindgen::JsCast;

use beacon_core::error::FieldErrors;
use beacon_core::i18n::Lang;
use beacon_core::layout::{self, DATA_TIMEOUT_MS, SIGNUP_TIMEOUT_MS};
use beacon_core::period::Period;
use beacon_core::status::archive::{parse_index, HistoryIndex};
use beacon_core::status::config::{Region, SiteConfig, CONFIG_ELEMENT_ID};
use beacon_core::status::error::DataError;
use beacon_core::status::model::{parse_history_bytes, IncidentHistory, Summary};
use beacon_core::status::poll::{BodyPrint, FileVersion};
use beacon_core::words::field_errors;

/// The site configuration file, relative to the app's base URL.
pub const CONFIG_FILE: &str = "config.json";

/// Why data could not be loaded, naming the file every time. `Display` is English (logs,
/// tests); the pages word it in the visitor's language (`ui::error::describe`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    /// The request did not complete (offline, DNS, CORS, aborted).
    #[error("{file}: could not be fetched ({reason})")]
    Network {
        /// The file that was requested.
        file: String,
        /// The browser's reason.
        reason: String,
    },
    /// No answer within the time limit ([`DATA_TIMEOUT_MS`], [`SIGNUP_TIMEOUT_MS`]); the
    /// request was aborted.
    #[error("{file}: no answer within {seconds} seconds")]
    Timeout {
        /// The file that was requested.
        file: String,
        /// The limit in seconds.
        seconds: u32,
    },
    /// The server answered with an error status.
    #[error("{file}: the server answered HTTP {status}")]
    Http {
        /// The file that was requested.
        file: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The file arrived but is not valid Beacon/Statuspage data.
    #[error("{0}")]
    Data(#[from] DataError),
    /// A policy or calendar file that does not validate: the first problem, then the others.
    #[error("{}", field_errors(.0, Lang::English))]
    Policy(FieldErrors),
    /// "Get updates": the sign-up endpoint refused, with its explanation if it gave one.
    #[error("{file}: the server answered HTTP {status}{}", .message.as_deref().map(|m| format!(" ({m})")).unwrap_or_default())]
    Refused {
        /// The sign-up address.
        file: String,
        /// The HTTP status code.
        status: u16,
        /// The endpoint's `message` or text.
        message: Option<String>,
    },
}

impl ApiError {
    /// True when the failure is the network's, so the page can say "you seem to be offline"
    /// instead of blaming the data.
    pub fn is_network(&self) -> bool {
        matches!(self, ApiError::Network { .. } | ApiError::Timeout { .. })
    }
}

/// The page's requests started before the app (`window.beaconEarly`, file → promise of a
/// `Response`), written by a pre-rendered region page for its `summary.json`.
pub const EARLY_FETCHES: &str = "beaconEarly";

/// The response to a request the page started for `file` before the app did, taken once; `None`
/// when there is none or it failed (then the app asks itself).
async fn early_response(file: &str) -> Option<web_sys::Response> {
    let early = js_sys::Reflect::get(&leptos::prelude::window(), &EARLY_FETCHES.into()).ok()?;
    if !early.is_object() {
        return None;
    }
    let key = wasm_bindgen::JsValue::from_str(file);
    let promise = js_sys::Reflect::get(&early, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key);
    let promise = promise.dyn_into::<js_sys::Promise>().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()
}

/// The time limit of one request: a timer that aborts it, its answer and the reading of its
/// body when it runs out. Dropped when the request is done, which stops the timer. The timer
/// calls the controller's own `abort` (no Rust closure), so a timer that fires late finds
/// nothing freed and aborts a finished request, which does nothing.
pub(crate) struct Deadline {
    controller: Option<web_sys::AbortController>,
    timer: Option<i32>,
    limit_ms: u32,
}

impl Deadline {
    /// Starts a limit of `limit_ms` milliseconds.
    pub(crate) fn start(limit_ms: u32) -> Deadline {
        let controller = web_sys::AbortController::new().ok();
        let timer = controller.as_ref().and_then(|controller| {
            let abort = js_sys::Reflect::get(controller, &"abort".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?
                .bind0(controller);
            leptos::prelude::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    &abort,
                    i32::try_from(limit_ms).unwrap_or(i32::MAX),
                )
                .ok()
        });
        Deadline {
            controller,
            timer,
            limit_ms,
        }
    }

    /// The signal a request carries, so running out aborts it.
    pub(crate) fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller
            .as_ref()
            .map(web_sys::AbortController::signal)
    }

    /// The error for a failed request of `file`: [`ApiError::Timeout`] when the limit ran out,
    /// else the browser's reason.
    pub(crate) fn failure(&self, file: &str, err: impl std::fmt::Display) -> ApiError {
        match self.signal() {
            Some(signal) if signal.aborted() => ApiError::Timeout {
                file: file.to_string(),
                seconds: self.limit_ms.div_ceil(1000),
            },
            _ => ApiError::Network {
                file: file.to_string(),
                reason: err.to_string(),
            },
        }
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer {
            leptos::prelude::window().clear_timeout_with_handle(timer);
        }
    }
}

/// Fetches a file relative to the app's base URL, bypassing the HTTP cache so polling sees
/// fresh data (the first read of a file the page already asked for takes that response); an
/// error status is an error. `deadline` aborts it when it runs out.
async fn fetch(file: &str, deadline: &Deadline) -> Result<gloo_net::http::Response, ApiError> {
    let response = match early_response(file).await {
        Some(response) => gloo_net::http::Response::from(response),
        None => Request::get(file)
            .cache(web_sys::RequestCache::NoCache)
            .abort_signal(deadline.signal().as_ref())
            .send()
            .await
            .map_err(|err| deadline.failure(file, err))?,
    };
    if !response.ok() {
        return Err(ApiError::Http {
            file: file.to_string(),
            status: response.status(),
        });
    }
    Ok(response)
}

/// A file relative to the app's base URL as text, within [`DATA_TIMEOUT_MS`].
pub(crate) async fn fetch_text(file: &str) -> Result<String, ApiError> {
    let deadline = Deadline::start(DATA_TIMEOUT_MS);
    fetch(file, &deadline)
        .await?
        .text()
        .await
        .map_err(|err| deadline.failure(file, err))
}

/// The site configuration: regions, their data files, polling and subscription settings.
/// A pre-rendered page carries it (element [`CONFIG_ELEMENT_ID`], written from the same
/// `config.json` by `beacon-ops publish`), which saves a round trip before the region's data can
/// be asked for; other pages fetch `config.json`.
pub async fn site_config() -> Result<SiteConfig, ApiError> {
    let inline = leptos::prelude::document()
        .get_element_by_id(CONFIG_ELEMENT_ID)
        .and_then(|element| element.text_content());
    if let Some(text) = inline {
        return Ok(SiteConfig::from_json(INLINE_CONFIG, &text)?);
    }
    let text = fetch_text(CONFIG_FILE).await?;
    Ok(SiteConfig::from_json(CONFIG_FILE, &text)?)
}

/// How an error names the configuration carried by the page.
pub const INLINE_CONFIG: &str = "config.json (as written into this page)";

/// What one poll of a data file found.
#[derive(Debug)]
pub enum Polled<T> {
    /// The version the page shows already: nothing was parsed.
    Unchanged,
    /// A new version, read and checked, and what identifies it; the page keeps the version only
    /// once it shows the data.
    Changed(T, FileVersion),
}

/// Bytes of the body copied into wasm at a time while it is printed ([`BodyPrint`]).
const PRINT_PIECE: usize = 16 * 1024;

/// Polls `file`, relative to the app's base URL, within [`DATA_TIMEOUT_MS`], and reads it only
/// when it is not the version `shown` ([`FileVersion`]). The request revalidates the browser's
/// copy (`cache: no-cache`): a host that answers `304 Not Modified` sends no body, and the
/// browser hands over its cached copy with the validator it stored, which matches, so the body
/// is not even read. From a host that sends no validator, the body is printed piece by piece
/// through a small buffer and compared. Only a new version is copied into wasm, as bytes (never
/// decoded into a JavaScript string), for `read`.
async fn poll_file<T>(
    file: &str,
    shown: &FileVersion,
    read: impl FnOnce(&[u8]) -> Result<T, ApiError>,
) -> Result<Polled<T>, ApiError> {
    let deadline = Deadline::start(DATA_TIMEOUT_MS);
    let response = fetch(file, &deadline).await?;
    let headers = response.headers();
    let validator = headers.get("etag").or_else(|| headers.get("last-modified"));
    if shown.same_validator(validator.as_deref()) {
        return Ok(Polled::Unchanged);
    }
    let buffer = web_sys::Response::from(response)
        .array_buffer()
        .map_err(|err| deadline.failure(file, js_reason(err)))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer)
        .await
        .map_err(|err| deadline.failure(file, js_reason(err)))?;
    let body = js_sys::Uint8Array::new(&buffer);
    let version = match validator {
        Some(validator) => FileVersion::validated(validator),
        None => {
            let print = print_body(&body);
            if shown.same_body(print) {
                return Ok(Polled::Unchanged);
            }
            FileVersion::printed(print)
        }
    };
    let data = read(&body.to_vec())?;
    mark_read(file);
    Ok(Polled::Changed(data, version))
}

/// The [`BodyPrint`] of a body still in JavaScript, copied into wasm a small piece at a time.
fn print_body(body: &js_sys::Uint8Array) -> BodyPrint {
    let mut print = BodyPrint::new();
    let mut buffer = [0u8; PRINT_PIECE];
    let length = body.length();
    let mut start = 0;
    while start < length {
        let end = start.saturating_add(PRINT_PIECE as u32).min(length);
        let piece = &mut buffer[..(end - start) as usize];
        body.subarray(start, end).copy_to(piece);
        print.add(piece);
        start = end;
    }
    print
}

/// The browser's reason for a failed step, as text.
fn js_reason(err: wasm_bindgen::JsValue) -> String {
    err.as_string()
        .or_else(|| {
            err.dyn_ref::<js_sys::Error>()
                .map(|err| String::from(err.message()))
        })
        .unwrap_or_else(|| format!("{err:?}"))
}

/// Prefix of the performance mark set each time a data file is parsed (`beacon:read ` and the
/// file), so the browser's performance tools, and the tests, see every parse.
pub const READ_MARK: &str = "beacon:read ";

/// Marks that `file` was read and parsed ([`READ_MARK`]).
fn mark_read(file: &str) {
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(&format!("{READ_MARK}{file}"));
    }
}

/// The current summary (components, open incidents, maintenance) of one region, unless it is
/// still the version `shown`.
pub async fn region_summary(
    region: &Region,
    shown: &FileVersion,
) -> Result<Polled<Summary>, ApiError> {
    let [file, _] = region.live_files();
    poll_file(&file, shown, |json| {
        Ok(beacon_core::status::validate::checked_summary(&file, json)?)
    })
    .await
}

/// The incident and maintenance history of one region, unless it is still the version `shown`.
pub async fn region_history(
    region: &Region,
    shown: &FileVersion,
) -> Result<Polled<IncidentHistory>, ApiError> {
    let [_, file] = region.live_files();
    poll_file(&file, shown, |json| Ok(parse_history_bytes(&file, json)?)).await
}

/// Which quarters of a region's history exist, newest first, with their counts.
pub async fn history_index(region: &Region) -> Result<HistoryIndex, ApiError> {
    let file = layout::history_index(&region.history_url);
    let json = fetch_text(&file).await?;
    Ok(parse_index(&file, json.as_bytes())?)
}

/// Every incident and maintenance that began in one quarter of a region; fetched by that
/// quarter's history page only.
pub async fn history_period(region: &Region, period: Period) -> Result<IncidentHistory, ApiError> {
    let file = layout::history_period(&region.history_url, period);
    let json = fetch_text(&file).await?;
    Ok(parse_history_bytes(&file, json.as_bytes())?)
}

/// Folder of the policy and calendar files, relative to the app's base URL.
pub const POLICIES_DIR: &str = "policies/";

/// `policies/index.json`: which policy and support-centre calendar files exist.
pub async fn policy_index() -> Result<beacon_core::sla::policy::PolicyIndex, ApiError> {
    let file = format!("{POLICIES_DIR}index.json");
    let text = fetch_text(&file).await?;
    beacon_core::sla::policy::PolicyIndex::from_json(&file, &text).map_err(ApiError::Policy)
}

/// One support policy, `file` relative to `policies/` as the index lists it, validated.
pub async fn policy(file: &str) -> Result<beacon_core::sla::Policy, ApiError> {
    let file = format!("{POLICIES_DIR}{file}");
    let text = fetch_text(&file).await?;
    beacon_core::sla::Policy::from_json(&file, &text).map_err(ApiError::Policy)
}

/// One support-centre calendar, `file` relative to `policies/` as the index lists it.
pub async fn calendar(file: &str) -> Result<beacon_core::sla::BusinessCalendar, ApiError> {
    let file = format!("{POLICIES_DIR}{file}");
    let text = fetch_text(&file).await?;
    beacon_core::sla::BusinessCalendar::from_json(&file, &text).map_err(ApiError::Policy)
}

// "Get updates": the e-mail and webhook sign-up.

/// Sends a sign-up to the site's `subscriptions.signup_url` as the documented JSON body and
/// returns the endpoint's answer (its JSON `message` or text; `None` when it said nothing).
/// An endpoint that does not answer within [`SIGNUP_TIMEOUT_MS`] is an [`ApiError::Timeout`].
pub async fn subscribe(
    signup_url: &str,
    request: &beacon_core::notify::SignupRequest,
) -> Result<Option<String>, ApiError> {
    let deadline = Deadline::start(SIGNUP_TIMEOUT_MS);
    let network = |err: gloo_net::Error| deadline.failure(signup_url, err);
    let body = serde_json::to_string(request).map_err(|err| ApiError::Network {
        file: signup_url.to_string(),
        reason: err.to_string(),
    })?;
    let response = Request::post(signup_url)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/plain")
        .abort_signal(deadline.signal().as_ref())
        .body(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    // An unreadable body is no answer, unless the time ran out while it was read.
    let text = match response.text().await {
        Ok(text) => Some(text),
        Err(err) => match deadline.failure(signup_url, err) {
            timeout @ ApiError::Timeout { .. } => return Err(timeout),
            _ => None,
        },
    };
    let answer = text
        .as_deref()
        .and_then(beacon_core::notify::endpoint_answer);
    if !response.ok() {
        return Err(ApiError::Refused {
            file: signup_url.to_string(),
            status: response.status(),
            message: answer,
        });
    }
    Ok(answer)
}
