//! 90-day uptime per component, computed from incident and maintenance history.
//!
//! # The rule
//! - **Timeline.** Each incident gives every component it touches a status over time. Updates'
//!   `affected_components` set the status from that update's `created_at` on (the first one
//!   reaches back to the incident's start, `started_at` else `created_at`). An incident whose
//!   updates name no components counts against the components in its `components` list for its
//!   whole duration, at the status its impact implies: critical → major outage, major → partial
//!   outage, minor → degraded performance, none → no status change. An incident ends at
//!   `resolved_at`; an open one runs until `now`. Where incidents overlap, the worst status wins.
//!   An unknown status counts as degraded performance (visible, no downtime).
//! - **Maintenance.** A maintenance (or an `under_maintenance` status) covers its components
//!   from `started_at`/`scheduled_for` until `resolved_at` (else `scheduled_until` once closed,
//!   else `now`). Maintenance masks everything else: that time is never downtime, and it stays in
//!   the measured time, i.e. it counts as available. (Dropping it from the measured time as well
//!   would let planned work *lower* uptime when it falls on good hours.)
//! - **Downtime** = seconds of major outage × 1 + seconds of partial outage ×
//!   [`PARTIAL_OUTAGE_WEIGHT`]; degraded performance counts 0.
//! - **Uptime %** = 100 × (1 − downtime / measured), where measured runs from the window's first
//!   midnight (or the component's `start_date`, if later) until `now`. Days before `start_date`
//!   have no data and are left out.
//! - **Days** are calendar days in the window's fixed UTC offset (pass the region's current offset,
//!   or zero for UTC; a daylight-saving change inside the window is not followed). The last day is
//!   the one containing `now` and counts only up to `now`.
//! - **Groups** show, per day, the worst of their members; their uptime is the mean of their
//!   members' uptimes. An incident naming a group counts against all its members.
//!
//! Cost: one pass over the incidents to index them by component, then a sort and sweep per
//! component, so O(n log n) in the number of (incident, component) pairs plus O(components ×
//! days).

use crate::sort::{sort_by, sort_by_key};
use chrono::{DateTime, Days, FixedOffset, NaiveDate, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::model::{Component, ComponentStatus, Impact, Incident, IncidentHistory, Summary};

/// How much a second of partial outage counts as downtime (a major outage counts 1).
pub const PARTIAL_OUTAGE_WEIGHT: f64 = 0.5;

const SECONDS_PER_DAY: i64 = 86_400;

/// The days uptime is shown for, ending with the day that contains `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UptimeWindow {
    first_day: NaiveDate,
    day_count: u32,
    offset: FixedOffset,
    now: DateTime<Utc>,
}

impl UptimeWindow {
    /// The `days` calendar days (at least one) in `offset` that end with today, as of `now`.
    pub fn ending_now(now: DateTime<Utc>, days: u32, offset: FixedOffset) -> Self {
        let day_count = days.max(1);
        let today = now.with_timezone(&offset).date_naive();
        let first_day = today
            .checked_sub_days(Days::new(u64::from(day_count - 1)))
            .unwrap_or(NaiveDate::MIN);
        Self {
            first_day,
            day_count,
            offset,
            now,
        }
    }

    /// The first day shown.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last day shown: today in the window's offset.
    pub fn last_day(&self) -> NaiveDate {
        self.now.with_timezone(&self.offset).date_naive()
    }

    /// The moment uptime is computed for.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// The UTC offset days are counted in.
    pub fn offset(&self) -> FixedOffset {
        self.offset
    }

    /// How many days the window has.
    pub fn day_count(&self) -> usize {
        self.day_count as usize
    }

    /// Unix seconds of the local midnight starting `date`.
    fn midnight(&self, date: NaiveDate) -> i64 {
        date.and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp())
            .unwrap_or(i64::MIN / 2)
            - i64::from(self.offset.local_minus_utc())
    }
}

