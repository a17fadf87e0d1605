//! The database: SQLite by default (one file, created on first start), PostgreSQL for a
//! deployment of several instances. Both engines run the same queries through `sqlx`'s `Any`
//! driver; the schema is the migrations under `migrations/<engine>/`, applied in order on
//! start. Times are Unix seconds.

use futures_util::TryStreamExt;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};

/// Which database engine a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// `sqlite://path/to/file.db`.
    Sqlite,
    /// `postgres://user@host:port/db`.
    Postgres,
}

/// The migrations of each engine, in order: (version, SQL).
const MIGRATIONS: [(i64, &str, &str); 1] = [(
    1,
    include_str!("../migrations/sqlite/0001_subscriptions.sql"),
    include_str!("../migrations/postgres/0001_subscriptions.sql"),
)];

/// A database problem.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no engine the service supports.
    #[error("database URL {0:?}: expected sqlite://FILE or postgres://...")]
    Url(String),
    /// The database refused or failed.
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    /// A stored value is not what the schema promises.
    #[error("database row {0}")]
    Row(String),
}

/// How a subscriber is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// E-mail over SMTP.
    Email,
    /// A JSON POST in Statuspage's subscriber-webhook shape, signed.
    Webhook,
    /// A Slack incoming webhook.
    Slack,
    /// A Microsoft Teams incoming webhook or workflow.
    Teams,
}

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Webhook => "webhook",
            Kind::Slack => "slack",
            Kind::Teams => "teams",
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        Ok(match text {
            "email" => Kind::Email,
            "webhook" => Kind::Webhook,
            "slack" => Kind::Slack,
            "teams" => Kind::Teams,
            other => return Err(StoreError::Row(format!("kind {other:?}"))),
        })
    }
}

/// Where a subscriber stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubscriberState {
    /// Signed up, not confirmed: gets nothing but the confirmation.
    Pending,
    /// Confirmed: gets every change of its sections.
    Confirmed,
    /// Its endpoint failed too often: messages wait until an operator retries.
    Paused,
    /// Unsubscribed: gets nothing.
    Unsubscribed,
}

impl SubscriberState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriberState::Pending => "pending",
            SubscriberState::Confirmed => "confirmed",
            SubscriberState::Paused => "paused",
            SubscriberState::Unsubscribed => "unsubscribed",
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        Ok(match text {
            "pending" => SubscriberState::Pending,
            "confirmed" => SubscriberState::Confirmed,
            "paused" => SubscriberState::Paused,
            "unsubscribed" => SubscriberState::Unsubscribed,
            other => return Err(StoreError::Row(format!("state {other:?}"))),
        })
    }
}

/// One subscription: an address, a region and the sections chosen there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    /// Row id.
    pub id: i64,
    /// How it is reached.
    pub kind: Kind,
    /// The e-mail address or webhook URL.
    pub address: String,
    /// The region id.
    pub region: String,
    /// The top-level component ids chosen, sorted.
    pub sections: Vec<String>,
    /// The language tag of its messages (e.g. `de`).
    pub language: String,
    /// Where it stands.
    pub state: SubscriberState,
    /// The long random token of its manage and unsubscribe links.
    pub manage_token: String,
    /// The token of the confirmation link while one is outstanding.
    pub confirm_token: Option<String>,
    /// When that link expires.
    pub confirm_expires_at: Option<i64>,
    /// When the last confirmation was sent.
    pub confirm_sent_at: Option<i64>,
    /// Failed deliveries in a row.
    pub failures: i64,
    /// When it signed up.
    pub created_at: i64,
}

/// What a sign-up stores for a new subscriber.
#[derive(Debug, Clone)]
pub struct NewSubscriber<'a> {
    /// How it is reached.
    pub kind: Kind,
    /// The address or URL.
    pub address: &'a str,
    /// The region id.
    pub region: &'a str,
    /// The sections chosen.
    pub sections: &'a [String],
    /// Its language tag.
    pub language: &'a str,
    /// The manage token.
    pub manage_token: &'a str,
    /// The confirmation token (none for webhooks, confirmed by a test delivery).
    pub confirm_token: Option<&'a str>,
    /// When the confirmation link expires.
    pub confirm_expires_at: Option<i64>,
    /// Now.
    pub now: i64,
}

