#!/usr/bin/env python3
"""Writes Beacon's demo status data: public/data/<region>/summary.json and history.json.

Deterministic (fixed seeds, fixed "now" of 2026-11-21T12:00:00Z), so running it again gives the
same bytes. Files are in the Statuspage v2 format (summary.json / incidents.json shapes), with
timestamps in each region's winter UTC offset, as Statuspage writes them in the page's zone.

Usage (from the repository root):  python3 tests/tools/generate_status_demo_data.py
"""

import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

NOW = datetime(2026, 11, 21, 12, 0, 0, tzinfo=timezone.utc)
HISTORY_DAYS = 90
SITE = "https://status.beacon-backup.example"
ROOT = Path(__file__).resolve().parents[2]

REGIONS = [
    # id, prefix, name, IANA zone, winter offset (hours), seed
    ("americas", "am", "Americas", "America/New_York", -5, 4001),
    ("emea", "em", "EMEA", "Europe/Berlin", 1, 4002),
    ("apac", "ap", "APAC", "Asia/Singapore", 8, 4003),
]

SECTIONS = [
    # suffix, name, description, group id suffix (None for top level)
    ("website", "Website", "Signing in to and loading the Beacon web portal.", None),
    ("backups", "Backups", "Creating backups of your data.", None),
    ("backups-m365", "Microsoft 365 backups", "Exchange Online, OneDrive, SharePoint and Teams.", "backups"),
    ("backups-gws", "Google Workspace backups", "Gmail, Drive, Calendar and Contacts.", "backups"),
    ("backups-servers", "Server and endpoint backups", "Backup agents on servers and laptops.", "backups"),
    ("restores", "Restores/Downloads", "Retrieving backed-up data: restores, exports and downloads.", None),
]

# Incident templates: (name, leaf component suffixes, worst status, impact, bodies by phase)
TEMPLATES = [
    ("Slow loading of the web portal", ["website"], "degraded_performance", "minor",
     "Several customers report that the **web portal** loads slowly. We are investigating.",
     "The cause is a saturated load balancer pool; we are adding capacity.",
     "Capacity has been added and page load times are back to normal. We are *monitoring*."),
    ("Web portal unavailable", ["website"], "major_outage", "critical",
     "The web portal is **unavailable** for all customers in this region. Backups and restores "
     "already scheduled keep running.",
     "A failed certificate rotation on the edge proxies is the cause; we are rolling it back.",
     "The portal is reachable again. We are monitoring error rates."),
    ("Delayed Microsoft 365 backups", ["backups-m365"], "partial_outage", "major",
     "Backups of **Exchange Online** mailboxes start late for several customers.",
     "Microsoft is throttling our requests (`HTTP 429`). We have reduced concurrency and are "
     "working with Microsoft.",
     "Backlogs are draining; all tenants should have a fresh backup within a few hours."),
    ("Google Workspace backups failing", ["backups-gws"], "partial_outage", "major",
     "Some **Google Workspace** backups fail with an authorization error.",
     "An expired service account key is the cause. A new key is being rolled out.",
     "The new key is active and failed backups are being retried automatically."),
    ("Backup agents cannot upload", ["backups-servers"], "major_outage", "critical",
     "Backup agents on servers and endpoints cannot upload data.",
     "A storage cluster rejected writes after a configuration change; we are reverting it.",
     "Uploads succeed again. Agents retry missed backups on their next run."),
    ("Restores queued longer than usual", ["restores"], "degraded_performance", "minor",
     "Restore jobs wait longer than usual before they start.",
     "The restore scheduler was short of workers; more workers have been started.",
     "Queue times are back to normal."),
    ("Downloads of large exports failing", ["restores"], "partial_outage", "major",
     "Downloads of exports larger than 10 GB fail part-way for several customers.",
     "A timeout on the download gateway is too short for large files; a fix is being deployed.",
     "The fix is deployed; please start failed downloads again."),
    ("Backups and restores delayed", ["backups-m365", "backups-gws", "restores"],
     "degraded_performance", "minor",
     "Several customers see delays in backups and restores.",
     "A database failover slowed down job scheduling; the primary has been restored.",
     "Job scheduling is back to normal speed."),
]

