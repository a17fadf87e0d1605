//! The calculator's answers for real policies and centres: due instants, timelines, levels,
//! notes where the document gives no number, and the pending-ticket timer.

use std::fs;
use std::path::Path;

use beacon_core::sla::engine::{
    earliest_development_review, forwarded_timer, pending_timer, resolve_level, LevelChoice,
    SlaCalculator, SlaError, TargetOutcome,
};
use beacon_core::sla::{BusinessCalendar, BusinessDayRule, Policy};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

fn policy(file: &str) -> Policy {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join("public/policies")
        .join(file);
    Policy::from_json(file, &fs::read_to_string(path).unwrap()).unwrap()
}

fn centre(id: &str) -> BusinessCalendar {
    let path = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .join(format!("public/policies/calendars/{id}.json"));
    BusinessCalendar::from_json(id, &fs::read_to_string(path).unwrap()).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, mi: u32, offset_hours: i64) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, mi, 0)
        .unwrap()
        .and_utc()
        - TimeDelta::hours(offset_hours)
}

fn due(o: &TargetOutcome) -> &beacon_core::sla::engine::DueTime {
    match o {
        TargetOutcome::Due(d) => d,
        TargetOutcome::NotStated { note } => panic!("not stated: {note}"),
    }
}

#[test]
fn black_duck_standard_critical_submitted_friday_evening_in_berlin() {
    let a = policy("model-a-black-duck.json");
    let de = centre("de");
    let calc = SlaCalculator::new(&a, "standard", &de).unwrap();
    // Friday 2026-01-16 17:00 CET: 1 h left today (until 18:00), then Monday 08:00-09:00.
    let out = calc
        .outcome(
            LevelChoice::Level("critical"),
            at(2026, 1, 16, 17, 0, 1),
            BusinessDayRule::default(),
        )
        .unwrap();
    let first = due(&out.first_response);
    assert_eq!(first.due, at(2026, 1, 19, 9, 0, 1));
    assert_eq!(first.clock_starts, at(2026, 1, 16, 17, 0, 1));
    let pause = first.first_pause.unwrap();
    assert_eq!(
        (pause.start, pause.resume),
        (at(2026, 1, 16, 18, 0, 1), at(2026, 1, 19, 8, 0, 1))
    );
    let running: Vec<bool> = first.segments.iter().map(|s| s.running).collect();
    assert_eq!(running, [true, false, true]);
    assert_eq!(
        first.segments.first().unwrap().start,
        at(2026, 1, 16, 17, 0, 1)
    );
    assert_eq!(first.segments.last().unwrap().end, first.due);
    // Resolution "within 2 business days" = 20 business hours of a 10-hour day.
    assert_eq!(due(&out.resolution).due, at(2026, 1, 20, 17, 0, 1));
}

#[test]
fn black_duck_premium_runs_around_the_clock_through_holidays() {
    let a = policy("model-a-black-duck.json");
    let de = centre("de");
    let calc = SlaCalculator::new(&a, "premium", &de).unwrap();
    let christmas = at(2026, 12, 25, 10, 0, 1);
    let out = calc
        .outcome(
            LevelChoice::Level("medium"),
            christmas,
            BusinessDayRule::default(),
        )
        .unwrap();
    assert_eq!(
        due(&out.first_response).due,
        christmas + TimeDelta::hours(4)
    );
    assert_eq!(due(&out.first_response).first_pause, None);
}

#[test]
fn enhanced_plan_response_is_not_stated_but_resolution_is() {
    let a = policy("model-a-black-duck.json");
    let us = centre("us");
    let monday = at(2026, 3, 2, 9, 0, -5);
    let out = SlaCalculator::new(&a, "enhanced", &us)
        .unwrap()
        .outcome(
            LevelChoice::Level("low"),
            monday,
            BusinessDayRule::default(),
        )
        .unwrap();
    assert!(
        matches!(&out.first_response, TargetOutcome::NotStated { note } if note.contains("Standard and Premium plans only"))
    );
    // 15 business days of Monday-Friday 08:00-18:00: three weeks on, across the US change to
    // daylight time on 8 March (09:00 EDT is UTC-4).
    assert_eq!(due(&out.resolution).due, at(2026, 3, 23, 9, 0, -4));
}

