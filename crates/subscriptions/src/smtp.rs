//! The connection to the mail relay. `smtp://` and `smtp+starttls://` relays get connections of
//! the service's own, kept open and reused, with `TCP_NODELAY` set: the mail library writes a
//! message's body and its closing dot in two writes, and on a socket with Nagle's algorithm on
//! the second waits for the relay's delayed acknowledgement (about 40 ms on Linux) — per
//! message, which would cap a connection at some 25 messages a second. `smtps://` (TLS from the
//! first byte) goes through the library's own pooled transport.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::{Mutex, Semaphore};

/// Sends e-mails through the configured relay; cheap to clone (all clones share connections).
#[derive(Clone)]
pub struct Mailer(Route);

#[derive(Clone)]
enum Route {
    Direct(Arc<Direct>),
    Library(AsyncSmtpTransport<Tokio1Executor>),
}

/// Why an e-mail was not handed to the relay.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The relay answered with an error, or the conversation broke off.
    #[error("{0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    /// The relay could not be reached.
    #[error("cannot reach the mail relay: {0}")]
    Connect(io::Error),
}

impl MailError {
    /// True for a refusal that sending again will not change (SMTP 5xx).
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Smtp(err) if err.is_permanent())
    }
}

/// A relay reached over connections of the service's own.
struct Direct {
    host: String,
    port: u16,
    starttls: bool,
    credentials: Option<Credentials>,
    timeout: Duration,
    idle: Mutex<Vec<AsyncSmtpConnection>>,
    slots: Semaphore,
}

impl Mailer {
    /// A relay reached directly (`smtp://`, `smtp+starttls://`), with at most `connections`
    /// open at once.
    pub fn direct(
        host: String,
        port: u16,
        starttls: bool,
        credentials: Option<Credentials>,
        timeout: Duration,
        connections: u32,
    ) -> Mailer {
        Mailer(Route::Direct(Arc::new(Direct {
            host,
            port,
            starttls,
            credentials,
            timeout,
            idle: Mutex::new(Vec::new()),
            slots: Semaphore::new(connections.max(1) as usize),
        })))
    }

    /// A relay reached through the mail library's own transport (`smtps://`).
    pub fn library(transport: AsyncSmtpTransport<Tokio1Executor>) -> Mailer {
        Mailer(Route::Library(transport))
    }

    /// Hands `message` to the relay.
    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        match &self.0 {
            Route::Library(transport) => {
                transport.send(message).await.map(drop).map_err(Into::into)
            }
            Route::Direct(direct) => direct.send(message.envelope(), &message.formatted()).await,
        }
    }
}

impl Direct {
    async fn connect(&self) -> Result<AsyncSmtpConnection, MailError> {
        let address = (self.host.as_str(), self.port);
        let stream = tokio::time::timeout(self.timeout, tokio::net::TcpStream::connect(address))
            .await
            .map_err(|_| MailError::Connect(io::Error::from(io::ErrorKind::TimedOut)))?
            .map_err(MailError::Connect)?;
        stream.set_nodelay(true).map_err(MailError::Connect)?;
        let hello = ClientId::default();
        let mut connection =
            AsyncSmtpConnection::connect_with_transport(Box::new(stream), &hello).await?;
        if self.starttls {
            connection
                .starttls(TlsParameters::new(self.host.clone())?, &hello)
                .await?;
        }
        if let Some(credentials) = &self.credentials {
            connection
                .auth(&[Mechanism::Plain, Mechanism::Login], credentials)
                .await?;
        }
        Ok(connection)
    }

    async fn send(&self, envelope: &Envelope, email: &[u8]) -> Result<(), MailError> {
        let _slot = self
            .slots
            .acquire()
            .await
            .expect("the semaphore is never closed");
        let reused = self.idle.lock().await.pop();
        let was_reused = reused.is_some();
        let mut connection = match reused {
            Some(connection) => connection,
            None => self.connect().await?,
        };
        let mut outcome = self.attempt(&mut connection, envelope, email).await;
        // A kept connection the relay has closed meanwhile fails without an SMTP answer: try
        // once more on a fresh one before calling it a failure.
        if was_reused && matches!(&outcome, Err(MailError::Smtp(err)) if err.status().is_none()) {
            connection = self.connect().await?;
            outcome = self.attempt(&mut connection, envelope, email).await;
        }
        if outcome.is_ok() && !connection.has_broken() {
            self.idle.lock().await.push(connection);
        }
        outcome
    }

    async fn attempt(
        &self,
        connection: &mut AsyncSmtpConnection,
        envelope: &Envelope,
        email: &[u8],
    ) -> Result<(), MailError> {
        match tokio::time::timeout(self.timeout, connection.send(envelope, email)).await {
            Ok(result) => result.map(drop).map_err(Into::into),
            Err(_) => Err(MailError::Connect(io::Error::from(io::ErrorKind::TimedOut))),
        }
    }
}