MAINTENANCES = [
    ("Storage firmware upgrade", ["backups-servers"],
     "We will upgrade firmware on the backup storage cluster. Agent uploads may be **paused for "
     "up to 2 hours**; agents retry automatically."),
    ("Web portal database upgrade", ["website"],
     "The portal database moves to a new version. The web portal may be unavailable for up to "
     "30 minutes. Backups and restores are not affected."),
    ("Restore service migration", ["restores"],
     "Restore workers move to new hardware. Restores started during the window are queued and "
     "run afterwards."),
]


class Ids:
    """Statuspage-style 12-character ids from a seeded generator."""

    def __init__(self, rng):
        self.rng = rng

    def next(self):
        return "".join(self.rng.choice("0123456789abcdefghjkmnpqrstvwxyz") for _ in range(12))


def stamp(moment, offset_hours):
    """RFC 3339 with milliseconds in the page's offset, as Statuspage writes it."""
    local = moment.astimezone(timezone(timedelta(hours=offset_hours)))
    text = local.isoformat(timespec="milliseconds")
    return text


def components(prefix, offset):
    created = datetime(2025, 1, 15, 9, 0, tzinfo=timezone.utc)
    out = []
    for position, (suffix, name, description, group) in enumerate(SECTIONS, start=1):
        component_id = f"{prefix}-{suffix}"
        is_group = suffix == "backups"
        entry = {
            "id": component_id,
            "name": name,
            "status": "operational",
            "created_at": stamp(created, offset),
            "updated_at": stamp(created, offset),
            "position": position,
            "description": description,
            "showcase": True,
            "start_date": "2025-01-15",
            "group_id": f"{prefix}-{group}" if group else None,
            "page_id": None,
            "group": is_group,
            "only_show_if_degraded": False,
        }
        if is_group:
            entry["components"] = [f"{prefix}-{s}" for s, _, _, g in SECTIONS if g == "backups"]
        out.append(entry)
    return out


def component_ref(all_components, component_id):
    return next(c for c in all_components if c["id"] == component_id)


def affected(all_components, ids, old, new):
    return [
        {"code": i, "name": component_ref(all_components, i)["name"], "old_status": old,
         "new_status": new}
        for i in ids
    ]


def make_update(ids, incident_id, status, body, at, offset, changes):
    return {
        "id": ids.next(),
        "status": status,
        "body": body,
        "incident_id": incident_id,
        "created_at": stamp(at, offset),
        "updated_at": stamp(at, offset),
        "display_at": stamp(at, offset),
        "affected_components": changes,
    }