/// "Für Kunden mit dem Enhanced-Kundendienstplan ist der Kundendienst der Ebene 1 rund um die
/// Uhr und 7 Tage die Woche verfügbar" - level 1 only; the resolution target is level-2 work
/// ("Versuch, Abhilfemaßnahmen ... innerhalb des in Abschnitt ‚Reaktions- und Lösungsziele' ...
/// definierten Zeitrahmens bereitzustellen"), and level 2 is round the clock on Premium only.
#[test]
fn enhanced_resolution_runs_on_business_days_premium_around_the_clock() {
    let a = policy("model-a-black-duck.json");
    let de = centre("de");
    let friday_5pm = at(2026, 3, 6, 17, 0, 1);
    let resolution = |plan: &str| {
        let out = SlaCalculator::new(&a, plan, &de)
            .unwrap()
            .outcome(
                LevelChoice::Level("critical"),
                friday_5pm,
                BusinessDayRule::default(),
            )
            .unwrap();
        due(&out.resolution).due
    };
    let tuesday_5pm = at(2026, 3, 10, 17, 0, 1);
    assert_eq!(resolution("enhanced"), tuesday_5pm);
    assert_eq!(resolution("standard"), tuesday_5pm);
    assert_eq!(resolution("premium"), at(2026, 3, 8, 17, 0, 1));
    let enhanced = SlaCalculator::new(&a, "enhanced", &de).unwrap();
    assert!(enhanced.calendar().unwrap().hours().is_always_open());
    assert!(!enhanced
        .resolution_calendar()
        .unwrap()
        .hours()
        .is_always_open());
}

#[test]
fn zmanda_matrix_priority_and_customer_override() {
    let b = policy("model-b-zmanda.json");
    let gb = centre("gb");
    let calc = SlaCalculator::new(&b, "standard", &gb).unwrap();
    let monday_4pm = at(2026, 6, 1, 16, 0, 1); // BST
    let assigned = calc
        .outcome(
            LevelChoice::UrgencyImpact {
                urgency: "medium",
                impact: "high",
                customer_override: None,
            },
            monday_4pm,
            BusinessDayRule::default(),
        )
        .unwrap();
    assert_eq!(assigned.level.effective, "P2");
    // P2 standard: 3 business hours → 1 h Monday, 2 h Tuesday → Tuesday 10:00.
    assert_eq!(due(&assigned.first_response).due, at(2026, 6, 2, 10, 0, 1));
    let overridden = calc
        .outcome(
            LevelChoice::UrgencyImpact {
                urgency: "medium",
                impact: "high",
                customer_override: Some("P1"),
            },
            monday_4pm,
            BusinessDayRule::default(),
        )
        .unwrap();
    assert_eq!(overridden.level.assigned.as_deref(), Some("P2"));
    assert_eq!(overridden.level.effective, "P1");
    assert_eq!(
        due(&overridden.first_response).due,
        at(2026, 6, 1, 17, 0, 1)
    );
    let premium = SlaCalculator::new(&b, "premium", &gb)
        .unwrap()
        .outcome(
            LevelChoice::Level("P1"),
            at(2026, 6, 6, 23, 50, 1),
            BusinessDayRule::default(),
        )
        .unwrap();
    assert_eq!(due(&premium.first_response).due, at(2026, 6, 7, 0, 5, 1));
    assert!(matches!(
        premium.resolution,
        TargetOutcome::NotStated { .. }
    ));
}

#[test]
fn level_errors_are_specific() {
    let b = policy("model-b-zmanda.json");
    let a = policy("model-a-black-duck.json");
    assert_eq!(
        resolve_level(
            &b,
            LevelChoice::UrgencyImpact {
                urgency: "urgent",
                impact: "high",
                customer_override: None
            }
        ),
        Err(SlaError::UnknownUrgency("urgent".into()))
    );
    assert_eq!(
        resolve_level(
            &b,
            LevelChoice::UrgencyImpact {
                urgency: "low",
                impact: "huge",
                customer_override: None
            }
        ),
        Err(SlaError::UnknownImpact("huge".into()))
    );
    assert_eq!(
        resolve_level(
            &a,
            LevelChoice::UrgencyImpact {
                urgency: "low",
                impact: "low",
                customer_override: None
            }
        ),
        Err(SlaError::WrongClassification)
    );
    assert_eq!(
        resolve_level(&a, LevelChoice::Level("P1")),
        Err(SlaError::UnknownLevel("P1".into()))
    );
    assert!(matches!(
        SlaCalculator::new(&a, "gold", &centre("de")),
        Err(SlaError::UnknownPlan(_))
    ));
}

