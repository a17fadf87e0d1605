"""Public holidays of one place for some years, from the independent python-holidays package,
as JSON on standard output: [{"date": "2026-01-01", "name": "New Year's Day"}, ...].

The calendar tests run it as a process for every support-centre calendar (its country and
subdivision) and compare the dates with what the engine expands from the calendar file.
The package version is pinned here and in .ci/setup, so a new release cannot move a date
unnoticed.

Usage: python3 tests/tools/holiday_dates.py COUNTRY SUBDIVISION|- FIRST_YEAR LAST_YEAR
"""
import json
import sys

import holidays

PINNED = "0.109"


def main():
    if holidays.__version__ != PINNED:
        sys.exit(f"python-holidays {holidays.__version__} is installed; the calendars are checked against {PINNED}")
    country, subdivision, first, last = sys.argv[1:5]
    found = holidays.country_holidays(
        country,
        subdiv=None if subdivision == "-" else subdivision,
        years=range(int(first), int(last) + 1),
    )
    json.dump([{"date": d.isoformat(), "name": n} for d, n in sorted(found.items())], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
