//! The HTTP endpoints, thin over [`crate::signup`]:
//! `POST /api/subscribe` (the sign-up form's JSON; CORS for the site's own origin only),
//! `GET /confirm/<token>`, `GET|POST /manage/<token>`, `POST /unsubscribe/<token>` (RFC 8058
//! one-click) and `GET /healthz`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use beacon_core::html::escape;
use beacon_core::i18n::{Lang, Msg};
use beacon_core::notify::SignupRequest;
use tracing::error;

use crate::signup::{Service, SignupError};
use crate::store::Subscriber;

/// The service's routes.
pub fn router(service: Arc<Service>) -> Router {
    Router::new()
        .route("/api/subscribe", post(subscribe).options(preflight))
        .route("/confirm/{token}", get(confirm))
        .route("/manage/{token}", get(manage_page).post(manage_post))
        .route("/unsubscribe/{token}", post(unsubscribe).get(manage_page))
        .route("/healthz", get(healthz))
        .with_state(service)
}

/// A JSON answer `{"message": ...}` the form shows as it is.
fn answer(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "message": message }))).into_response()
}

/// True when the request comes from a page of another origin than the site's.
fn foreign_origin(service: &Service, headers: &HeaderMap) -> bool {
    headers.get(header::ORIGIN).is_some_and(|origin| {
        origin.to_str().map(crate::settings::origin_of).ok() != Some(service.settings.site_origin())
    })
}