/// One bar of the 90-day strip.
#[derive(Debug, Clone, PartialEq)]
pub struct DayBar {
    /// The calendar day (in the window's offset).
    pub date: NaiveDate,
    /// The worst status seen that day; `None` before the component's `start_date` (no data).
    pub status: Option<ComponentStatus>,
    /// Seconds of major outage (outside maintenance).
    pub major_outage_seconds: i64,
    /// Seconds of partial outage (outside maintenance).
    pub partial_outage_seconds: i64,
    /// Seconds of degraded performance (outside maintenance).
    pub degraded_seconds: i64,
    /// Seconds under maintenance.
    pub maintenance_seconds: i64,
    /// Seconds of the day that are measured (up to `now`, from `start_date`).
    pub measured_seconds: i64,
    /// Incidents and maintenances touching the component that day, earliest start first.
    pub incident_ids: Vec<String>,
}

impl DayBar {
    /// Uptime of this day in percent, by the module's rule; `None` without measured time.
    pub fn uptime_percent(&self) -> Option<f64> {
        percent(
            self.measured_seconds,
            weighted_downtime(self.major_outage_seconds, self.partial_outage_seconds),
        )
    }
}

/// The uptime strip and percentage of one component.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentUptime {
    /// The component's id.
    pub component_id: String,
    /// One bar per day of the window, oldest first.
    pub days: Vec<DayBar>,
    /// Uptime over the window in percent; `None` when nothing was measured.
    pub uptime_percent: Option<f64>,
}

/// Incidents from a summary and a history file, each id once (the summary's copy is newer).
pub fn all_incidents<'a>(summary: &'a Summary, history: &'a IncidentHistory) -> Vec<&'a Incident> {
    let mut seen = HashSet::new();
    summary
        .incidents
        .iter()
        .chain(&summary.scheduled_maintenances)
        .chain(&history.incidents)
        .filter(|incident| seen.insert(incident.id.as_str()))
        .collect()
}

/// An uptime percentage as status pages show it: floored to hundredths, so a figure short of
/// perfect never reads as perfect (99.9999 is shown as 99.99, not 100).
///
/// ```
/// use beacon_core::status::uptime::floor_percent;
///
/// assert_eq!(floor_percent(99.9999), 99.99);
/// assert_eq!(floor_percent(100.0), 100.0);
/// assert_eq!(floor_percent(97.456), 97.45);
/// ```
pub fn floor_percent(percent: f64) -> f64 {
    (percent * 100.0).floor() / 100.0
}

/// An uptime percentage in English, as status pages write it: two decimals of
/// [`floor_percent`] and a percent sign. Uptime lies in 0–100 (see [`ComponentUptime`]); a
/// figure outside it is shown at the nearer bound.
///
/// Written with whole hundredths in integers: the same digits as float formatting, without the
/// standard library's float printer (about 10 KB of the status app's WebAssembly).
///
/// ```
/// use beacon_core::status::uptime::format_percent;
///
/// assert_eq!(format_percent(99.9999), "99.99%");
/// assert_eq!(format_percent(97.5), "97.50%");
/// assert_eq!(format_percent(100.0), "100.00%");
/// assert_eq!(format_percent(0.004), "0.00%");
/// assert_eq!(format_percent(101.0), "100.00%");
/// ```
pub fn format_percent(percent: f64) -> String {
    // `as` saturates and reads NaN as 0.
    let hundredths = (percent.clamp(0.0, 100.0) * 100.0).floor() as u32;
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// A page's uptime strips: every component's, and the names of the incidents their days
/// mention (for the day details).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageUptime {
    /// Uptime by component id.
    pub by_component: HashMap<String, Arc<ComponentUptime>>,
    /// Incident id to name, for each incident some day of the window mentions.
    pub incident_names: Arc<HashMap<String, String>>,
}

