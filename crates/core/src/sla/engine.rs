//! What the SLA calculator shows: for a policy, plan, level, support centre and submission
//! instant, the targets as the policy states them, their due instants, and the clock timeline.

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use thiserror::Error;

use super::calendar::{
    BusinessCalendar, BusinessDayRule, CalendarError, ClockSegment, WeeklyHours,
};
use super::policy::{Classification, Coverage, Plan, Policy, Target, TargetRow, TargetUnit};

/// Most clock segments returned for one timeline (a 15-business-day target has about 40).
pub const MAX_TIMELINE_SEGMENTS: usize = 400;

/// Why targets could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SlaError {
    /// The policy has no plan with this id.
    #[error("unknown plan {0:?}")]
    UnknownPlan(String),
    /// The policy has no severity or priority with this id.
    #[error("unknown severity or priority {0:?}")]
    UnknownLevel(String),
    /// The urgency is not in the policy's matrix.
    #[error("unknown urgency {0:?}")]
    UnknownUrgency(String),
    /// The impact is not in the policy's matrix.
    #[error("unknown impact {0:?}")]
    UnknownImpact(String),
    /// The policy does not let the customer override the priority.
    #[error("this policy does not allow the customer to override the priority")]
    OverrideNotAllowed,
    /// A severity was given for a matrix policy, or urgency/impact for a severity policy.
    #[error("this policy classifies tickets differently")]
    WrongClassification,
    /// The policy has no targets (lifecycle rules only).
    #[error("this policy has no targets")]
    NoTargets,
    /// The policy has no pending-ticket rules.
    #[error("this policy has no pending-ticket rules")]
    NoLifecycle,
    /// Calendar arithmetic failed (instant outside the supported years).
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// How the user picked the ticket's level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelChoice<'a> {
    /// A severity or priority id, e.g. `"critical"` or `"P2"`.
    Level(&'a str),
    /// Urgency and impact ids for a matrix policy, with an optional customer override
    /// (a priority id).
    UrgencyImpact {
        /// Urgency id.
        urgency: &'a str,
        /// Impact id.
        impact: &'a str,
        /// Priority the customer chose instead of the assigned one.
        customer_override: Option<&'a str>,
    },
}

/// The level a ticket ends up with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLevel {
    /// Priority the matrix assigns (matrix policies only).
    pub assigned: Option<String>,
    /// Level whose targets apply (the override if the customer gave one).
    pub effective: String,
}

/// Resolves a [`LevelChoice`] against the policy's classification.
pub fn resolve_level(policy: &Policy, choice: LevelChoice<'_>) -> Result<ResolvedLevel, SlaError> {
    let classification = policy.classification.as_ref().ok_or(SlaError::NoTargets)?;
    match (classification, choice) {
        (_, LevelChoice::Level(id)) => {
            if classification.target_levels().iter().any(|l| l.id == id) {
                Ok(ResolvedLevel {
                    assigned: None,
                    effective: id.to_owned(),
                })
            } else {
                Err(SlaError::UnknownLevel(id.to_owned()))
            }
        }
        (
            Classification::Matrix {
                urgencies,
                impacts,
                priorities,
                cells,
                customer_override: allowed,
            },
            LevelChoice::UrgencyImpact {
                urgency,
                impact,
                customer_override,
            },
        ) => {
            let u = urgencies
                .iter()
                .position(|l| l.id == urgency)
                .ok_or_else(|| SlaError::UnknownUrgency(urgency.to_owned()))?;
            let i = impacts
                .iter()
                .position(|l| l.id == impact)
                .ok_or_else(|| SlaError::UnknownImpact(impact.to_owned()))?;
            let assigned = cells[u][i].clone();
            let effective = match customer_override {
                None => assigned.clone(),
                Some(_) if !allowed => return Err(SlaError::OverrideNotAllowed),
                Some(p) if priorities.iter().any(|l| l.id == p) => p.to_owned(),
                Some(p) => return Err(SlaError::UnknownLevel(p.to_owned())),
            };
            Ok(ResolvedLevel {
                assigned: Some(assigned),
                effective,
            })
        }
        (Classification::Severities { .. }, LevelChoice::UrgencyImpact { .. }) => {
            Err(SlaError::WrongClassification)
        }
    }
}

/// A paused stretch of a running clock: when it stopped and when it resumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// When the clock stops (a closing time).
    pub start: DateTime<Utc>,
    /// When it runs again (the next opening).
    pub resume: DateTime<Utc>,
}

/// A target with its due instant and clock timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueTime {
    /// The target as the policy states it.
    pub target: Target,
    /// When the clock starts: the submission, or the next opening if submitted outside hours.
    pub clock_starts: DateTime<Utc>,
    /// The due instant.
    pub due: DateTime<Utc>,
    /// Running and paused stretches from submission to due (at most
    /// [`MAX_TIMELINE_SEGMENTS`]).
    pub segments: Vec<ClockSegment>,
    /// The first pause after the clock started, for a one-line explanation ("paused at 18:00
    /// Friday, resumes 08:00 Monday").
    pub first_pause: Option<Pause>,
}

