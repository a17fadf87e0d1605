//! Signing up, confirming, managing and unsubscribing: the rules behind the HTTP endpoints.
//!
//! E-mail is double opt-in: a sign-up stores the address as pending and sends one confirmation
//! link (single use, valid 24 hours); signing up again re-sends it at most once an hour; the
//! answer is the same whether or not the address was known. Webhooks are confirmed by a signed
//! test delivery the endpoint must answer with 2xx. Every sign-up passes per-IP and
//! per-address rate limits.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, RwLock};

use beacon_core::i18n::{Lang, Msg};
use beacon_core::notify::{email_problem, webhook_url_problem, SignupRequest, SignupTarget};
use lettre::Message;

use crate::smtp::Mailer;
use tracing::{info, warn};

use crate::clock::Clock;
use crate::masked;
use crate::settings::Settings;
use crate::site::Site;
use crate::store::{Kind, NewSubscriber, Store, StoreError, Subscriber, SubscriberState};
use crate::webhook::{self, Failure, Post};

/// Seconds a confirmation link stays valid.
pub const CONFIRM_VALID: i64 = 24 * 3600;
/// Fewest seconds between two confirmation e-mails to one address.
pub const RESEND_AFTER: i64 = 3600;
/// Sign-ups one IP address may make per [`LIMIT_WINDOW`].
pub const PER_IP: usize = 20;
/// Sign-ups one address (e-mail or URL) may make per [`LIMIT_WINDOW`].
pub const PER_ADDRESS: usize = 5;
/// The rate limits' window in seconds.
pub const LIMIT_WINDOW: i64 = 3600;

/// Why a request was refused: the HTTP status and the message in the visitor's language.
#[derive(Debug, thiserror::Error)]
pub enum SignupError {
    /// Bad input (400) or an endpoint that refused its test delivery (422).
    #[error("{message}")]
    Refused {
        /// HTTP status.
        status: u16,
        /// What to show.
        message: String,
    },
    /// Too many sign-ups (429).
    #[error("{0}")]
    TooMany(String),
    /// The service failed (500); details are in the log, not the answer.
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// Sliding-window counters per key (IP address or subscriber address).
#[derive(Debug, Default)]
struct Limiter(Mutex<HashMap<String, Vec<i64>>>);

impl Limiter {
    /// Counts one more event of `key` at `now`; `false` when `limit` are already in the window.
    fn allow(&self, key: &str, limit: usize, now: i64) -> bool {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() > 100_000 {
            map.retain(|_, times| times.iter().any(|t| *t > now - LIMIT_WINDOW));
        }
        let times = map.entry(key.to_owned()).or_default();
        times.retain(|t| *t > now - LIMIT_WINDOW);
        if times.len() >= limit {
            return false;
        }
        times.push(now);
        true
    }
}

/// The running service: database, settings, clock, SMTP relay, HTTP client, and the site as
/// last read.
pub struct Service {
    /// The database.
    pub store: Store,
    /// Settings.
    pub settings: Settings,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// The SMTP relay.
    pub smtp: Mailer,
    /// The webhook client.
    pub http: reqwest::Client,
    /// The site as last read by the watcher.
    pub site: RwLock<Arc<Site>>,
    limiter: Limiter,
}

use crate::token::is_token;
pub use crate::token::token;

impl Service {
    /// A service over `store` with `settings`, sending through `smtp`.
    pub fn new(store: Store, settings: Settings, clock: Arc<dyn Clock>, smtp: Mailer) -> Self {
        let http = webhook::client(settings.allow_private_webhooks);
        Self {
            store,
            settings,
            clock,
            smtp,
            http,
            site: RwLock::new(Arc::new(Site::default())),
            limiter: Limiter::default(),
        }
    }

