//! The `beacon-subscriptions` command line: `serve` runs the service; `subscribers` and
//! `outbox` are the operators' views; `bench` measures a fan-out.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use clap::{Parser, Subcommand};
use tracing::{info, warn};

use crate::clock::SystemClock;
use crate::settings::{smtp_transport, Settings};
use crate::signup::Service;
use crate::store::Store;

/// Beacon's subscription service: e-mail, webhook, Slack and Teams notifications of the
/// status pages' changes.
#[derive(Debug, Parser)]
#[command(name = "beacon-subscriptions", version)]
pub struct Cli {
    /// The database: sqlite://FILE (created on first start) or postgres://USER@HOST:PORT/DB.
    #[arg(
        long,
        global = true,
        env = "BEACON_DATABASE_URL",
        default_value = "sqlite://target/subscriptions.db"
    )]
    pub database_url: String,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Runs the service: HTTP endpoints, the data watcher, the maintenance clock and the
    /// delivery worker.
    ///
    /// Environment: BEACON_SMTP_URL (smtp://host:port, smtp+starttls://user:pass@host:587 or
    /// smtps://user:pass@host:465), BEACON_WEBHOOK_SECRET (the webhook signing key),
    /// BEACON_MAIL_FROM (sender, default "Beacon status <status@HOST>").
    Serve(ServeArgs),
    /// Operators' view of the subscribers.
    Subscribers {
        /// list, count, export or remove.
        #[command(subcommand)]
        action: SubscribersAction,
    },
    /// Operators' view of the outbox.
    Outbox {
        /// pending, failed or retry.
        #[command(subcommand)]
        action: OutboxAction,
    },
    /// Fans one update out to N subscribers (e-mail to a local SMTP sink, webhooks to a local
    /// receiver, both started by the command) and prints messages per second and peak memory.
    Bench(crate::bench::BenchArgs),
}

/// `serve`'s options.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The folder the site publishes from (config.json, data/<region>/...).
    #[arg(long, default_value = "public")]
    pub public: PathBuf,
    /// Where the status pages are served: links in messages, and the only origin allowed to
    /// sign up from a browser.
    #[arg(long)]
    pub site_url: String,
    /// Where this service is reached from outside (confirmation, manage and unsubscribe links).
    #[arg(long)]
    pub public_url: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8090")]
    pub listen: SocketAddr,
    /// Seconds between two looks at the published data.
    #[arg(long, default_value_t = 2)]
    pub watch_seconds: u64,
    /// Deliveries at once (and SMTP connections kept open).
    #[arg(long, default_value_t = 32)]
    pub concurrency: usize,
    /// Seconds a worker holds the messages it claimed; those of a killed instance are sent
    /// by another (or after a restart) once this has passed.
    #[arg(long, default_value_t = crate::outbox::LEASE_SECONDS)]
    pub lease_seconds: i64,
    /// Lets webhooks reach loopback and private addresses. Development and tests only: never
    /// in production.
    #[arg(long, env = "BEACON_ALLOW_PRIVATE_WEBHOOKS")]
    pub allow_private_webhooks: bool,
    /// Seconds between two maintenance advances: windows marked to start or complete by
    /// themselves are moved on, and reminders stamped, in --public (as `beacon-ops maintenance
    /// advance` does, under the same lock). 0 leaves that to the operators.
    #[arg(long, env = "BEACON_ADVANCE_SECONDS", default_value_t = 30)]
    pub advance_seconds: u64,
    /// Minutes before its start that subscribers are reminded of a window marked --remind.
    #[arg(long, env = "BEACON_REMIND_BEFORE_MINUTES", default_value_t = beacon_core::status::maintenance::DEFAULT_REMIND_PRIOR_MINUTES, value_parser = clap::value_parser!(u32).range(1..=10080))]
    pub remind_before_minutes: u32,
}

/// `subscribers` actions.
#[derive(Debug, Subcommand)]
pub enum SubscribersAction {
    /// One line per subscriber: id, kind, state, region, sections, masked address.
    List,
    /// Confirmed subscribers per region and section.
    Count,
    /// Every subscriber as CSV (full addresses: handle the file with care).
    Export,
    /// Removes every subscription of an address, with its queued messages.
    Remove {
        /// The e-mail address or webhook URL.
        address: String,
    },
}

/// `outbox` actions.
#[derive(Debug, Subcommand)]
pub enum OutboxAction {
    /// Messages waiting to be delivered.
    Pending,
    /// Messages that failed for good, with the reason.
    Failed,
    /// Sends failed messages again (all, or one by id) and resumes paused subscribers.
    Retry {
        /// One outbox id.
        #[arg(long)]
        id: Option<i64>,
    },
}

/// Runs the command line.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("beacon-subscriptions: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("beacon-subscriptions: {err}");
            ExitCode::FAILURE
        }
    }
}

/// A failed command, said in one line.
type Failed = Box<dyn std::error::Error + Send + Sync>;

async fn run(cli: Cli) -> Result<(), Failed> {
    match cli.command {
        Command::Serve(args) => serve(&cli.database_url, args).await,
        Command::Subscribers { action } => subscribers(&cli.database_url, action).await,
        Command::Outbox { action } => outbox(&cli.database_url, action).await,
        Command::Bench(args) => crate::bench::run(&cli.database_url, args).await,
    }
}

/// A required environment variable.
fn env(name: &str) -> Result<String, Failed> {
    std::env::var(name).map_err(|_| format!("{name} is not set (see docs/subscriptions.md)").into())
}

