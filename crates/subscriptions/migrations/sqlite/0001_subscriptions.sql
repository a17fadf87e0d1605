-- Subscribers, the last notified data per region, the changes found and the outbox of
-- deliveries. Times are Unix seconds.
CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    address TEXT NOT NULL,
    region TEXT NOT NULL,
    sections TEXT NOT NULL,
    language TEXT NOT NULL,
    state TEXT NOT NULL,
    manage_token TEXT NOT NULL UNIQUE,
    confirm_token TEXT UNIQUE,
    confirm_expires_at BIGINT,
    confirm_sent_at BIGINT,
    failures BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    confirmed_at BIGINT,
    UNIQUE (kind, address, region)
);
CREATE INDEX subscribers_fanout ON subscribers (region, state, sections);

CREATE TABLE snapshots (
    region TEXT PRIMARY KEY,
    generation BIGINT NOT NULL,
    summary TEXT NOT NULL,
    history TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    region TEXT NOT NULL,
    change_key TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (region, change_key)
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    UNIQUE (subscriber_id, event_id)
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