impl PageUptime {
    /// The strips of every component of `summary` from its incidents and `history` over
    /// `days` days ending at `now`, counted in the page's UTC offset (that of its `updated_at`,
    /// else UTC).
    pub fn compute(
        summary: &Summary,
        history: &IncidentHistory,
        now: DateTime<Utc>,
        days: u32,
    ) -> Self {
        let incidents = all_incidents(summary, history);
        let offset = summary
            .page
            .updated_at
            .map(|t| *t.offset())
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
        let window = UptimeWindow::ending_now(now, days, offset);
        let by_component: HashMap<String, Arc<ComponentUptime>> =
            component_uptime(&summary.components, &incidents, &window)
                .into_iter()
                .map(|u| (u.component_id.clone(), Arc::new(u)))
                .collect();
        let mentioned: HashSet<&str> = by_component
            .values()
            .flat_map(|u| &u.days)
            .flat_map(|day| &day.incident_ids)
            .map(String::as_str)
            .collect();
        let incident_names = incidents
            .iter()
            .filter(|i| mentioned.contains(i.id.as_str()))
            .map(|i| (i.id.clone(), i.name.clone()))
            .collect();
        PageUptime {
            by_component,
            incident_names: Arc::new(incident_names),
        }
    }
}

/// Severity of a stretch of time for one component (operational is simply absent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Degraded = 0,
    Partial = 1,
    Major = 2,
    Maintenance = 3,
}

/// A stretch of time `[start, end)` in Unix seconds at one level.
#[derive(Debug, Clone, Copy)]
struct Stretch {
    start: i64,
    end: i64,
    level: Level,
}

/// What one component collects from the incidents.
#[derive(Default)]
struct Collected {
    stretches: Vec<Stretch>,
    /// (start, end, index into the incident list)
    touches: Vec<(i64, i64, usize)>,
}

/// The level a status stands for; `None` for operational.
fn level_of(status: &ComponentStatus) -> Option<Level> {
    match status {
        ComponentStatus::Operational => None,
        ComponentStatus::DegradedPerformance | ComponentStatus::Unknown(_) => Some(Level::Degraded),
        ComponentStatus::PartialOutage => Some(Level::Partial),
        ComponentStatus::MajorOutage => Some(Level::Major),
        ComponentStatus::UnderMaintenance => Some(Level::Maintenance),
    }
}

/// The level an incident's impact implies when its updates name no components.
fn level_of_impact(impact: &Impact) -> Option<Level> {
    match impact {
        Impact::None => None,
        Impact::Minor | Impact::Unknown(_) => Some(Level::Degraded),
        Impact::Major => Some(Level::Partial),
        Impact::Critical => Some(Level::Major),
        Impact::Maintenance => Some(Level::Maintenance),
    }
}

/// When an incident stops counting: `resolved_at`; else, once closed, the planned end or the
/// last update; while open, `now`.
fn end_of(incident: &Incident, now: i64) -> i64 {
    if let Some(resolved) = incident.resolved_at {
        return resolved.timestamp().min(now);
    }
    if incident.is_open() {
        return now;
    }
    incident
        .scheduled_until
        .filter(|_| incident.is_maintenance())
        .or_else(|| incident.latest_update().map(|u| u.created_at))
        .unwrap_or_else(|| incident.began_at())
        .timestamp()
        .min(now)
}

/// Adds one incident's stretches and touches to the components it concerns.
fn collect_incident(
    index: usize,
    incident: &Incident,
    now: i64,
    targets: &HashMap<&str, Vec<usize>>,
    collected: &mut [Collected],
) {
    let start = incident.began_at().timestamp();
    let end = end_of(incident, now);
    if end <= start {
        return;
    }
    let mut push = |id: &str, stretch: Option<Stretch>| {
        for &slot in targets.get(id).into_iter().flatten() {
            let entry = &mut collected[slot];
            entry.touches.push((start, end, index));
            if let Some(stretch) = stretch.filter(|s| s.end > s.start) {
                entry.stretches.push(stretch);
            }
        }
    };
    let whole = |level: Option<Level>| level.map(|level| Stretch { start, end, level });

    if incident.is_maintenance() {
        for id in incident.affected_component_ids() {
            push(id, whole(Some(Level::Maintenance)));
        }
        return;
    }
    let mut transitions: Vec<(i64, &str, &ComponentStatus)> = incident
        .incident_updates
        .iter()
        .flat_map(|update| {
            let at = update.created_at.timestamp();
            update
                .affected_components
                .iter()
                .filter_map(move |affected| {
                    Some((at, affected.code.as_deref()?, affected.new_status.as_ref()?))
                })
        })
        .collect();
    if transitions.is_empty() {
        let level = level_of_impact(&incident.impact);
        for id in incident.affected_component_ids() {
            push(id, whole(level));
        }
        return;
    }
    sort_by(&mut transitions, |a, b| (a.1, a.0).cmp(&(b.1, b.0)));
    for group in transitions.chunk_by(|a, b| a.1 == b.1) {
        let id = group[0].1;
        for (n, &(at, _, status)) in group.iter().enumerate() {
            let from = if n == 0 { start } else { at.clamp(start, end) };
            let to = group
                .get(n + 1)
                .map_or(end, |next| next.0.clamp(start, end));
            push(
                id,
                level_of(status).map(|level| Stretch {
                    start: from,
                    end: to,
                    level,
                }),
            );
        }
    }
}

