"""Reference public-holiday dates 2026-2028 for every support-centre calendar, from the
independent python-holidays package (pip install holidays). Output is committed as
tests/data/sla/holiday_dates.json and compared by tests/sla_holidays.rs with what the engine
expands from public/policies/calendars/*.json (rules such as Easter offsets and observed days
are computed by the engine, so this is a real cross-check for the rule-based calendars).

Run from the repository root: python3 tests/tools/gen_holiday_dates.py
"""
import json
import holidays

YEARS = [2026, 2027, 2028]

# calendar id -> (country, options) : which holiday list each centre follows
CENTRES = {
    "us": ("US", {}),                                  # US federal
    "ca": ("CA", {"categories": ("government",)}),     # Canada federal statutory
    "mx": ("MX", {}),                                  # Mexico statutory (LFT art. 74)
    "gb": ("GB", {"subdiv": "ENG"}),                   # England & Wales bank holidays
    "de": ("DE", {}),                                  # Germany, nationwide
    "fi": ("FI", {}),                                  # Finland
    "in": ("IN", {}),                                  # India, national/gazetted
    "jp": ("JP", {}),                                  # Japan
    "kr": ("KR", {}),                                  # South Korea
    "my": ("MY", {}),                                  # Malaysia, national
    "au": ("AU", {"subdiv": "NSW"}),                   # Australia national + NSW
}


def main():
    out = {"source": f"python-holidays {holidays.__version__}", "years": YEARS, "centres": {}}
    for cid, (country, opts) in CENTRES.items():
        h = holidays.country_holidays(country, years=YEARS, **opts)
        out["centres"][cid] = [
            {"date": d.isoformat(), "name": n} for d, n in sorted(h.items())
        ]
    with open("tests/data/sla/holiday_dates.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