async fn serve(database_url: &str, args: ServeArgs) -> Result<(), Failed> {
    let smtp_url = env("BEACON_SMTP_URL")?;
    let secret = env("BEACON_WEBHOOK_SECRET")?;
    let settings = Settings {
        public_dir: args.public,
        mail_from: std::env::var("BEACON_MAIL_FROM").unwrap_or_else(|_| {
            let host = crate::settings::origin_of(&args.public_url);
            let host = host
                .split("://")
                .nth(1)
                .unwrap_or("localhost")
                .split(':')
                .next()
                .unwrap_or("localhost")
                .to_owned();
            let host = if host.contains('.') {
                host
            } else {
                format!("{host}.localdomain")
            };
            format!("Beacon status <status@{host}>")
        }),
        site_url: args.site_url,
        public_url: args.public_url,
        webhook_secret: secret,
        allow_private_webhooks: args.allow_private_webhooks,
        watch_interval: Duration::from_secs(args.watch_seconds.max(1)),
        concurrency: args.concurrency.max(1),
        lease_seconds: args.lease_seconds,
    };
    crate::mail::mailbox(&settings.mail_from)?;
    if settings.allow_private_webhooks {
        warn!("webhooks may reach loopback and private addresses: development only");
    }
    let smtp = smtp_transport(&smtp_url, settings.concurrency as u32)?;
    let store = Store::connect(database_url).await?;
    let service = Arc::new(Service::new(store, settings, Arc::new(SystemClock), smtp));
    if let Err(problem) = service.reload_site() {
        warn!(problem = %problem, "the published site does not validate yet");
    }
    if args.advance_seconds > 0 {
        tokio::spawn(crate::maintenance::advance_loop(
            Arc::clone(&service),
            Duration::from_secs(args.advance_seconds),
            chrono::TimeDelta::minutes(i64::from(args.remind_before_minutes)),
        ));
    }
    tokio::spawn(watch_loop(Arc::clone(&service)));
    tokio::spawn(crate::outbox::run(Arc::clone(&service)));
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    info!(listen = %args.listen, "subscription service ready");
    axum::serve(
        listener,
        crate::http::router(service).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

/// Looks at the published data every interval and queues what changed.
pub async fn watch_loop(service: Arc<Service>) {
    loop {
        if let Err(problem) = service.reload_site() {
            warn!(problem = %problem, "site not read");
        }
        let pass = crate::watch::scan(
            &service.store,
            &service.settings.public_dir,
            &service.settings.site_url,
            service.now(),
        )
        .await;
        match pass {
            Ok(pass) => {
                for region in &pass.started {
                    info!(region = %region, "watching region (its current data is the starting point)");
                }
                for (region, count) in &pass.changed {
                    info!(region = %region, changes = count, "region changed: messages queued");
                }
                for problem in &pass.problems {
                    warn!(problem = %problem, "data does not validate: nothing sent for it");
                }
            }
            Err(err) => warn!(error = %err, "watch pass failed"),
        }
        tokio::time::sleep(service.settings.watch_interval).await;
    }
}

async fn subscribers(database_url: &str, action: SubscribersAction) -> Result<(), Failed> {
    let store = Store::connect(database_url).await?;
    match action {
        SubscribersAction::List => {
            store
                .each_subscriber(|s| {
                    println!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        s.id,
                        s.kind.as_str(),
                        s.state.as_str(),
                        s.region,
                        s.sections.join(","),
                        crate::masked(&s.address)
                    );
                    Ok(())
                })
                .await?;
        }
        SubscribersAction::Count => {
            let mut counts = std::collections::BTreeMap::<(String, String), u64>::new();
            store
                .each_subscriber(|s| {
                    if s.state == crate::store::SubscriberState::Confirmed {
                        for section in &s.sections {
                            *counts
                                .entry((s.region.clone(), section.clone()))
                                .or_default() += 1;
                        }
                    }
                    Ok(())
                })
                .await?;
            println!("region\tsection\tconfirmed");
            for ((region, section), n) in counts {
                println!("{region}\t{section}\t{n}");
            }
        }
        SubscribersAction::Export => {
            println!("id,kind,state,region,sections,language,address,created_at");
            store
                .each_subscriber(|s| {
                    println!(
                        "{},{},{},{},{},{},{},{}",
                        s.id,
                        s.kind.as_str(),
                        s.state.as_str(),
                        csv(&s.region),
                        csv(&s.sections.join(" ")),
                        csv(&s.language),
                        csv(&s.address),
                        s.created_at
                    );
                    Ok(())
                })
                .await?;
        }
        SubscribersAction::Remove { address } => {
            let removed = store.remove_subscriber(address.trim()).await?;
            println!(
                "removed {removed} subscription(s) of {}",
                crate::masked(&address)
            );
        }
    }
    Ok(())
}

/// One CSV field, quoted when needed (and never starting with a formula character).
fn csv(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

async fn outbox(database_url: &str, action: OutboxAction) -> Result<(), Failed> {
    let store = Store::connect(database_url).await?;
    let show = |entries: Vec<crate::store::OutboxEntry>| {
        for e in entries {
            println!(
                "{}\t{}\t{}\t{}\tattempts={}\tnext={}\t{}",
                e.id,
                e.region,
                e.change_key,
                crate::masked(&e.address),
                e.attempts,
                e.next_attempt_at,
                e.last_error.unwrap_or_default()
            );
        }
    };
    match action {
        OutboxAction::Pending => {
            println!("{} pending", store.outbox_count("pending").await?);
            show(store.outbox("pending", 100).await?);
        }
        OutboxAction::Failed => {
            println!("{} failed", store.outbox_count("failed").await?);
            show(store.outbox("failed", 1000).await?);
        }
        OutboxAction::Retry { id } => {
            let now = chrono::Utc::now().timestamp();
            println!(
                "{} message(s) queued again",
                store.retry_failed(id, now).await?
            );
        }
    }
    Ok(())
}