    /// Now, by the service's clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// The site as last read.
    pub fn site(&self) -> Arc<Site> {
        Arc::clone(&self.site.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Reads the published site again (regions and sections for sign-ups).
    pub fn reload_site(&self) -> Result<(), String> {
        let when = chrono::DateTime::from_timestamp(self.now(), 0).unwrap_or_default();
        let site = crate::site::read_site(&self.settings.public_dir, when)?;
        *self.site.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(site);
        Ok(())
    }

    /// Sends an e-mail through the relay: SMTP 4xx is temporary, 5xx permanent.
    pub async fn send_mail(&self, message: Message) -> Result<(), Failure> {
        match self.smtp.send(message).await {
            Ok(_) => Ok(()),
            Err(err) if err.is_permanent() => Err(Failure::Permanent(err.to_string())),
            Err(err) => Err(Failure::Temporary(err.to_string())),
        }
    }

    /// Handles a sign-up from `ip`; the answer is the message to show.
    pub async fn subscribe(
        &self,
        request: SignupRequest,
        ip: IpAddr,
    ) -> Result<String, SignupError> {
        let lang = Lang::from_tag(&request.language).unwrap_or(Lang::English);
        let now = self.now();
        let refused = |status: u16, message: String| SignupError::Refused { status, message };
        if !self.limiter.allow(&format!("ip:{ip}"), PER_IP, now) {
            return Err(SignupError::TooMany(lang.text(Msg::SignupTooMany).into()));
        }
        let site = self.site();
        let Some(region) = site.region(&request.region) else {
            return Err(refused(
                400,
                lang.fill(Msg::SignupUnknownSection, &[("id", &request.region)]),
            ));
        };
        if request.components.is_empty() {
            return Err(refused(400, lang.text(Msg::ChooseOneSection).into()));
        }
        if let Some(unknown) = request
            .components
            .iter()
            .find(|id| !region.sections.iter().any(|(known, _)| known == *id))
        {
            return Err(refused(
                400,
                lang.fill(Msg::SignupUnknownSection, &[("id", unknown)]),
            ));
        }
        let (kind, address) = match &request.target {
            SignupTarget::Email { address } => {
                let address = address.trim();
                if let Some(problem) = email_problem(address) {
                    return Err(refused(400, lang.text(problem).into()));
                }
                (Kind::Email, address.to_lowercase())
            }
            SignupTarget::Webhook { url } => {
                let url = url.trim();
                if let Some(problem) = webhook_url_problem(url) {
                    return Err(refused(400, lang.text(problem).into()));
                }
                (webhook::kind_of(url), url.to_owned())
            }
        };
        if !self
            .limiter
            .allow(&format!("to:{address}"), PER_ADDRESS, now)
        {
            return Err(SignupError::TooMany(lang.text(Msg::SignupTooMany).into()));
        }
        match kind {
            Kind::Email => {
                self.subscribe_email(&address, &request, lang, &site.name, &region.name, now)
                    .await?;
                Ok(lang.text(Msg::SignupCheckInbox).into())
            }
            _ => {
                self.subscribe_webhook(kind, &address, &request, lang, now)
                    .await
            }
        }
    }

    /// Stores or renews a pending e-mail subscription and sends its confirmation, unless one
    /// went out within the hour or the address is already confirmed. Sending happens in the
    /// background so the answer does not depend on what was known.
    async fn subscribe_email(
        &self,
        address: &str,
        request: &SignupRequest,
        lang: Lang,
        site_name: &str,
        region_name: &str,
        now: i64,
    ) -> Result<(), SignupError> {
        let existing = self
            .store
            .subscriber_by_address(Kind::Email, address, &request.region)
            .await?;
        let confirm = token();
        let manage_token = match existing {
            None => {
                let manage = token();
                let inserted = self
                    .store
                    .insert_subscriber(NewSubscriber {
                        kind: Kind::Email,
                        address,
                        region: &request.region,
                        sections: &request.components,
                        language: lang.tag(),
                        manage_token: &manage,
                        confirm_token: Some(&confirm),
                        confirm_expires_at: Some(now + CONFIRM_VALID),
                        now,
                    })
                    .await?;
                if inserted.is_none() {
                    return Ok(());
                }
                manage
            }
            Some(known) => {
                let recently = known
                    .confirm_sent_at
                    .is_some_and(|at| now - at < RESEND_AFTER);
                let confirmed = matches!(
                    known.state,
                    SubscriberState::Confirmed | SubscriberState::Paused
                );
                if confirmed || recently {
                    info!(to = %masked(address), "sign-up: nothing sent (confirmed, or confirmation sent within the hour)");
                    return Ok(());
                }
                self.store
                    .renew_confirmation(
                        known.id,
                        &request.components,
                        lang.tag(),
                        &confirm,
                        now + CONFIRM_VALID,
                        now,
                    )
                    .await?;
                known.manage_token
            }
        };
        let message = crate::mail::confirmation(
            &self.settings,
            site_name,
            region_name,
            lang,
            address,
            &confirm,
            &manage_token,
        )
        .map_err(|err| SignupError::Refused {
            status: 400,
            message: err.to_string(),
        })?;
        let smtp = self.smtp.clone();
        let masked_to = masked(address);
        tokio::spawn(async move {
            match smtp.send(message).await {
                Ok(_) => info!(to = %masked_to, "confirmation sent"),
                Err(err) => warn!(to = %masked_to, error = %err, "confirmation not sent"),
            }
        });
        Ok(())
    }

    /// Stores a webhook and confirms it with a signed test delivery.
    async fn subscribe_webhook(
        &self,
        kind: Kind,
        url: &str,
        request: &SignupRequest,
        lang: Lang,
        now: i64,
    ) -> Result<String, SignupError> {
        let refused = |reason: String| SignupError::Refused {
            status: 422,
            message: lang.fill(Msg::SignupWebhookRefused, &[("reason", &reason)]),
        };
        webhook::check_target(url, self.settings.allow_private_webhooks)
            .await
            .map_err(|err| refused(err.0))?;
        let existing = self
            .store
            .subscriber_by_address(kind, url, &request.region)
            .await?;
        let subscriber = match existing {
            Some(known) => known,
            None => {
                let manage = token();
                self.store
                    .insert_subscriber(NewSubscriber {
                        kind,
                        address: url,
                        region: &request.region,
                        sections: &request.components,
                        language: lang.tag(),
                        manage_token: &manage,
                        confirm_token: None,
                        confirm_expires_at: None,
                        now,
                    })
                    .await?;
                self.store
                    .subscriber_by_address(kind, url, &request.region)
                    .await?
                    .ok_or_else(|| refused("not stored".into()))?
            }
        };
        let site = self.site();
        let region_name = site
            .region(&request.region)
            .map_or(request.region.as_str(), |r| r.name.as_str());
        let headline = lang.fill(Msg::MailConfirmSubject, &[("site", &site.name)]);
        let manage = self
            .settings
            .public_link(&format!("manage/{}", subscriber.manage_token));
        let body = match kind {
            Kind::Slack => webhook::slack_body(
                &headline,
                Some(region_name),
                &self.settings.site_url,
                &manage,
            ),
            Kind::Teams => webhook::teams_body(
                url,
                &headline,
                Some(region_name),
                &self.settings.site_url,
                &manage,
            ),
            _ => serde_json::json!({
                "meta": {
                    "type": "test",
                    "manage": manage,
                    "unsubscribe": self.settings.public_link(&format!("unsubscribe/{}", subscriber.manage_token)),
                },
                "page": {"id": request.region, "name": region_name, "url": self.settings.site_url},
                "test": true,
            }),
        };
        let post = Post {
            url,
            body: body.to_string(),
            idempotency_key: format!("beacon-test-{}-{now}", subscriber.id),
            event: "test",
        };
        webhook::send(
            &self.http,
            &post,
            &self.settings.webhook_secret,
            now,
            self.settings.allow_private_webhooks,
        )
        .await
        .map_err(|failure| match failure {
            Failure::Temporary(reason) | Failure::Permanent(reason) => refused(reason),
        })?;
        self.store
            .confirm(subscriber.id, &request.components, lang.tag(), now)
            .await?;
        info!(to = %masked(url), "webhook confirmed by its test delivery");
        Ok(lang.text(Msg::SignupWebhookConfirmed).into())
    }

    /// Uses a confirmation link: the subscriber is confirmed, the link is used up. `None` for
    /// an unknown, used or expired link.
    pub async fn confirm(&self, confirm_token: &str) -> Result<Option<Subscriber>, StoreError> {
        if !is_token(confirm_token) {
            return Ok(None);
        }
        let now = self.now();
        let Some(subscriber) = self
            .store
            .subscriber_by_confirm_token(confirm_token)
            .await?
        else {
            return Ok(None);
        };
        if subscriber.state != SubscriberState::Pending
            || subscriber.confirm_expires_at.is_none_or(|at| at <= now)
        {
            return Ok(None);
        }
        self.store
            .confirm(
                subscriber.id,
                &subscriber.sections,
                &subscriber.language,
                now,
            )
            .await?;
        info!(to = %masked(&subscriber.address), "subscription confirmed");
        self.store
            .subscriber_by_manage_token(&subscriber.manage_token)
            .await
    }

    /// The subscription a manage link names, unless unsubscribed.
    pub async fn managed(&self, manage_token: &str) -> Result<Option<Subscriber>, StoreError> {
        if !is_token(manage_token) {
            return Ok(None);
        }
        Ok(self
            .store
            .subscriber_by_manage_token(manage_token)
            .await?
            .filter(|s| s.state != SubscriberState::Unsubscribed))
    }

    /// Sets the sections of the subscription a manage link names (only known sections; at
    /// least one). `false` when nothing valid was chosen.
    pub async fn set_sections(
        &self,
        subscriber: &Subscriber,
        chosen: &[String],
    ) -> Result<bool, StoreError> {
        let site = self.site();
        let known: Vec<String> = site
            .region(&subscriber.region)
            .map(|region| {
                region
                    .sections
                    .iter()
                    .filter(|(id, _)| chosen.contains(id))
                    .map(|(id, _)| id.clone())
                    .collect()
            })
            .unwrap_or_default();
        if known.is_empty() {
            return Ok(false);
        }
        self.store.set_sections(subscriber.id, &known).await?;
        Ok(true)
    }

    /// Unsubscribes the subscription a manage link names; `false` for an unknown link.
    pub async fn unsubscribe(&self, manage_token: &str) -> Result<bool, StoreError> {
        if !is_token(manage_token) {
            return Ok(false);
        }
        let Some(subscriber) = self.store.subscriber_by_manage_token(manage_token).await? else {
            return Ok(false);
        };
        self.store.unsubscribe(subscriber.id).await?;
        info!(to = %masked(&subscriber.address), "unsubscribed");
        Ok(true)
    }
}