/// A region's data as last notified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Counts the snapshots of the region; a writer expecting another one lost a race.
    pub generation: i64,
    /// The `summary.json` text.
    pub summary: String,
    /// The history file's text.
    pub history: String,
}

/// One change found in a region, to be delivered to each subscriber of its sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// Unique within the region: a change is recorded, and so sent, once.
    pub key: String,
    /// The change as JSON (see [`crate::event::EventPayload`]).
    pub payload: String,
}

/// An outbox row claimed for delivery, with its subscriber and change.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Outbox row id.
    pub id: i64,
    /// Attempts made before this one.
    pub attempts: i64,
    /// Who receives it.
    pub subscriber: Subscriber,
    /// Event row id.
    pub event_id: i64,
    /// The change as JSON.
    pub payload: String,
}

/// An outbox row as operators see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// Outbox row id.
    pub id: i64,
    /// The subscriber's address (mask it before logging).
    pub address: String,
    /// The region.
    pub region: String,
    /// The change's key.
    pub change_key: String,
    /// pending, sent, failed or cancelled.
    pub state: String,
    /// Attempts made.
    pub attempts: i64,
    /// When the next attempt is due.
    pub next_attempt_at: i64,
    /// The last failure's reason.
    pub last_error: Option<String>,
}

/// The database.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
}

const SUBSCRIBER_COLUMNS: &str = "s.id, s.kind, s.address, s.region, s.sections, s.language, \
     s.state, s.manage_token, s.confirm_token, s.confirm_expires_at, s.confirm_sent_at, \
     s.failures, s.created_at";