/// One target of the outcome: computed, or not given by the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetOutcome {
    /// The target and its due time.
    Due(DueTime),
    /// The document gives no number; the note says so.
    NotStated {
        /// The policy's note.
        note: String,
    },
}

/// Everything the calculator shows for one ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlaOutcome {
    /// Level resolution (matrix result and override).
    pub level: ResolvedLevel,
    /// First response target.
    pub first_response: TargetOutcome,
    /// Resolution target.
    pub resolution: TargetOutcome,
    /// Weekend callback, when the plan has one and the ticket was submitted on a local weekend.
    pub weekend_callback: Option<DueTime>,
    /// Remarks of the policy's target row.
    pub note: Option<String>,
}

/// The coverage calendar of a plan at a support centre, or `None` if the hours are not stated.
/// Around-the-clock coverage ignores holidays.
pub fn coverage_calendar(
    coverage: &Coverage,
    centre: &BusinessCalendar,
) -> Option<BusinessCalendar> {
    match coverage {
        Coverage::AroundTheClock => Some(centre.with_hours(WeeklyHours::always_open(), false)),
        Coverage::WeeklyHours {
            hours,
            centre_holidays,
        } => Some(centre.with_hours(hours.clone(), *centre_holidays)),
        Coverage::CentreHours => Some(centre.clone()),
        Coverage::NotStated => None,
    }
}

/// Computes due times for one plan at one support centre. Build it once per plan/centre
/// selection (it prepares the coverage calendar) and call [`SlaCalculator::outcome`] per ticket.
#[derive(Debug, Clone)]
pub struct SlaCalculator<'a> {
    policy: &'a Policy,
    plan: &'a Plan,
    centre: &'a BusinessCalendar,
    calendar: Option<BusinessCalendar>,
    resolution_calendar: Option<Option<BusinessCalendar>>,
}

impl<'a> SlaCalculator<'a> {
    /// Prepares the calculator for `plan_id` of `policy` at `centre`.
    pub fn new(
        policy: &'a Policy,
        plan_id: &str,
        centre: &'a BusinessCalendar,
    ) -> Result<SlaCalculator<'a>, SlaError> {
        let plan = policy
            .plan(plan_id)
            .ok_or_else(|| SlaError::UnknownPlan(plan_id.to_owned()))?;
        Ok(SlaCalculator {
            policy,
            plan,
            centre,
            calendar: coverage_calendar(&plan.coverage, centre),
            resolution_calendar: plan
                .resolution_coverage
                .as_ref()
                .map(|c| coverage_calendar(c, centre)),
        })
    }

    /// The calendar the plan's clock runs on here (`None` if the document states no hours).
    pub fn calendar(&self) -> Option<&BusinessCalendar> {
        self.calendar.as_ref()
    }

    /// The calendar the resolution clock runs on here: the plan's own resolution hours if it has
    /// them ([`Plan::resolution_coverage`]), else [`Self::calendar`].
    pub fn resolution_calendar(&self) -> Option<&BusinessCalendar> {
        match &self.resolution_calendar {
            Some(own) => own.as_ref(),
            None => self.calendar.as_ref(),
        }
    }

    /// Targets, due instants and timelines for a ticket submitted at `submitted`.
    pub fn outcome(
        &self,
        choice: LevelChoice<'_>,
        submitted: DateTime<Utc>,
        business_days: BusinessDayRule,
    ) -> Result<SlaOutcome, SlaError> {
        let level = resolve_level(self.policy, choice)?;
        let row: &TargetRow = self
            .policy
            .target_row(&self.plan.id, &level.effective)
            .ok_or_else(|| SlaError::UnknownLevel(level.effective.clone()))?;
        let outcome = |t: Option<Target>,
                       calendar: Option<&BusinessCalendar>|
         -> Result<TargetOutcome, SlaError> {
            match t {
                Some(t) => Ok(TargetOutcome::Due(due_time(
                    calendar,
                    t,
                    submitted,
                    business_days,
                )?)),
                None => Ok(TargetOutcome::NotStated {
                    note: row.note.clone().unwrap_or_default(),
                }),
            }
        };
        let weekend_callback = match row.weekend_callback {
            Some(t) if self.is_local_weekend(submitted) => {
                Some(self.due_time(t, submitted, business_days)?)
            }
            _ => None,
        };
        Ok(SlaOutcome {
            first_response: outcome(row.first_response, self.calendar())?,
            resolution: outcome(row.resolution, self.resolution_calendar())?,
            weekend_callback,
            note: row.note.clone(),
            level,
        })
    }

    fn is_local_weekend(&self, t: DateTime<Utc>) -> bool {
        let offset = self.centre.tz_rule().offset_at(t.timestamp());
        let local = t + TimeDelta::seconds(i64::from(offset));
        local.weekday().num_days_from_monday() >= 5
    }

    fn due_time(
        &self,
        target: Target,
        submitted: DateTime<Utc>,
        business_days: BusinessDayRule,
    ) -> Result<DueTime, SlaError> {
        due_time(self.calendar.as_ref(), target, submitted, business_days)
    }
}

