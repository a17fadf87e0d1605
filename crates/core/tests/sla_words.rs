//! The SLA calculator's sentences (targets, spans, due dates, reasons) in each language, built
//! from the one text catalogue.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::i18n::*;
use beacon_core::sla::engine::{SlaCalculator, TargetOutcome};
use beacon_core::sla::policy::{Target, TargetUnit};
use beacon_core::sla::present::{self, LevelPick, SlaQuery};
use beacon_core::sla::{BusinessCalendar, Policy};
use chrono::{DateTime, TimeDelta, Utc};

const MODEL_A: &str = include_str!("../../../public/policies/model-a-black-duck.json");
const MODEL_B: &str = include_str!("../../../public/policies/model-b-zmanda.json");
const US: &str = include_str!("../../../public/policies/calendars/us.json");

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn us() -> BusinessCalendar {
    BusinessCalendar::from_json("calendars/us.json", US).unwrap()
}

/// The first-response reason for `plan` of `policy` for a ticket picked by `pairs`.
fn reason(lang: Lang, policy: &str, plan: &str, pairs: &[(&str, &str)], at: &str) -> String {
    let policy = Policy::from_json("policy.json", policy).unwrap();
    let query = SlaQuery::from_params(|name| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| (*v).to_owned())
    });
    let pick = LevelPick::from_query(&policy, &query).unwrap();
    let outcomes = present::outcomes_for_all_plans(lang, &policy, &us(), &pick, utc(at));
    let found = outcomes.into_iter().find(|o| o.plan == plan).unwrap();
    found.first_response_reason.unwrap()
}

#[test]
fn english_reasons_and_dates_read_as_written() {
    let en = Lang::English;
    let t = Target {
        amount: 2,
        unit: TargetUnit::BusinessHours,
    };
    assert_eq!(present::describe_target(en, &t), "2 business hours");
    assert_eq!(
        reason(
            Lang::English,
            MODEL_A,
            "standard",
            &[("severity", "critical")],
            "2026-11-20T21:30:00Z"
        ),
        "filed Friday 16:30: clock stops at 18:00, resumes Monday 08:00"
    );
    assert_eq!(
        present::format_in_centre(en, &us(), utc("2026-11-20T21:30:00Z")),
        "Fri 20 Nov 2026, 16:30 EST"
    );
}

#[test]
fn targets_spans_and_dates_read_in_each_language() {
    let t = |amount, unit| Target { amount, unit };
    let de = Lang::German;
    assert_eq!(
        present::describe_target(de, &t(2, TargetUnit::BusinessHours)),
        "2 Geschäftsstunden"
    );
    assert_eq!(
        present::describe_target(de, &t(1, TargetUnit::BusinessDays)),
        "1 Geschäftstag"
    );
    let fr = Lang::French;
    assert_eq!(
        present::describe_target(fr, &t(0, TargetUnit::Hours)),
        "0 heure"
    );
    assert_eq!(
        present::describe_target(fr, &t(4, TargetUnit::BusinessHours)),
        "4 heures ouvrées"
    );
    let ja = Lang::Japanese;
    assert_eq!(
        present::describe_target(ja, &t(2, TargetUnit::BusinessHours)),
        "2 営業時間"
    );
    assert_eq!(
        present::format_span(de, TimeDelta::minutes(1440 + 125)),
        "1 T. 2 Std. 05 Min."
    );
    let due = utc("2026-11-20T22:00:00Z");
    assert_eq!(
        present::format_countdown(ja, due, utc("2026-11-20T20:54:50Z")),
        "期限まで 1 時間 05 分 10 秒"
    );
    assert_eq!(present::compare_due(de, due, due), "gleiche Zeit");
    assert_eq!(
        present::format_in_centre(de, &us(), utc("2026-11-20T21:30:00Z")),
        "Fr, 20. Nov. 2026, 16:30 EST"
    );
    assert_eq!(
        present::format_in_centre(ja, &us(), utc("2026-11-20T21:30:00Z")),
        "2026年11月20日(金) 16:30 EST"
    );
    let b = Policy::from_json("policy.json", MODEL_B).unwrap();
    assert_eq!(
        present::describe_coverage(de, &b.plan("standard").unwrap().coverage),
        "Mo–Fr 08:00–17:00 Ortszeit, an Feiertagen des Zentrums geschlossen"
    );
}