/// Computes the uptime strip of every component in `components` from `incidents`, by the
/// module's rule: a second of major outage counts fully as downtime, a second of partial outage
/// half ([`PARTIAL_OUTAGE_WEIGHT`]), degraded performance not at all, and time under maintenance
/// never (maintenance masks whatever else happened then, and still counts as measured). Days
/// are calendar days in the window's UTC offset (the page's), the last one up to `now`. The
/// percentage is not rounded here; the page shows it floored to two decimals, so a non-perfect
/// figure never reads 100.00%.
///
/// ```
/// use beacon_core::status::{
///     all_incidents, component_uptime, parse_history, parse_summary, UptimeWindow,
/// };
/// use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
///
/// let summary = parse_summary("summary.json", r#"{
///     "page": {"id": "emea", "name": "EMEA"}, "status": {"indicator": "none"},
///     "components": [
///         {"id": "major", "name": "A", "status": "operational"},
///         {"id": "partial", "name": "B", "status": "operational"},
///         {"id": "degraded", "name": "C", "status": "operational"},
///         {"id": "maintained", "name": "D", "status": "operational"}
///     ]
/// }"#).unwrap();
/// // Four hours in `status`, from 22:00 UTC (23:00 at the page's UTC+1) on 20 November.
/// let incident = |component: &str, status: &str| format!(r#"{{
///     "id": "{component}-incident", "name": "Trouble", "status": "resolved",
///     "impact": "major", "created_at": "2026-11-20T22:00:00Z",
///     "resolved_at": "2026-11-21T02:00:00Z",
///     "incident_updates": [{{"id": "{component}-1", "status": "investigating",
///         "created_at": "2026-11-20T22:00:00Z",
///         "affected_components": [{{"code": "{component}", "new_status": "{status}"}}]}}]
/// }}"#);
/// // Planned work on D around its outage.
/// let maintenance = r#"{"id": "work", "name": "Planned work", "status": "completed",
///     "impact": "maintenance", "created_at": "2026-11-19T00:00:00Z",
///     "scheduled_for": "2026-11-20T21:00:00Z", "scheduled_until": "2026-11-21T03:00:00Z",
///     "resolved_at": "2026-11-21T03:00:00Z",
///     "components": [{"id": "maintained", "name": "D", "status": "operational"}]}"#;
/// let history = parse_history("history.json", &format!(
///     r#"{{"page": {{"id": "emea", "name": "EMEA"}}, "incidents": [{}, {}, {}, {}, {}]}}"#,
///     incident("major", "major_outage"),
///     incident("partial", "partial_outage"),
///     incident("degraded", "degraded_performance"),
///     incident("maintained", "major_outage"),
///     maintenance,
/// )).unwrap();
///
/// // Two days at UTC+1 ending 21 November 16:00 local: 40 measured hours.
/// let now: DateTime<Utc> = "2026-11-21T16:00:00+01:00".parse().unwrap();
/// let page_offset = FixedOffset::east_opt(3600).unwrap();
/// let window = UptimeWindow::ending_now(now, 2, page_offset);
/// let uptime = component_uptime(&summary.components, &all_incidents(&summary, &history), &window);
/// let percent = |n: usize| uptime[n].uptime_percent.unwrap();
///
/// assert_eq!(percent(0), 90.0); // 4 h of major outage in 40 h
/// assert_eq!(percent(1), 95.0); // 4 h of partial outage count as 2 h
/// assert_eq!(percent(2), 100.0); // degraded performance is no downtime
/// assert_eq!(percent(3), 100.0); // an outage during maintenance is no downtime
///
/// // The outage from 23:00 to 03:00 local falls 1 h on the 20th and 3 h on the 21st.
/// let days = &uptime[0].days;
/// assert_eq!(days[0].date, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
/// assert_eq!(days[0].major_outage_seconds, 3_600);
/// assert_eq!(days[1].major_outage_seconds, 3 * 3_600);
/// assert_eq!(days[1].measured_seconds, 16 * 3_600); // today counts up to now
/// ```
pub fn component_uptime(
    components: &[Component],
    incidents: &[&Incident],
    window: &UptimeWindow,
) -> Vec<ComponentUptime> {
    let now = window.now.timestamp();
    let slot_of: HashMap<&str, usize> = components
        .iter()
        .enumerate()
        .map(|(n, c)| (c.id.as_str(), n))
        .collect();
    let members: Vec<Vec<usize>> = components
        .iter()
        .map(|group| {
            if !group.group {
                return Vec::new();
            }
            components
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.id != group.id
                        && (group.components.contains(&c.id)
                            || c.group_id.as_deref() == Some(group.id.as_str()))
                })
                .map(|(n, _)| n)
                .collect()
        })
        .collect();
    // An incident naming a group counts against the group's members as well.
    let targets: HashMap<&str, Vec<usize>> = slot_of
        .iter()
        .map(|(&id, &slot)| {
            let mut all = vec![slot];
            all.extend(&members[slot]);
            (id, all)
        })
        .collect();

    let mut collected: Vec<Collected> = components.iter().map(|_| Collected::default()).collect();
    for (index, incident) in incidents.iter().enumerate() {
        collect_incident(index, incident, now, &targets, &mut collected);
    }

    let mut results: Vec<ComponentUptime> = components
        .iter()
        .zip(collected)
        .map(|(component, collected)| single_uptime(component, collected, incidents, window))
        .collect();
    for (slot, member_slots) in members.iter().enumerate() {
        if !member_slots.is_empty() {
            let rolled = roll_up_group(&results, slot, member_slots);
            results[slot] = rolled;
        }
    }
    results
}

