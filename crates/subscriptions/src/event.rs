//! A change as the outbox keeps it: what one e-mail, webhook or chat message says, stored with
//! its event so a delivery needs nothing but its row.

use beacon_core::notify::Change;
use beacon_core::status::{ComponentStatus, IncidentStatus};
use serde::{Deserialize, Serialize};

/// A change as stored with its event: what the e-mail, the webhook and the chat messages need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPayload {
    /// Region id.
    pub region: String,
    /// Region name.
    pub region_name: String,
    /// The site's name.
    pub site_name: String,
    /// The page to read it on (the incident's page, or the region's).
    pub link: String,
    /// The change.
    pub change: StoredChange,
    /// The Statuspage subscriber-webhook body without `meta`: `page` and `incident`, or
    /// `page`, `component_update` and `component`.
    pub webhook: serde_json::Value,
}

/// [`Change`] as stored (statuses by their wire names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum StoredChange {
    /// See [`Change::NewIncident`].
    NewIncident {
        id: String,
        name: String,
        maintenance: bool,
        status: String,
        message: String,
        sections: Vec<String>,
    },
    /// See [`Change::NewUpdate`].
    NewUpdate {
        id: String,
        update_id: String,
        name: String,
        maintenance: bool,
        status: String,
        message: String,
        sections: Vec<String>,
    },
    /// See [`Change::MaintenanceReminder`].
    MaintenanceReminder {
        id: String,
        name: String,
        message: String,
        sections: Vec<String>,
    },
    /// See [`Change::StatusChange`].
    StatusChange {
        id: String,
        name: String,
        section: String,
        from: String,
        to: String,
    },
}

impl From<&Change> for StoredChange {
    fn from(change: &Change) -> Self {
        match change.clone() {
            Change::NewIncident {
                id,
                name,
                maintenance,
                status,
                message,
                sections,
            } => StoredChange::NewIncident {
                id,
                name,
                maintenance,
                status: status.as_str().to_owned(),
                message,
                sections,
            },
            Change::NewUpdate {
                id,
                update_id,
                name,
                maintenance,
                status,
                message,
                sections,
            } => StoredChange::NewUpdate {
                id,
                update_id,
                name,
                maintenance,
                status: status.as_str().to_owned(),
                message,
                sections,
            },
            Change::MaintenanceReminder {
                id,
                name,
                message,
                sections,
            } => StoredChange::MaintenanceReminder {
                id,
                name,
                message,
                sections,
            },
            Change::StatusChange {
                id,
                name,
                section,
                from,
                to,
            } => StoredChange::StatusChange {
                id,
                name,
                section,
                from: from.as_str().to_owned(),
                to: to.as_str().to_owned(),
            },
        }
    }
}

impl StoredChange {
    /// The change again, for its wording ([`Change::headline`]).
    pub fn to_change(&self) -> Change {
        match self.clone() {
            StoredChange::NewIncident {
                id,
                name,
                maintenance,
                status,
                message,
                sections,
            } => Change::NewIncident {
                id,
                name,
                maintenance,
                status: IncidentStatus::from_wire(&status),
                message,
                sections,
            },
            StoredChange::NewUpdate {
                id,
                update_id,
                name,
                maintenance,
                status,
                message,
                sections,
            } => Change::NewUpdate {
                id,
                update_id,
                name,
                maintenance,
                status: IncidentStatus::from_wire(&status),
                message,
                sections,
            },
            StoredChange::MaintenanceReminder {
                id,
                name,
                message,
                sections,
            } => Change::MaintenanceReminder {
                id,
                name,
                message,
                sections,
            },
            StoredChange::StatusChange {
                id,
                name,
                section,
                from,
                to,
            } => Change::StatusChange {
                id,
                name,
                section,
                from: ComponentStatus::from_wire(&from),
                to: ComponentStatus::from_wire(&to),
            },
        }
    }

    /// The message text, if the change carries one.
    pub fn message(&self) -> Option<&str> {
        match self {
            StoredChange::NewIncident { message, .. }
            | StoredChange::NewUpdate { message, .. }
            | StoredChange::MaintenanceReminder { message, .. } => Some(message),
            StoredChange::StatusChange { .. } => None,
        }
    }
}
