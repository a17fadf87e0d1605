//! A visitor's browser-notification choices, kept per region in local storage.

use serde::{Deserialize, Serialize};

/// A visitor's browser-notification choices for one region, kept in local storage under
/// [`NotificationChoice::storage_key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationChoice {
    /// True while the visitor wants notifications; turning them off keeps the sections.
    pub enabled: bool,
    /// The top-level component ids chosen.
    pub sections: Vec<String>,
}

impl NotificationChoice {
    /// The local-storage key of a region's choice.
    pub fn storage_key(region_id: &str) -> String {
        format!("beacon.notify.{region_id}")
    }

    /// Reads a stored choice; anything unreadable counts as no choice.
    pub fn from_stored(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }

    /// The text to store.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_round_trip_and_garbage_is_no_choice() {
        let choice = NotificationChoice {
            enabled: true,
            sections: vec!["em-backups".into()],
        };
        assert_eq!(
            NotificationChoice::from_stored(&choice.to_stored()),
            Some(choice)
        );
        assert_eq!(NotificationChoice::from_stored("yes please"), None);
        assert_eq!(
            NotificationChoice::storage_key("emea"),
            "beacon.notify.emea"
        );
    }
}