/// Due time of `target` from `start` on `calendar` (clock units ignore the calendar).
fn due_time(
    calendar: Option<&BusinessCalendar>,
    target: Target,
    start: DateTime<Utc>,
    business_days: BusinessDayRule,
) -> Result<DueTime, SlaError> {
    let amount = i64::from(target.amount);
    let business = match (target.unit, calendar) {
        (TargetUnit::Minutes, _) => None,
        (TargetUnit::Hours, _) => None,
        (_, None) => return Err(SlaError::NoTargets),
        (unit, Some(cal)) => Some((unit, cal)),
    };
    let Some((unit, cal)) = business else {
        let span = match target.unit {
            TargetUnit::Minutes => TimeDelta::minutes(amount),
            _ => TimeDelta::hours(amount),
        };
        let due = start + span;
        return Ok(DueTime {
            target,
            clock_starts: start,
            due,
            segments: vec![ClockSegment {
                start,
                end: due,
                running: true,
            }],
            first_pause: None,
        });
    };
    let due = match unit {
        TargetUnit::BusinessMinutes => cal.add_business_time(start, TimeDelta::minutes(amount))?,
        TargetUnit::BusinessHours => cal.add_business_time(start, TimeDelta::hours(amount))?,
        _ => cal.add_business_days(start, target.amount, business_days)?,
    };
    let clock_starts = cal.next_opening(start)?;
    let segments = cal.clock_segments(start, due, MAX_TIMELINE_SEGMENTS)?;
    let first_pause = segments
        .iter()
        .skip_while(|s| !s.running)
        .find(|s| !s.running)
        .map(|s| Pause {
            start: s.start,
            resume: s.end,
        });
    Ok(DueTime {
        target,
        clock_starts,
        due,
        segments,
        first_pause,
    })
}

/// Pending-ticket timers: when the customer is reminded and when the ticket closes itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingTimer {
    /// Reminder sent to the customer.
    pub reminder: DueTime,
    /// Automatic close after inactivity.
    pub auto_close: DueTime,
}

/// Pending-ticket timers of `policy` for a ticket pending (inactive) since `pending_since`, with
/// business time counted in the policy's lifecycle coverage at `centre`.
pub fn pending_timer(
    policy: &Policy,
    centre: &BusinessCalendar,
    pending_since: DateTime<Utc>,
) -> Result<PendingTimer, SlaError> {
    let lifecycle = policy.lifecycle.as_ref().ok_or(SlaError::NoLifecycle)?;
    let calendar = coverage_calendar(&lifecycle.coverage, centre);
    let rule = BusinessDayRule::default();
    Ok(PendingTimer {
        reminder: due_time(
            calendar.as_ref(),
            lifecycle.pending_reminder,
            pending_since,
            rule,
        )?,
        auto_close: due_time(
            calendar.as_ref(),
            lifecycle.pending_auto_close,
            pending_since,
            rule,
        )?,
    })
}

/// Earliest instant development can have reviewed a ticket escalated at `escalated`
/// (the policy's stated minimum), if the policy states one.
pub fn earliest_development_review(
    policy: &Policy,
    centre: &BusinessCalendar,
    escalated: DateTime<Utc>,
) -> Result<Option<DueTime>, SlaError> {
    let lifecycle = policy.lifecycle.as_ref().ok_or(SlaError::NoLifecycle)?;
    let Some(target) = lifecycle.development_review_at_least else {
        return Ok(None);
    };
    let calendar = coverage_calendar(&lifecycle.coverage, centre);
    due_time(
        calendar.as_ref(),
        target,
        escalated,
        BusinessDayRule::default(),
    )
    .map(Some)
}

/// A ticket forwarded to the support team: when the team makes contact and when it closes the
/// ticket by hand ("wird sich dieses nach 24 Stunden mit Ihnen in Verbindung setzen und das
/// Ticket nach 48 Stunden manuell schließen").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForwardedTimer {
    /// The support team gets in touch.
    pub contact: DueTime,
    /// The support team closes the ticket by hand.
    pub manual_close: DueTime,
}

/// The forwarded-ticket timers of `policy` for a ticket forwarded at `forwarded`, or `None` if
/// the policy states no such rule.
pub fn forwarded_timer(
    policy: &Policy,
    centre: &BusinessCalendar,
    forwarded: DateTime<Utc>,
) -> Result<Option<ForwardedTimer>, SlaError> {
    let lifecycle = policy.lifecycle.as_ref().ok_or(SlaError::NoLifecycle)?;
    let (Some(contact), Some(close)) = (
        lifecycle.forwarded_contact,
        lifecycle.forwarded_manual_close,
    ) else {
        return Ok(None);
    };
    let calendar = coverage_calendar(&lifecycle.coverage, centre);
    let rule = BusinessDayRule::default();
    Ok(Some(ForwardedTimer {
        contact: due_time(calendar.as_ref(), contact, forwarded, rule)?,
        manual_close: due_time(calendar.as_ref(), close, forwarded, rule)?,
    }))
}
