"""Cross-check cases for the SLA engine's business-time arithmetic, computed independently
with pandas CustomBusinessHour (pip install pandas).

Each case: a calendar (weekmask, opening intervals, holidays), a local start time and a
whole number of business hours; pandas gives the due time. Times are naive local times; the
Rust test (tests/sla_pandas.rs) evaluates them in a zone without daylight-saving time.

pandas conventions that differ from the engine's (the test asserts exactly these):
- a due time that lands exactly on a closing time is rolled to the next opening by pandas;
  the engine keeps the closing instant.

Run from the repository root: python3 tests/tools/gen_business_cases.py
"""
import json
import random

import pandas as pd

CALENDARS = [
    {
        "id": "office-9-17-holidays",
        "weekmask": "Mon Tue Wed Thu Fri",
        "start": ["09:00"],
        "end": ["17:00"],
        "holidays": ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-01", "2026-05-14",
                     "2026-05-25", "2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"],
    },
    {
        "id": "split-shift-six-days",
        "weekmask": "Mon Tue Wed Thu Fri Sat",
        "start": ["08:00", "13:30"],
        "end": ["12:00", "18:00"],
        "holidays": ["2026-03-02", "2026-03-03", "2026-06-19", "2026-08-15", "2026-11-11"],
    },
    {
        "id": "seven-day-07-19",
        "weekmask": "Mon Tue Wed Thu Fri Sat Sun",
        "start": ["07:00"],
        "end": ["19:00"],
        "holidays": ["2026-01-01", "2026-07-04", "2026-12-25", "2026-12-26"],
    },
]
# Overnight shifts (start="22:00", end="06:00") are not cross-checked: pandas 3.x gives
# non-monotonic results for them when a start falls after midnight (e.g. 2026-08-27 00:13:19
# + 20 h -> 2026-09-08, + 30 h -> 2026-09-01), so it is no reference there. The engine's
# overnight shifts are covered by tests/sla_calendar.rs and the property tests.

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def main():
    rng = random.Random(20260101)
    cases = []
    for cal in CALENDARS:
        offset = pd.offsets.CustomBusinessHour(
            start=cal["start"], end=cal["end"], weekmask=cal["weekmask"], holidays=cal["holidays"]
        )
        for i in range(120):
            day = pd.Timestamp("2026-01-01") + pd.Timedelta(days=rng.randrange(0, 360))
            # Mix of exact hours (often landing on openings/closings) and odd seconds.
            if i % 3 == 0:
                start = day + pd.Timedelta(hours=rng.randrange(0, 24))
            else:
                start = day + pd.Timedelta(seconds=rng.randrange(0, 86400))
            hours = rng.choice([1, 2, 3, 4, 8, 9, 10, 24, 40, 45, 100, rng.randrange(1, 600)])
            due = start + offset * hours
            cases.append({
                "calendar": cal["id"],
                "start": start.isoformat(),
                "business_hours": hours,
                "pandas_due": due.isoformat(),
            })
    out = {
        "generator": f"tests/tools/gen_business_cases.py with pandas {pd.__version__}",
        "calendars": [
            {
                "id": c["id"],
                "weekdays": [d.lower() for d in c["weekmask"].split()],
                "intervals": [[s, e] for s, e in zip(c["start"], c["end"])],
                "holidays": c["holidays"],
            }
            for c in CALENDARS
        ],
        "cases": cases,
    }
    with open("tests/data/sla/pandas_cases.json", "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
