//! The SLA calculator's own texts: its footer speaks of the published policies, not of the
//! automatic refreshing that only the status pages do.

use beacon_core::i18n::{Lang, Msg};

#[test]
fn the_calculators_footer_does_not_claim_automatic_refreshing() {
    for lang in Lang::ALL {
        let status = lang.table_text(Msg::Footer);
        let calculator = lang.table_text(Msg::SlaFooter);
        let (powered_by, refreshing) = status
            .split_once(['.', '。'])
            .expect("the status footer has two sentences");
        assert!(!refreshing.trim().is_empty(), "{lang:?}");
        assert!(
            !calculator.contains(refreshing.trim()),
            "{lang:?}: {calculator}"
        );
        assert!(calculator.starts_with(powered_by), "{lang:?}: {calculator}");
    }
}
