//! The one module that talks to the network: it owns the data URLs, fetching and decoding, and
//! one error type. Pages call `api::site_config().await` or `api::region_summary(..).await`
//! and never build requests themselves.

use gloo_net::http::Request;

use crate::status::config::{Region, SiteConfig};
use crate::status::error::DataError;
use crate::status::model::{parse_history, parse_summary, IncidentHistory, Summary};

/// The site configuration file, relative to the app's base URL.
pub const CONFIG_FILE: &str = "config.json";

/// Why data could not be loaded, naming the file every time.
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
    /// "Get updates" (issue 4): the sign-up endpoint refused, with its explanation if it gave one.
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
        matches!(self, ApiError::Network { .. })
    }
}

/// Fetches a file relative to the app's base URL as text, bypassing the HTTP cache so polling
/// sees fresh data.
async fn fetch_text(file: &str) -> Result<String, ApiError> {
    let network = |err: gloo_net::Error| ApiError::Network {
        file: file.to_string(),
        reason: err.to_string(),
    };
    let response = Request::get(file)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(network)?;
    if !response.ok() {
        return Err(ApiError::Http {
            file: file.to_string(),
            status: response.status(),
        });
    }
    response.text().await.map_err(network)
}

/// The site configuration: regions, their data files, polling and subscription settings.
pub async fn site_config() -> Result<SiteConfig, ApiError> {
    let text = fetch_text(CONFIG_FILE).await?;
    Ok(SiteConfig::from_json(CONFIG_FILE, &text)?)
}

/// The current summary (components, open incidents, maintenance) of one region.
pub async fn region_summary(region: &Region) -> Result<Summary, ApiError> {
    let text = fetch_text(&region.summary_url).await?;
    Ok(parse_summary(&region.summary_url, &text)?)
}

/// The incident and maintenance history of one region.
pub async fn region_history(region: &Region) -> Result<IncidentHistory, ApiError> {
    let text = fetch_text(&region.history_url).await?;
    Ok(parse_history(&region.history_url, &text)?)
}

/// Folder of the policy and calendar files, relative to the app's base URL.
pub const POLICIES_DIR: &str = "policies/";

/// A policy or calendar file that does not validate, as a [`DataError`] naming the file and the
/// first wrong field (further problems are listed in the reason).
fn policy_problem(errors: crate::sla::PolicyErrors) -> ApiError {
    let mut problems = errors.errors.into_iter();
    let Some(first) = problems.next() else {
        return ApiError::Data(DataError::new("", "", "invalid file"));
    };
    let mut reason = first.reason;
    for more in problems {
        reason.push_str(&format!("; also {}: {}", more.path, more.reason));
    }
    ApiError::Data(DataError::new(first.file, first.path, reason))
}

/// `policies/index.json`: which policy and support-centre calendar files exist.
pub async fn policy_index() -> Result<crate::sla::policy::PolicyIndex, ApiError> {
    let file = format!("{POLICIES_DIR}index.json");
    let text = fetch_text(&file).await?;
    crate::sla::policy::PolicyIndex::from_json(&file, &text).map_err(policy_problem)
}

/// One support policy, `file` relative to `policies/` as the index lists it, validated.
pub async fn policy(file: &str) -> Result<crate::sla::Policy, ApiError> {
    let file = format!("{POLICIES_DIR}{file}");
    let text = fetch_text(&file).await?;
    crate::sla::Policy::from_json(&file, &text).map_err(policy_problem)
}

/// One support-centre calendar, `file` relative to `policies/` as the index lists it.
pub async fn calendar(file: &str) -> Result<crate::sla::BusinessCalendar, ApiError> {
    let file = format!("{POLICIES_DIR}{file}");
    let text = fetch_text(&file).await?;
    crate::sla::BusinessCalendar::from_json(&file, &text).map_err(policy_problem)
}

// "Get updates" (issue 4): the e-mail and webhook sign-up.

/// Sends a sign-up to the site's `subscriptions.signup_url` as the documented JSON body and
/// returns the endpoint's answer (its JSON `message` or text; `None` when it said nothing).
pub async fn subscribe(
    signup_url: &str,
    request: &crate::notify::SignupRequest,
) -> Result<Option<String>, ApiError> {
    let network = |err: gloo_net::Error| ApiError::Network {
        file: signup_url.to_string(),
        reason: err.to_string(),
    };
    let body = serde_json::to_string(request).map_err(|err| ApiError::Network {
        file: signup_url.to_string(),
        reason: err.to_string(),
    })?;
    let response = Request::post(signup_url)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/plain")
        .body(body)
        .map_err(network)?
        .send()
        .await
        .map_err(network)?;
    let answer = response
        .text()
        .await
        .ok()
        .as_deref()
        .and_then(crate::notify::endpoint_answer);
    if !response.ok() {
        return Err(ApiError::Refused {
            file: signup_url.to_string(),
            status: response.status(),
            message: answer,
        });
    }
    Ok(answer)
}