def incident_from_template(ids, page, comps, prefix, offset, template, start, duration,
                           postmortem=None, open_phase=None):
    name, suffixes, worst, impact, investigating, identified, monitoring = template
    incident_id = ids.next()
    target = [f"{prefix}-{s}" for s in suffixes]
    t_identified = start + duration * 0.3
    t_monitoring = start + duration * 0.7
    t_resolved = start + duration
    updates = [
        make_update(ids, incident_id, "investigating", investigating, start + timedelta(minutes=4),
                    offset, affected(comps, target, "operational", worst)),
        make_update(ids, incident_id, "identified", identified, t_identified, offset, None),
    ]
    status = "identified"
    if open_phase is None:
        calmer = "degraded_performance" if worst != "degraded_performance" else "operational"
        updates.append(make_update(ids, incident_id, "monitoring", monitoring, t_monitoring,
                                   offset, affected(comps, target, worst, calmer)))
        updates.append(make_update(ids, incident_id, "resolved",
                                   "This incident has been resolved.", t_resolved, offset,
                                   affected(comps, target, calmer, "operational")))
        status = "resolved"
        if postmortem:
            updates.append(make_update(ids, incident_id, "postmortem", postmortem,
                                       t_resolved + timedelta(days=2), offset, None))
            status = "postmortem"
    else:
        updates.extend(make_update(ids, incident_id, "identified", body, at, offset, None)
                       for at, body in open_phase)
    updates.reverse()  # Statuspage lists updates newest first
    last = datetime.fromisoformat(updates[0]["created_at"])
    return {
        "id": incident_id,
        "name": name,
        "status": status,
        "impact": impact,
        "shortlink": f"{SITE}/{page}/incidents/{incident_id}",
        "page_id": None,
        "created_at": stamp(start + timedelta(minutes=4), offset),
        "updated_at": stamp(last, offset),
        "started_at": stamp(start, offset),
        "monitoring_at": stamp(t_monitoring, offset) if open_phase is None else None,
        "resolved_at": stamp(t_resolved, offset) if open_phase is None else None,
        "scheduled_for": None,
        "scheduled_until": None,
        "incident_updates": updates,
        "components": [component_ref(comps, i) for i in target],
    }


def maintenance(ids, page, comps, prefix, offset, template, start, hours, status):
    name, suffixes, body = template
    maintenance_id = ids.next()
    target = [f"{prefix}-{s}" for s in suffixes]
    end = start + timedelta(hours=hours)
    announced = start - timedelta(days=5)
    updates = [make_update(ids, maintenance_id, "scheduled", body, announced, offset, None)]
    resolved_at = None
    if status in ("in_progress", "completed"):
        updates.append(make_update(ids, maintenance_id, "in_progress",
                                   "Scheduled maintenance is currently in progress.", start,
                                   offset, affected(comps, target, "operational",
                                                    "under_maintenance")))
    if status == "completed":
        done = end - timedelta(minutes=25)
        updates.append(make_update(ids, maintenance_id, "completed",
                                   "The scheduled maintenance has been completed.", done, offset,
                                   affected(comps, target, "under_maintenance", "operational")))
        resolved_at = stamp(done, offset)
    updates.reverse()
    return {
        "id": maintenance_id,
        "name": name,
        "status": status,
        "impact": "maintenance",
        "shortlink": f"{SITE}/{page}/incidents/{maintenance_id}",
        "page_id": None,
        "created_at": stamp(announced, offset),
        "updated_at": updates[0]["created_at"],
        "started_at": stamp(start, offset) if status != "scheduled" else None,
        "monitoring_at": None,
        "resolved_at": resolved_at,
        "scheduled_for": stamp(start, offset),
        "scheduled_until": stamp(end, offset),
        "incident_updates": updates,
        "components": [component_ref(comps, i) for i in target],
    }


POSTMORTEM = """## What happened
On the evening of the incident, a routine certificate rotation on our edge proxies installed a
certificate chain that older proxy nodes could not load. Those nodes stopped serving the portal.

## Impact
- The **web portal** was unavailable in this region.
- Scheduled *backups* and *restores* kept running; no data was lost.

## What we are changing
1. Certificate rotations are now staged on one node first.
2. A synthetic check alerts on TLS handshake failures within 2 minutes.

Questions? Contact [support](mailto:support@beacon-backup.example)."""


