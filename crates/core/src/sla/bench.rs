//! Due-time benchmark that runs natively and in the browser: the caller supplies the clock
//! (`std::time::Instant` natively, `performance.now()` in the browser), so this module stays free
//! of platform APIs.

use chrono::{DateTime, TimeDelta, Utc};

use super::calendar::BusinessCalendar;

/// The calendar the benchmark uses: the Central Europe / DACH support centre (Mon–Fri
/// 08:00–17:00 Europe/Berlin, German public holidays, daylight-saving changes).
pub const BENCH_CALENDAR_JSON: &str = include_str!("../../../../public/policies/calendars/de.json");

/// One benchmark row.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchRow {
    /// What was added, e.g. `"1 year"`.
    pub label: &'static str,
    /// Business time added per operation.
    pub duration: TimeDelta,
    /// Operations timed.
    pub iterations: u64,
    /// Mean nanoseconds per operation.
    pub ns_per_op: f64,
}

/// Business durations measured: 1 hour, 1 day, 1 week, 1 month and 1 year of business hours
/// on a 9-hour-day, 5-day-week calendar.
pub fn bench_durations() -> [(&'static str, TimeDelta); 5] {
    let day = TimeDelta::hours(9);
    [
        ("1 hour", TimeDelta::hours(1)),
        ("1 day", day),
        ("1 week", day * 5),
        ("1 month", day * 21),
        ("1 year", day * 250),
    ]
}

/// Measures `add_business_time` on the benchmark calendar for each of [`bench_durations`].
///
/// `now_ns` returns a monotonic time in nanoseconds; each row runs batches until at least
/// `min_ns_per_row` nanoseconds have passed. Start instants vary over 2026–2027 so holidays and
/// daylight-saving changes are crossed, and a year added to the last still ends within the
/// calendar's verified years (2026–2028).
pub fn run_due_time_benchmark(
    now_ns: &mut dyn FnMut() -> u64,
    min_ns_per_row: u64,
) -> Vec<BenchRow> {
    let calendar = BusinessCalendar::from_json("de.json", BENCH_CALENDAR_JSON)
        .expect("the bundled benchmark calendar is valid");
    let first = DateTime::<Utc>::from_timestamp(1_767_225_600, 0).expect("2026-01-01"); // 2026-01-01T00:00Z
    let starts: Vec<DateTime<Utc>> = (0..64)
        .map(|i| first + TimeDelta::seconds(i * 950_000))
        .collect();
    bench_durations()
        .into_iter()
        .map(|(label, duration)| {
            let mut iterations: u64 = 0;
            let begin = now_ns();
            let mut elapsed = 0;
            while elapsed < min_ns_per_row {
                for start in &starts {
                    let due = calendar.add_business_time(*start, duration);
                    std::hint::black_box(due.ok());
                }
                iterations += starts.len() as u64;
                elapsed = now_ns().saturating_sub(begin);
            }
            BenchRow {
                label,
                duration,
                iterations,
                ns_per_op: elapsed as f64 / iterations as f64,
            }
        })
        .collect()
}

/// Budget for one due-time computation natively, in nanoseconds (under 2 µs).
pub const NATIVE_BUDGET_NS: f64 = 2_000.0;

/// A printable table of `rows`, with the spread between the cheapest and the dearest duration
/// (flat means the cost does not grow with the duration); a budget, when given, is checked
/// against the dearest row.
pub fn report(platform: &str, rows: &[BenchRow], budget_ns: Option<f64>) -> String {
    let mut out = format!("SLA due-time computation ({platform})\n");
    for row in rows {
        out.push_str(&format!(
            "  {:<8} {:>9.0} ns/op  ({} ops)\n",
            row.label, row.ns_per_op, row.iterations
        ));
    }
    let cheapest = rows
        .iter()
        .map(|r| r.ns_per_op)
        .fold(f64::INFINITY, f64::min);
    let dearest = rows.iter().map(|r| r.ns_per_op).fold(0.0, f64::max);
    out.push_str(&format!(
        "  dearest/cheapest: {:.2}x (flat: the cost does not grow with the duration)",
        dearest / cheapest
    ));
    if let Some(budget) = budget_ns {
        let verdict = if dearest <= budget { "PASS" } else { "FAIL" };
        out.push_str(&format!(
            "\n  budget: worst {dearest:.0} ns against {budget:.0} ns: {verdict}"
        ));
    }
    out
}