/// Adds the CORS headers that let the site's own origin read the answer.
fn allow_site(service: &Service, mut response: Response) -> Response {
    if let Ok(origin) = HeaderValue::from_str(&service.settings.site_origin()) {
        let headers = response.headers_mut();
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

async fn preflight(State(service): State<Arc<Service>>, headers: HeaderMap) -> Response {
    if foreign_origin(&service, &headers) || !headers.contains_key(header::ORIGIN) {
        return answer(
            StatusCode::FORBIDDEN,
            "Sign-ups are accepted from the status pages only.",
        );
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("content-type"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("600"),
    );
    allow_site(&service, response)
}

async fn subscribe(
    State(service): State<Arc<Service>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    method: Method,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if foreign_origin(&service, &headers) || method != Method::POST {
        return answer(
            StatusCode::FORBIDDEN,
            "Sign-ups are accepted from the status pages only.",
        );
    }
    let request: SignupRequest = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(err) => {
            return allow_site(
                &service,
                answer(
                    StatusCode::BAD_REQUEST,
                    &format!("The sign-up is not the expected JSON: {err}"),
                ),
            )
        }
    };
    let response = match service.subscribe(request, peer.ip()).await {
        Ok(message) => answer(StatusCode::OK, &message),
        Err(SignupError::Refused { status, message }) => answer(
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            &message,
        ),
        Err(SignupError::TooMany(message)) => answer(StatusCode::TOO_MANY_REQUESTS, &message),
        Err(SignupError::Store(err)) => {
            error!(error = %err, "sign-up failed");
            answer(
                StatusCode::INTERNAL_SERVER_ERROR,
                "The sign-up could not be stored; please try again later.",
            )
        }
    };
    allow_site(&service, response)
}

/// A small page of the service in `lang`.
fn page(lang: Lang, status: StatusCode, title: &str, inner: &str) -> Response {
    let html = format!(
        "<!doctype html><html lang=\"{}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>{}</title><style>body{{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:36rem;padding:0 1rem}}\
         label{{display:block;margin:.3rem 0}}button{{margin:.8rem .5rem 0 0;font:inherit;padding:.3rem .9rem}}</style>\
         <body><main><h1>{}</h1>{inner}</main></body></html>",
        lang.tag(),
        escape(title),
        escape(title)
    );
    (status, Html(html)).into_response()
}

fn lang_of(subscriber: &Subscriber) -> Lang {
    Lang::from_tag(&subscriber.language).unwrap_or(Lang::English)
}

fn server_error(err: impl std::fmt::Display) -> Response {
    error!(error = %err, "request failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "The service failed; please try again later.",
    )
        .into_response()
}

fn expired() -> Response {
    let lang = Lang::English;
    page(lang, StatusCode::NOT_FOUND, lang.text(Msg::LinkExpired), "")
}

async fn confirm(State(service): State<Arc<Service>>, Path(token): Path<String>) -> Response {
    match service.confirm(&token).await {
        Ok(Some(subscriber)) => {
            let lang = lang_of(&subscriber);
            let names = section_names(&service, &subscriber);
            let text = lang.fill(Msg::SubscriptionConfirmed, &[("sections", &names)]);
            let manage = service
                .settings
                .public_link(&format!("manage/{}", subscriber.manage_token));
            page(
                lang,
                StatusCode::OK,
                &text,
                &format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    escape(&manage),
                    escape(lang.text(Msg::MailManage))
                ),
            )
        }
        Ok(None) => expired(),
        Err(err) => server_error(err),
    }
}

fn section_names(service: &Service, subscriber: &Subscriber) -> String {
    let site = service.site();
    let region = site.region(&subscriber.region);
    subscriber
        .sections
        .iter()
        .map(|id| {
            region
                .and_then(|r| r.sections.iter().find(|(known, _)| known == id))
                .map_or(id.clone(), |(_, name)| name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn manage_form(service: &Service, subscriber: &Subscriber, note: Option<&str>) -> Response {
    let lang = lang_of(subscriber);
    let site = service.site();
    let region = site.region(&subscriber.region);
    let title = lang.fill(
        Msg::ManageTitle,
        &[(
            "region",
            region.map_or(subscriber.region.as_str(), |r| r.name.as_str()),
        )],
    );
    let boxes: String = region
        .map(|r| r.sections.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|(id, name)| {
            let checked = if subscriber.sections.contains(id) { " checked" } else { "" };
            format!(
                "<label><input type=\"checkbox\" name=\"section\" value=\"{}\"{checked}> {}</label>",
                escape(id),
                escape(name)
            )
        })
        .collect();
    let note = note
        .map(|n| format!("<p role=\"status\">{}</p>", escape(n)))
        .unwrap_or_default();
    let path = format!("manage/{}", subscriber.manage_token);
    page(
        lang,
        StatusCode::OK,
        &title,
        &format!(
            "{note}<form method=\"post\" action=\"{}\"><p>{}</p>{boxes}\
             <button name=\"action\" value=\"save\">{}</button>\
             <button name=\"action\" value=\"unsubscribe\">{}</button></form>",
            escape(&service.settings.public_link(&path)),
            escape(&crate::masked(&subscriber.address)),
            escape(lang.text(Msg::ManageSave)),
            escape(lang.text(Msg::Unsubscribe)),
        ),
    )
}

async fn manage_page(State(service): State<Arc<Service>>, Path(token): Path<String>) -> Response {
    match service.managed(&token).await {
        Ok(Some(subscriber)) => manage_form(&service, &subscriber, None),
        Ok(None) => expired(),
        Err(err) => server_error(err),
    }
}

async fn manage_post(
    State(service): State<Arc<Service>>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let subscriber = match service.managed(&token).await {
        Ok(Some(subscriber)) => subscriber,
        Ok(None) => return expired(),
        Err(err) => return server_error(err),
    };
    let lang = lang_of(&subscriber);
    if fields
        .iter()
        .any(|(k, v)| k == "action" && v == "unsubscribe")
    {
        return match service.unsubscribe(&token).await {
            Ok(_) => page(lang, StatusCode::OK, lang.text(Msg::Unsubscribed), ""),
            Err(err) => server_error(err),
        };
    }
    let chosen: Vec<String> = fields
        .into_iter()
        .filter(|(k, _)| k == "section")
        .map(|(_, v)| v)
        .collect();
    match service.set_sections(&subscriber, &chosen).await {
        Ok(true) => match service.managed(&token).await {
            Ok(Some(updated)) => manage_form(&service, &updated, Some(lang.text(Msg::ManageSaved))),
            Ok(None) => expired(),
            Err(err) => server_error(err),
        },
        Ok(false) => manage_form(
            &service,
            &subscriber,
            Some(lang.text(Msg::ChooseOneSection)),
        ),
        Err(err) => server_error(err),
    }
}

/// RFC 8058 one-click: a POST (body `List-Unsubscribe=One-Click`) unsubscribes at once.
async fn unsubscribe(State(service): State<Arc<Service>>, Path(token): Path<String>) -> Response {
    match service.unsubscribe(&token).await {
        Ok(true) => page(
            Lang::English,
            StatusCode::OK,
            Lang::English.text(Msg::Unsubscribed),
            "",
        ),
        Ok(false) => expired(),
        Err(err) => server_error(err),
    }
}

async fn healthz(State(service): State<Arc<Service>>) -> Response {
    match service.store.outbox_count("pending").await {
        Ok(pending) => {
            Json(serde_json::json!({"status": "ok", "pending": pending})).into_response()
        }
        Err(err) => server_error(err),
    }
}
