//! The one browser notification a poll's changes make for a region.

use super::changes::Change;
use crate::i18n::{Lang, Msg};

/// Most changes a combined notification lists by name.
const NOTICE_LISTED: usize = 4;

/// A browser notification: title, text and a tag that makes the same news from two tabs one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The first line, naming the region.
    pub title: String,
    /// The text under it.
    pub body: String,
    /// Same news, same tag.
    pub tag: String,
}

/// The one notification a poll's `changes` make for the region named `region_name`, in `lang`,
/// or `None` when nothing changed.
pub fn notice(
    region_id: &str,
    region_name: &str,
    changes: &[Change],
    lang: Lang,
) -> Option<Notice> {
    let first = changes.first()?;
    let keys: Vec<String> = changes.iter().map(Change::key).collect();
    let tag = format!("beacon:{region_id}:{}", keys.join(","));
    if changes.len() == 1 {
        return Some(Notice {
            title: format!("{region_name} — {}", first.headline(lang)),
            body: first.detail(lang),
            tag,
        });
    }
    let mut lines: Vec<String> = changes
        .iter()
        .take(NOTICE_LISTED)
        .map(|change| change.headline(lang))
        .collect();
    if changes.len() > NOTICE_LISTED {
        let more = changes.len() - NOTICE_LISTED;
        lines.push(lang.count(more, Msg::NoticeMoreOne, Msg::NoticeMoreOther));
    }
    let count = changes.len().to_string();
    Some(Notice {
        title: format!(
            "{region_name} — {}",
            lang.fill(Msg::NoticeChanges, &[("count", &count)])
        ),
        body: lines.join("\n"),
        tag,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::model::ComponentStatus;

    #[test]
    fn a_long_list_of_changes_says_how_many_more_in_the_language() {
        let change = |n: usize| Change::StatusChange {
            id: format!("c{n}"),
            name: format!("Part {n}"),
            section: format!("c{n}"),
            from: ComponentStatus::Operational,
            to: ComponentStatus::MajorOutage,
        };
        let five: Vec<Change> = (0..5).map(change).collect();
        let six: Vec<Change> = (0..6).map(change).collect();
        let last_line = |changes: &[Change], lang| {
            let shown = notice("emea", "EMEA", changes, lang).unwrap();
            shown.body.lines().last().unwrap().to_string()
        };
        assert_eq!(last_line(&five, Lang::English), "and 1 more");
        assert_eq!(last_line(&six, Lang::English), "and 2 more");
        assert_eq!(last_line(&six, Lang::German), "und 2 weitere");
        assert_eq!(last_line(&five, Lang::Finnish), "ja 1 muu");
        assert_eq!(last_line(&six, Lang::Finnish), "ja 2 muuta");
        assert_eq!(last_line(&six, Lang::SimplifiedChinese), "以及另外 2 项");
        assert_eq!(
            notice("emea", "EMEA", &six, Lang::Dutch).unwrap().title,
            "EMEA — 6 statuswijzigingen"
        );
    }
}