/// A group's strip: per day the worst member, all members' incidents; mean member uptime.
fn roll_up_group(results: &[ComponentUptime], slot: usize, members: &[usize]) -> ComponentUptime {
    let own = &results[slot];
    let days = own
        .days
        .iter()
        .enumerate()
        .map(|(d, own_day)| {
            let mut day = own_day.clone();
            for &m in members {
                let member = &results[m].days[d];
                day.status = match (day.status.take(), member.status.clone()) {
                    (Some(a), Some(b)) => Some(a.worst(b)),
                    (a, b) => a.or(b),
                };
                day.incident_ids.extend(member.incident_ids.iter().cloned());
            }
            let mut seen = HashSet::new();
            day.incident_ids.retain(|id| seen.insert(id.clone()));
            day
        })
        .collect();
    let measured: Vec<f64> = members
        .iter()
        .filter_map(|&m| results[m].uptime_percent)
        .collect();
    let uptime_percent =
        (!measured.is_empty()).then(|| measured.iter().sum::<f64>() / measured.len() as f64);
    ComponentUptime {
        component_id: own.component_id.clone(),
        days,
        uptime_percent,
    }
}

/// Downtime seconds by the module's weights.
fn weighted_downtime(major: i64, partial: i64) -> f64 {
    major as f64 + partial as f64 * PARTIAL_OUTAGE_WEIGHT
}

/// Uptime percent for `measured` seconds with `downtime` weighted seconds.
fn percent(measured: i64, downtime: f64) -> Option<f64> {
    (measured > 0).then(|| (100.0 * (1.0 - downtime / measured as f64)).clamp(0.0, 100.0))
}