def region_data(region_id, prefix, name, zone, offset, seed):
    rng = random.Random(seed)
    ids = Ids(random.Random(seed * 7))
    comps = components(prefix, offset)
    page = {
        "id": f"beacon-{region_id}",
        "name": f"Beacon Backup Status — {name}",
        "url": f"{SITE}/{region_id}",
        "time_zone": zone,
        "updated_at": stamp(NOW, offset),
    }
    history = []
    first_day = NOW - timedelta(days=HISTORY_DAYS - 1)
    day = first_day.replace(hour=0, minute=0, second=0, microsecond=0)
    while day < NOW - timedelta(days=3):
        if rng.random() < 0.11:
            template = rng.choice(TEMPLATES)
            start = day + timedelta(minutes=rng.randrange(0, 24 * 60, 7))
            duration = timedelta(minutes=rng.choice([25, 40, 70, 95, 150, 240, 380]))
            if start + duration < NOW - timedelta(days=2):
                history.append(incident_from_template(ids, region_id, comps, prefix, offset,
                                                      template, start, duration))
        day += timedelta(days=1)
    # Completed maintenances roughly monthly, in the region's night.
    for weeks_ago, template in ((11, MAINTENANCES[0]), (7, MAINTENANCES[1]), (3, MAINTENANCES[2])):
        local_night = (NOW - timedelta(weeks=weeks_ago)).replace(hour=0, minute=0, second=0,
                                                                  microsecond=0)
        start = local_night + timedelta(hours=(26 - offset) % 24)
        history.append(maintenance(ids, region_id, comps, prefix, offset, template, start, 2,
                                   "completed"))

    summary_incidents = []
    summary_maintenances = []
    indicator, description = "none", "All Systems Operational"
    if region_id == "americas":
        # A resolved incident with a postmortem, and maintenance under way right now.
        history.append(incident_from_template(
            ids, region_id, comps, prefix, offset, TEMPLATES[1],
            datetime(2026, 11, 12, 23, 5, tzinfo=timezone.utc), timedelta(minutes=48),
            postmortem=POSTMORTEM))
        live = maintenance(ids, region_id, comps, prefix, offset, MAINTENANCES[0],
                           datetime(2026, 11, 21, 11, 0, tzinfo=timezone.utc), 2, "in_progress")
        summary_maintenances.append(live)
        history.append(live)
        component_ref(comps, f"{prefix}-backups-servers")["status"] = "under_maintenance"
        indicator, description = "maintenance", "Service Under Maintenance"
    elif region_id == "emea":
        start = datetime(2026, 11, 21, 7, 40, tzinfo=timezone.utc)
        live = incident_from_template(
            ids, region_id, comps, prefix, offset, TEMPLATES[2], start, timedelta(hours=6),
            open_phase=[
                (datetime(2026, 11, 21, 10, 45, tzinfo=timezone.utc),
                 "We are still working with Microsoft. Backups of **OneDrive** and "
                 "**SharePoint** are *not* affected.\n\nNext update by 13:00 CET."),
            ])
        summary_incidents.append(live)
        history.append(live)
        component_ref(comps, f"{prefix}-backups-m365")["status"] = "partial_outage"
        indicator, description = "major", "Partial System Outage"
        upcoming = maintenance(ids, region_id, comps, prefix, offset, MAINTENANCES[1],
                               datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc), 1, "scheduled")
        summary_maintenances.append(upcoming)
    else:
        upcoming = maintenance(ids, region_id, comps, prefix, offset, MAINTENANCES[2],
                               datetime(2026, 11, 24, 16, 0, tzinfo=timezone.utc), 3, "scheduled")
        summary_maintenances.append(upcoming)

    history.sort(key=lambda i: datetime.fromisoformat(i["created_at"]), reverse=True)
    summary = {
        "page": page,
        "status": {"indicator": indicator, "description": description},
        "components": comps,
        "incidents": summary_incidents,
        "scheduled_maintenances": summary_maintenances,
    }
    return summary, {"page": page, "incidents": history}


def main():
    for region_id, prefix, name, zone, offset, seed in REGIONS:
        summary, history = region_data(region_id, prefix, name, zone, offset, seed)
        folder = ROOT / "public" / "data" / region_id
        folder.mkdir(parents=True, exist_ok=True)
        for file_name, data in (("summary.json", summary), ("history.json", history)):
            text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
            (folder / file_name).write_text(text, encoding="utf-8")
            print(f"wrote {folder / file_name} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