#[test]
fn blancco_has_no_numbers_except_the_weekend_callback() {
    let c = policy("model-c-blancco.json");
    let jp = centre("jp");
    let spe = SlaCalculator::new(&c, "spe", &jp).unwrap();
    let saturday = at(2026, 2, 7, 11, 0, 9);
    let out = spe
        .outcome(
            LevelChoice::Level("1"),
            saturday,
            BusinessDayRule::default(),
        )
        .unwrap();
    assert!(matches!(
        out.first_response,
        TargetOutcome::NotStated { .. }
    ));
    assert!(matches!(out.resolution, TargetOutcome::NotStated { .. }));
    assert_eq!(
        out.weekend_callback.unwrap().due,
        saturday + TimeDelta::hours(4)
    );
    let weekday = spe
        .outcome(
            LevelChoice::Level("1"),
            at(2026, 2, 9, 11, 0, 9),
            BusinessDayRule::default(),
        )
        .unwrap();
    assert_eq!(weekday.weekend_callback, None);
    let sp3 = SlaCalculator::new(&c, "sp3", &jp).unwrap();
    assert!(sp3.calendar().is_none(), "SP3 hours are not stated");
    let sp2 = SlaCalculator::new(&c, "sp2", &jp).unwrap();
    assert_eq!(sp2.calendar().unwrap().zone(), "Asia/Tokyo");
}

#[test]
fn dropsuite_pending_ticket_reminder_and_auto_close() {
    let d = policy("dropsuite-pending.json");
    let us = centre("us");
    // Pending since Thursday 2026-01-15 15:00 EST: reminder Friday 15:00; 48 business hours of
    // whole weekdays: 9 h Thursday + 24 h Friday + 15 h Monday → Monday 15:00.
    let since = at(2026, 1, 15, 15, 0, -5);
    let timer = pending_timer(&d, &us, since).unwrap();
    assert_eq!(timer.reminder.due, since + TimeDelta::hours(24));
    assert_eq!(timer.auto_close.due, at(2026, 1, 19, 15, 0, -5));
    let review = earliest_development_review(&d, &us, since)
        .unwrap()
        .unwrap();
    assert_eq!(review.due, since + TimeDelta::hours(24));
    assert_eq!(
        pending_timer(&policy("model-a-black-duck.json"), &us, since),
        Err(SlaError::NoLifecycle)
    );
}

/// "Wenn Ihr Ticket an unser Support-Team weitergeleitet wurde, wird sich dieses nach 24 Stunden
/// mit Ihnen in Verbindung setzen und das Ticket nach 48 Stunden manuell schließen."
#[test]
fn dropsuite_forwarded_ticket_contact_after_24_hours_manual_close_after_48() {
    let d = policy("dropsuite-pending.json");
    let de = centre("de");
    // Forwarded Friday 2026-01-16 10:00 CET: clock hours, weekend or not.
    let forwarded = at(2026, 1, 16, 10, 0, 1);
    let timer = forwarded_timer(&d, &de, forwarded).unwrap().unwrap();
    assert_eq!(timer.contact.due, at(2026, 1, 17, 10, 0, 1));
    assert_eq!(timer.manual_close.due, at(2026, 1, 18, 10, 0, 1));
    assert_eq!(
        forwarded_timer(&policy("model-a-black-duck.json"), &de, forwarded),
        Err(SlaError::NoLifecycle)
    );
}

/// "We bieden premium support-SLA's aan onze proefklanten tijdens de evaluatieperiode."
#[test]
fn zmanda_trial_customers_get_the_premium_due_times() {
    let b = policy("model-b-zmanda.json");
    let gb = centre("gb");
    let saturday = at(2026, 6, 6, 11, 0, 1);
    let due_on = |plan: &str| {
        let out = SlaCalculator::new(&b, plan, &gb)
            .unwrap()
            .outcome(
                LevelChoice::Level("P1"),
                saturday,
                BusinessDayRule::default(),
            )
            .unwrap();
        due(&out.first_response).due
    };
    assert_eq!(due_on("trial"), saturday + TimeDelta::minutes(15));
    assert_eq!(due_on("trial"), due_on("premium"));
}