#[test]
fn the_reason_names_days_in_the_language() {
    assert_eq!(
        reason(
            Lang::Japanese,
            MODEL_A,
            "standard",
            &[("severity", "critical")],
            "2026-11-20T21:30:00Z"
        ),
        "金曜日 16:30 に受付: 18:00 に計測停止、月曜日 08:00 に再開"
    );
    assert_eq!(
        reason(Lang::German, MODEL_B, "standard", &[("urgency", "high"), ("impact", "high")], "2026-11-25T21:30:00Z"),
        "eingereicht Mittwoch 16:30: Uhr hält um 17:00 an, läuft weiter Freitag 08:00 (geschlossen: Thanksgiving Day)"
    );
    assert_eq!(
        reason(
            Lang::French,
            MODEL_B,
            "standard",
            &[("severity", "P2")],
            "2026-11-21T15:00:00Z"
        ),
        "soumis samedi 10:00, hors des heures de support\u{a0}: le compteur démarre lundi 08:00"
    );
}

#[test]
fn every_language_fills_every_sla_template() {
    let (a, b, us) = (
        Policy::from_json("a.json", MODEL_A).unwrap(),
        Policy::from_json("b.json", MODEL_B).unwrap(),
        us(),
    );
    let units = [
        TargetUnit::Minutes,
        TargetUnit::Hours,
        TargetUnit::BusinessMinutes,
        TargetUnit::BusinessHours,
        TargetUnit::BusinessDays,
    ];
    for lang in Lang::ALL {
        let words = lang;
        let mut texts = Vec::new();
        for unit in units {
            for amount in [0, 1, 2] {
                texts.push(present::describe_target(words, &Target { amount, unit }));
            }
        }
        for minutes in [5, 65, 1565] {
            texts.push(present::format_span(words, TimeDelta::minutes(minutes)));
        }
        let due = utc("2026-11-20T22:00:00Z");
        for now in ["2026-11-20T20:54:50Z", "2026-11-20T22:03:00Z"] {
            texts.push(present::format_countdown(words, due, utc(now)));
        }
        for other in [
            "2026-11-20T21:00:00Z",
            "2026-11-20T22:00:00Z",
            "2026-11-21T22:00:00Z",
        ] {
            texts.push(present::compare_due(words, due, utc(other)));
        }
        for month in 1..=12 {
            let t = utc(&format!("2026-{month:02}-15T12:00:00Z"));
            texts.push(present::format_in_centre(words, &us, t));
        }
        for (policy, at) in [
            (&a, "2026-11-20T21:30:00Z"),
            (&b, "2026-11-25T21:30:00Z"),
            (&b, "2026-11-21T15:00:00Z"),
            (&b, "2026-11-24T15:00:00Z"),
        ] {
            for plan in &policy.plans {
                texts.push(present::describe_coverage(words, &plan.coverage));
            }
            let pick = LevelPick::from_query(policy, &SlaQuery::default()).unwrap();
            for o in present::outcomes_for_all_plans(words, policy, &us, &pick, utc(at)) {
                texts.extend(o.first_response_reason);
                texts.extend(o.resolution_reason);
                if let Ok(outcome) = &o.outcome {
                    if let TargetOutcome::Due(due) = &outcome.first_response {
                        let calc = SlaCalculator::new(policy, &o.plan, &us).unwrap();
                        let calendar = calc.calendar().unwrap_or(&us);
                        texts.push(present::explain(words, calendar, utc(at), due));
                    }
                }
            }
        }
        for text in &texts {
            assert!(
                !text.contains('{') && !text.trim().is_empty(),
                "{lang:?}: {text:?}"
            );
        }
        if lang != Lang::English {
            for msg in [Msg::Friday, Msg::SlaBusinessHoursOther] {
                assert_ne!(lang.text(msg), Lang::English.text(msg), "{lang:?} {msg:?}");
            }
        }
    }
}

/// The calculator's footer speaks of the published policies, not of the automatic refreshing
/// that only the status pages do.
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