fn subscriber(row: &AnyRow) -> Result<Subscriber, StoreError> {
    let sections: String = row.try_get("sections")?;
    Ok(Subscriber {
        id: row.try_get("id")?,
        kind: Kind::parse(&row.try_get::<String, _>("kind")?)?,
        address: row.try_get("address")?,
        region: row.try_get("region")?,
        sections: serde_json::from_str(&sections)
            .map_err(|err| StoreError::Row(format!("sections {sections:?}: {err}")))?,
        language: row.try_get("language")?,
        state: SubscriberState::parse(&row.try_get::<String, _>("state")?)?,
        manage_token: row.try_get("manage_token")?,
        confirm_token: row.try_get("confirm_token")?,
        confirm_expires_at: row.try_get("confirm_expires_at")?,
        confirm_sent_at: row.try_get("confirm_sent_at")?,
        failures: row.try_get("failures")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Sections as stored: sorted, each once, as a JSON array, so equal choices compare equal in
/// SQL and subscribers can be fanned out per choice.
pub fn sections_key(sections: &[String]) -> String {
    let mut sorted = sections.to_vec();
    sorted.sort();
    sorted.dedup();
    serde_json::to_string(&sorted).unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// Opens the database `url` (`sqlite://FILE`, created with its folder if missing, or
    /// `postgres://...`) and applies the migrations not yet applied.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        sqlx::any::install_default_drivers();
        let (engine, url) = if let Some(path) = url.strip_prefix("sqlite://") {
            let file = path.split('?').next().unwrap_or_default();
            if let Some(parent) = std::path::Path::new(file).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)
                        .map_err(|err| StoreError::Url(format!("{url}: {err}")))?;
                }
            }
            let url = if path.contains('?') {
                url.to_owned()
            } else {
                format!("{url}?mode=rwc")
            };
            (Engine::Sqlite, url)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            (Engine::Postgres, url.to_owned())
        } else {
            return Err(StoreError::Url(url.to_owned()));
        };
        let options = AnyPoolOptions::new();
        let pool = match engine {
            // One connection: SQLite has a single writer, and claims rely on it.
            Engine::Sqlite => {
                options
                    .max_connections(1)
                    .after_connect(|connection, _| {
                        Box::pin(async move {
                            for pragma in [
                                "PRAGMA journal_mode = WAL",
                                "PRAGMA synchronous = NORMAL",
                                "PRAGMA foreign_keys = ON",
                                "PRAGMA busy_timeout = 10000",
                            ] {
                                sqlx::query(pragma).execute(&mut *connection).await?;
                            }
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Engine::Postgres => options.max_connections(16).connect(&url).await?,
        };
        let store = Self { pool, engine };
        store.migrate().await?;
        Ok(store)
    }

    /// The engine in use.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    async fn migrate(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        if self.engine == Engine::Postgres {
            // Instances starting together migrate one after the other.
            sqlx::query("SELECT pg_advisory_xact_lock(4242001)")
                .execute(&mut *tx)
                .await?;
        }
        sqlx::query(
            "CREATE TABLE IF NOT EXISTS beacon_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)",
        )
        .execute(&mut *tx)
        .await?;
        for (version, sqlite, postgres) in MIGRATIONS {
            let applied: i64 =
                sqlx::query("SELECT COUNT(*) AS n FROM beacon_migrations WHERE version = $1")
                    .bind(version)
                    .fetch_one(&mut *tx)
                    .await?
                    .try_get("n")?;
            if applied > 0 {
                continue;
            }
            let script = match self.engine {
                Engine::Sqlite => sqlite,
                Engine::Postgres => postgres,
            };
            for statement in script.split(';') {
                let statement: String = statement
                    .lines()
                    .filter(|line| !line.trim_start().starts_with("--"))
                    .collect::<Vec<_>>()
                    .join("\n");
                if !statement.trim().is_empty() {
                    sqlx::query(&statement).execute(&mut *tx).await?;
                }
            }
            sqlx::query("INSERT INTO beacon_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(version)
                .bind(chrono::Utc::now().timestamp())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn one_subscriber(
        &self,
        condition: &str,
        values: &[&str],
    ) -> Result<Option<Subscriber>, StoreError> {
        let sql = format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s WHERE {condition}");
        let mut query = sqlx::query(&sql);
        for value in values {
            query = query.bind(*value);
        }
        query
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(subscriber)
            .transpose()
    }

    /// The subscription of `address` by `kind` to `region`, in whatever state.
    pub async fn subscriber_by_address(
        &self,
        kind: Kind,
        address: &str,
        region: &str,
    ) -> Result<Option<Subscriber>, StoreError> {
        self.one_subscriber(
            "s.kind = $1 AND s.address = $2 AND s.region = $3",
            &[kind.as_str(), address, region],
        )
        .await
    }

    /// The subscription a manage or unsubscribe link's token names.
    pub async fn subscriber_by_manage_token(
        &self,
        token: &str,
    ) -> Result<Option<Subscriber>, StoreError> {
        self.one_subscriber("s.manage_token = $1", &[token]).await
    }

    /// The subscription a confirmation link's token names.
    pub async fn subscriber_by_confirm_token(
        &self,
        token: &str,
    ) -> Result<Option<Subscriber>, StoreError> {
        self.one_subscriber("s.confirm_token = $1", &[token]).await
    }

    /// Stores a new, pending subscriber; `None` when the address is already subscribed to the
    /// region (a sign-up racing another).
    pub async fn insert_subscriber(
        &self,
        new: NewSubscriber<'_>,
    ) -> Result<Option<i64>, StoreError> {
        let row = sqlx::query(
            "INSERT INTO subscribers (kind, address, region, sections, language, state, \
             manage_token, confirm_token, confirm_expires_at, confirm_sent_at, failures, created_at) \
             VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, 0, $10) \
             ON CONFLICT (kind, address, region) DO NOTHING RETURNING id",
        )
        .bind(new.kind.as_str())
        .bind(new.address)
        .bind(new.region)
        .bind(sections_key(new.sections))
        .bind(new.language)
        .bind(new.manage_token)
        .bind(new.confirm_token)
        .bind(new.confirm_expires_at)
        .bind(new.confirm_token.map(|_| new.now))
        .bind(new.now)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|row| row.try_get("id")).transpose()?)
    }

    /// Puts a subscriber back to pending with a new confirmation link and its choices.
    pub async fn renew_confirmation(
        &self,
        id: i64,
        sections: &[String],
        language: &str,
        token: &str,
        expires_at: i64,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE subscribers SET state = 'pending', sections = $2, language = $3, \
             confirm_token = $4, confirm_expires_at = $5, confirm_sent_at = $6 WHERE id = $1",
        )
        .bind(id)
        .bind(sections_key(sections))
        .bind(language)
        .bind(token)
        .bind(expires_at)
        .bind(now)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Confirms a subscriber (its confirmation link is used up) and sets its choices.
    pub async fn confirm(
        &self,
        id: i64,
        sections: &[String],
        language: &str,
        now: i64,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE subscribers SET state = 'confirmed', confirm_token = NULL, \
             confirm_expires_at = NULL, confirmed_at = $2, failures = 0, sections = $3, \
             language = $4 WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .bind(sections_key(sections))
        .bind(language)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Changes a subscriber's sections.
    pub async fn set_sections(&self, id: i64, sections: &[String]) -> Result<(), StoreError> {
        sqlx::query("UPDATE subscribers SET sections = $2 WHERE id = $1")
            .bind(id)
            .bind(sections_key(sections))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Unsubscribes: nothing more is sent, messages not yet delivered are cancelled.
    pub async fn unsubscribe(&self, id: i64) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE subscribers SET state = 'unsubscribed', confirm_token = NULL, \
             confirm_expires_at = NULL WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE outbox SET state = 'cancelled', claimed_until = NULL \
             WHERE subscriber_id = $1 AND state = 'pending'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Removes subscribers whose address is `address` (every region), with their outbox rows;
    /// answers how many.
    pub async fn remove_subscriber(&self, address: &str) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "DELETE FROM outbox WHERE subscriber_id IN (SELECT id FROM subscribers WHERE address = $1)",
        )
        .bind(address)
        .execute(&mut *tx)
        .await?;
        let removed = sqlx::query("DELETE FROM subscribers WHERE address = $1")
            .bind(address)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(removed)
    }

    /// Calls `each` for every subscriber in id order, streaming (never all in memory).
    pub async fn each_subscriber(
        &self,
        mut each: impl FnMut(Subscriber) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let sql = format!("SELECT {SUBSCRIBER_COLUMNS} FROM subscribers s ORDER BY s.id");
        let mut rows = sqlx::query(&sql).fetch(&self.pool);
        while let Some(row) = rows.try_next().await? {
            each(subscriber(&row)?)?;
        }
        Ok(())
    }

    /// The last notified data of `region`, if any.
    pub async fn snapshot(&self, region: &str) -> Result<Option<Snapshot>, StoreError> {
        let row =
            sqlx::query("SELECT generation, summary, history FROM snapshots WHERE region = $1")
                .bind(region)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|row| {
            Ok(Snapshot {
                generation: row.try_get("generation")?,
                summary: row.try_get("summary")?,
                history: row.try_get("history")?,
            })
        })
        .transpose()
    }

    /// The distinct section choices of `region`'s confirmed and paused subscribers.
    pub async fn section_choices(&self, region: &str) -> Result<Vec<Vec<String>>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT sections FROM subscribers WHERE region = $1 \
             AND state IN ('confirmed', 'paused')",
        )
        .bind(region)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let text: String = row.try_get("sections")?;
                serde_json::from_str(&text)
                    .map_err(|err| StoreError::Row(format!("sections {text:?}: {err}")))
            })
            .collect()
    }

    /// Records what changed in `region` and moves its snapshot on, in one transaction: each
    /// change becomes an event (once per key), and each event an outbox row for every
    /// confirmed or paused subscriber whose choice it concerns (once per subscriber and
    /// event). `expected` is the generation the changes were worked out from; if another
    /// writer moved the snapshot since, nothing is written and the answer is `false`.
    pub async fn record_changes(
        &self,
        region: &str,
        expected: Option<i64>,
        after: &Snapshot,
        per_choice: &[(Vec<String>, Vec<NewEvent>)],
        now: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let moved = match expected {
            Some(generation) => sqlx::query(
                "UPDATE snapshots SET generation = $2, summary = $3, history = $4, updated_at = $5 \
                 WHERE region = $1 AND generation = $6",
            )
            .bind(region)
            .bind(after.generation)
            .bind(&after.summary)
            .bind(&after.history)
            .bind(now)
            .bind(generation)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
            None => sqlx::query(
                "INSERT INTO snapshots (region, generation, summary, history, updated_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (region) DO NOTHING",
            )
            .bind(region)
            .bind(after.generation)
            .bind(&after.summary)
            .bind(&after.history)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected(),
        };
        if moved != 1 {
            tx.rollback().await?;
            return Ok(false);
        }
        for (choice, events) in per_choice {
            for event in events {
                sqlx::query(
                    "INSERT INTO events (region, change_key, payload, created_at) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (region, change_key) DO NOTHING",
                )
                .bind(region)
                .bind(&event.key)
                .bind(&event.payload)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                let event_id: i64 =
                    sqlx::query("SELECT id FROM events WHERE region = $1 AND change_key = $2")
                        .bind(region)
                        .bind(&event.key)
                        .fetch_one(&mut *tx)
                        .await?
                        .try_get("id")?;
                sqlx::query(
                    "INSERT INTO outbox (subscriber_id, event_id, state, attempts, next_attempt_at, created_at) \
                     SELECT id, $1, 'pending', 0, $2, $2 FROM subscribers \
                     WHERE region = $3 AND sections = $4 AND state IN ('confirmed', 'paused') \
                     ON CONFLICT (subscriber_id, event_id) DO NOTHING",
                )
                .bind(event_id)
                .bind(now)
                .bind(region)
                .bind(sections_key(choice))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }

    /// Claims up to `limit` due outbox rows of confirmed subscribers until `now + lease`
    /// seconds: no other worker or instance takes them meanwhile, and a worker killed while
    /// holding them leaves them to be claimed again when the lease runs out. PostgreSQL skips
    /// rows other instances hold (`FOR UPDATE SKIP LOCKED`); SQLite has one writer.
    pub async fn claim(
        &self,
        now: i64,
        lease: i64,
        limit: i64,
    ) -> Result<Vec<Delivery>, StoreError> {
        let lock = match self.engine {
            Engine::Postgres => "FOR UPDATE OF o SKIP LOCKED",
            Engine::Sqlite => "",
        };
        let sql = format!(
            "UPDATE outbox SET claimed_until = $1 WHERE id IN (\
               SELECT o.id FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id \
               WHERE o.state = 'pending' AND o.next_attempt_at <= $2 \
               AND (o.claimed_until IS NULL OR o.claimed_until <= $2) AND s.state = 'confirmed' \
               ORDER BY o.id LIMIT $3 {lock}) RETURNING id"
        );
        let ids: Vec<i64> = sqlx::query(&sql)
            .bind(now + lease)
            .bind(now)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|row| row.try_get("id"))
            .collect::<Result<_, _>>()?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT o.id AS outbox_id, o.attempts, o.event_id, e.payload, {SUBSCRIBER_COLUMNS} \
             FROM outbox o JOIN subscribers s ON s.id = o.subscriber_id \
             JOIN events e ON e.id = o.event_id WHERE o.id IN ({}) ORDER BY o.id",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for id in &ids {
            query = query.bind(*id);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter()
            .map(|row| {
                Ok(Delivery {
                    id: row.try_get("outbox_id")?,
                    attempts: row.try_get("attempts")?,
                    event_id: row.try_get("event_id")?,
                    payload: row.try_get("payload")?,
                    subscriber: subscriber(row)?,
                })
            })
            .collect()
    }

    /// Records a delivery as done; the subscriber's failure count starts again.
    pub async fn mark_sent(&self, delivery: &Delivery, now: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE outbox SET state = 'sent', sent_at = $2, attempts = attempts + 1, \
             claimed_until = NULL, last_error = NULL WHERE id = $1",
        )
        .bind(delivery.id)
        .bind(now)
        .execute(&self.pool)
        .await?;
        if delivery.subscriber.failures > 0 {
            sqlx::query("UPDATE subscribers SET failures = 0 WHERE id = $1")
                .bind(delivery.subscriber.id)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// Records a failed attempt: due again at `retry_at`, or failed for good when `None`.
    /// The subscriber's failures in a row grow; at `pause_after` it is paused. Answers
    /// whether it was paused now.
    pub async fn mark_failed(
        &self,
        delivery: &Delivery,
        reason: &str,
        retry_at: Option<i64>,
        pause_after: i64,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let reason: String = reason.chars().take(1000).collect();
        match retry_at {
            Some(at) => sqlx::query(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, \
                 claimed_until = NULL, last_error = $3 WHERE id = $1",
            )
            .bind(delivery.id)
            .bind(at)
            .bind(&reason),
            None => sqlx::query(
                "UPDATE outbox SET state = 'failed', attempts = attempts + 1, \
                 claimed_until = NULL, last_error = $3 WHERE id = $1 AND $2 = $2",
            )
            .bind(delivery.id)
            .bind(0_i64)
            .bind(&reason),
        }
        .execute(&mut *tx)
        .await?;
        let paused = sqlx::query(
            "UPDATE subscribers SET failures = failures + 1, \
             state = CASE WHEN failures + 1 >= $2 AND state = 'confirmed' THEN 'paused' ELSE state END \
             WHERE id = $1 RETURNING state",
        )
        .bind(delivery.subscriber.id)
        .bind(pause_after)
        .fetch_one(&mut *tx)
        .await?
        .try_get::<String, _>("state")?
            == "paused"
            && delivery.subscriber.state == SubscriberState::Confirmed;
        tx.commit().await?;
        Ok(paused)
    }

    /// Outbox rows in `state` (pending, failed, sent, cancelled), oldest first, at most `limit`.
    pub async fn outbox(&self, state: &str, limit: i64) -> Result<Vec<OutboxEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT o.id, s.address, e.region, e.change_key, o.state, o.attempts, \
             o.next_attempt_at, o.last_error FROM outbox o \
             JOIN subscribers s ON s.id = o.subscriber_id JOIN events e ON e.id = o.event_id \
             WHERE o.state = $1 ORDER BY o.id LIMIT $2",
        )
        .bind(state)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OutboxEntry {
                    id: row.try_get("id")?,
                    address: row.try_get("address")?,
                    region: row.try_get("region")?,
                    change_key: row.try_get("change_key")?,
                    state: row.try_get("state")?,
                    attempts: row.try_get("attempts")?,
                    next_attempt_at: row.try_get("next_attempt_at")?,
                    last_error: row.try_get("last_error")?,
                })
            })
            .collect()
    }

    /// How many outbox rows are in `state`.
    pub async fn outbox_count(&self, state: &str) -> Result<i64, StoreError> {
        Ok(
            sqlx::query("SELECT COUNT(*) AS n FROM outbox WHERE state = $1")
                .bind(state)
                .fetch_one(&self.pool)
                .await?
                .try_get("n")?,
        )
    }

    /// Sends failed rows again (all of them, or the one `id`): they become due now, and
    /// subscribers paused for failing are resumed (all of them, or the row's). Answers how many
    /// rows.
    pub async fn retry_failed(&self, id: Option<i64>, now: i64) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let resume =
            "UPDATE subscribers SET state = 'confirmed', failures = 0 WHERE state = 'paused'";
        let retry =
            "UPDATE outbox SET state = 'pending', next_attempt_at = $1, claimed_until = NULL \
                     WHERE state = 'failed'";
        let retried = match id {
            Some(id) => {
                sqlx::query(&format!(
                    "{resume} AND id IN (SELECT subscriber_id FROM outbox WHERE id = $1)"
                ))
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(&format!("{retry} AND id = $2"))
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            }
            None => {
                sqlx::query(resume).execute(&mut *tx).await?;
                sqlx::query(retry)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
            }
        };
        tx.commit().await?;
        Ok(retried)
    }

    /// Stores many confirmed subscribers at once (benchmarks and load tests), in one
    /// transaction, 500 to a statement.
    pub async fn insert_confirmed(
        &self,
        kind: Kind,
        region: &str,
        sections: &[String],
        language: &str,
        addresses: &[String],
        now: i64,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let sections = sections_key(sections);
        for chunk in addresses.chunks(500) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|n| {
                    format!(
                        "($1, ${}, $2, $3, $4, 'confirmed', ${}, 0, $5, $5)",
                        6 + 2 * n,
                        7 + 2 * n
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO subscribers (kind, address, region, sections, language, state, \
                 manage_token, failures, created_at, confirmed_at) VALUES {}",
                rows.join(", ")
            );
            let mut query = sqlx::query(&sql)
                .bind(kind.as_str())
                .bind(region)
                .bind(&sections)
                .bind(language)
                .bind(now);
            for address in chunk {
                query = query.bind(address.as_str()).bind(crate::token::token());
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