/// The strip of one component from its own stretches.
fn single_uptime(
    component: &Component,
    mut collected: Collected,
    incidents: &[&Incident],
    window: &UptimeWindow,
) -> ComponentUptime {
    let now = window.now.timestamp();
    let window_start = window.midnight(window.first_day);
    let measure_from = component
        .start_date
        .map_or(window_start, |date| window.midnight(date).max(window_start));
    let day_count = window.day_count();
    let mut days: Vec<DayBar> = (0..day_count)
        .map(|d| {
            let date = window.first_day + Days::new(d as u64);
            let day_start = window_start + d as i64 * SECONDS_PER_DAY;
            let from = day_start.max(measure_from);
            let to = (day_start + SECONDS_PER_DAY).min(now);
            let has_data = day_start + SECONDS_PER_DAY > measure_from;
            DayBar {
                date,
                status: has_data.then_some(ComponentStatus::Operational),
                major_outage_seconds: 0,
                partial_outage_seconds: 0,
                degraded_seconds: 0,
                maintenance_seconds: 0,
                measured_seconds: (to - from).max(0),
                incident_ids: Vec::new(),
            }
        })
        .collect();
    let day_of = |t: i64| ((t - window_start).div_euclid(SECONDS_PER_DAY)) as usize;

    // Sweep: at each instant the effective level is maintenance if any, else the worst present.
    let mut events: Vec<(i64, Level, i32)> = Vec::with_capacity(collected.stretches.len() * 2);
    for s in &collected.stretches {
        let start = s.start.max(measure_from);
        let end = s.end.min(now);
        if end > start {
            events.push((start, s.level, 1));
            events.push((end, s.level, -1));
        }
    }
    sort_by_key(&mut events, |e| e.0);
    let mut active = [0i32; 4];
    let mut previous = measure_from;
    for (time, level, delta) in events {
        if time > previous {
            if let Some(level) = (0..4).rev().find(|&l| active[l] > 0) {
                add_span(&mut days, previous, time, level, window_start, &day_of);
            }
        }
        active[level as usize] += delta;
        previous = previous.max(time);
    }

    sort_by_key(&mut collected.touches, |t| (t.0, t.2));
    for (start, end, index) in collected.touches {
        let from = start.max(window_start);
        // Over before the window opens: no day of the window mentions it.
        if end.min(now) <= window_start || from > now {
            continue;
        }
        let to = end.min(now).max(from);
        let last = day_of((to - 1).max(from)).min(day_count - 1);
        for day in days.iter_mut().take(last + 1).skip(day_of(from)) {
            if day.status.is_some() && !day.incident_ids.contains(&incidents[index].id) {
                day.incident_ids.push(incidents[index].id.clone());
            }
        }
    }

    let measured: i64 = days.iter().map(|d| d.measured_seconds).sum();
    let major: i64 = days.iter().map(|d| d.major_outage_seconds).sum();
    let partial: i64 = days.iter().map(|d| d.partial_outage_seconds).sum();
    ComponentUptime {
        component_id: component.id.clone(),
        days,
        uptime_percent: percent(measured, weighted_downtime(major, partial)),
    }
}

/// Spreads `[from, to)` at `level` (index into [`Level`]) over the days it crosses.
fn add_span(
    days: &mut [DayBar],
    from: i64,
    to: i64,
    level: usize,
    window_start: i64,
    day_of: &impl Fn(i64) -> usize,
) {
    let mut t = from;
    while t < to {
        let d = day_of(t);
        let Some(day) = days.get_mut(d) else { return };
        let day_end = window_start + (d as i64 + 1) * SECONDS_PER_DAY;
        let until = to.min(day_end);
        let seconds = until - t;
        let (field, status) = match level {
            0 => (
                &mut day.degraded_seconds,
                ComponentStatus::DegradedPerformance,
            ),
            1 => (
                &mut day.partial_outage_seconds,
                ComponentStatus::PartialOutage,
            ),
            2 => (&mut day.major_outage_seconds, ComponentStatus::MajorOutage),
            _ => (
                &mut day.maintenance_seconds,
                ComponentStatus::UnderMaintenance,
            ),
        };
        *field += seconds;
        day.status = Some(match day.status.take() {
            Some(current) => current.worst(status),
            None => status,
        });
        t = until;
    }
}
