//! Pre-rendered region pages (`beacon-ops publish` into a built site): every region's sections
//! with their status in words, the banner derived as of the file's own time, incidents and
//! maintenance, title, description and feed links; hostile text escaped; the calculator and the
//! embed left without a snapshot. The snapshot is read back with the strict XML parser
//! `roxmltree`, so an unescaped character or an unclosed element fails the test.
#![cfg(not(target_arch = "wasm32"))]

use beacon::publish::{load_site, publish_site};
use beacon::status::{overall_status, parse_markup, plain_text, sections};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

/// A copy of the shipped site's data in `<temp>/public`.
fn copy_site(name: &str) -> PathBuf {
    let root = common::temp_dir("prerender", name);
    common::copy_site_data(&root.join("public"));
    root
}

/// The `index.html` Trunk writes for a release build, in its minified shape.
const SHELL: &str = "<!doctype html><html lang=en><head><meta charset=utf-8><meta content=\"width=device-width, initial-scale=1\" name=viewport><title>Beacon status</title><base href=/ ><link href=/main-1.css rel=stylesheet></head><body><noscript><p class=noscript>Beacon needs JavaScript to show live status.</p></noscript><script type=module>import init from '/beacon-1.js';init('/beacon-1_bg.wasm');</script></body></html>";

const HOSTILE: &str = "A <script>alert(1)</script> & \"q\" 'a' </div><!--";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
        .unwrap()
        .to_utc()
}

/// Publishes `root/public` into `root/out` holding the built shell; every written page by path.
fn publish(root: &Path, site_url: &str) -> BTreeMap<String, String> {
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), SHELL).unwrap();
    publish_site(&root.join("public"), &out, site_url, now()).expect("published");
    ["index.html", "americas", "emea", "apac", "sla"]
        .into_iter()
        .map(|page| {
            let path = if page.ends_with(".html") {
                page.to_owned()
            } else {
                format!("{page}/index.html")
            };
            let text = std::fs::read_to_string(out.join(&path)).unwrap();
            (path, text)
        })
        .collect()
}

/// The snapshot `<div id="prerendered">…</div>` of a page, as its own string.
fn snapshot(page: &str) -> &str {
    let start = page
        .find("<div id=\"prerendered\">")
        .expect("the page has a snapshot");
    let end = page[start..]
        .find("<!--/beacon:prerendered-->")
        .expect("the snapshot ends");
    &page[start..start + end]
}

/// The text of every element of `doc` with the class `class`.
fn texts(doc: &roxmltree::Document, class: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .map(|d| d.text().unwrap())
                .collect()
        })
        .collect()
}

#[test]
fn every_region_page_shows_its_sections_statuses_incidents_and_feeds() {
    let root = copy_site("demo");
    let pages = publish(&root, "/beacon/");
    let site = load_site(&root.join("public"), now()).unwrap();
    for data in &site.regions {
        let region = &data.region;
        let page = &pages[&format!("{}/index.html", region.id)];
        let snap = snapshot(page);
        let doc = roxmltree::Document::parse(snap).unwrap_or_else(|e| panic!("{e}: {snap}"));

        assert_eq!(
            texts(&doc, "region-header")[0].trim(),
            format!("{}{}", region.name, region.countries)
        );
        let expected: Vec<(String, String)> = sections(&data.summary, &region.component_order)
            .into_iter()
            .map(|s| (s.component.name, s.status.label().to_owned()))
            .collect();
        let names = doc
            .descendants()
            .filter(|n| n.attribute("data-testid") == Some("prerendered-component"))
            .map(|li| {
                let row = li.first_element_child().unwrap();
                let name = texts_of(row, "component-name");
                let status = texts_of(row, "status-text");
                (name, status)
            })
            .collect::<Vec<_>>();
        assert_eq!(
            names, expected,
            "{}: sections and their statuses",
            region.id
        );
        for section in ["Website", "Backups", "Restores/Downloads"] {
            assert!(
                names.iter().any(|(n, _)| n == section),
                "{}: {section}",
                region.id
            );
        }

        let as_of = data.summary.page.updated_at.unwrap().to_utc();
        let banner = overall_status(&data.summary, as_of).indicator;
        let shown = &texts(&doc, "banner")[0];
        assert!(
            shown.ends_with(banner.label()),
            "{}: banner {shown}",
            region.id
        );
        let note = &texts(&doc, "prerendered-note")[0];
        assert!(
            note.contains(&as_of.format("%Y-%m-%d %H:%M UTC").to_string()),
            "{note}"
        );
        assert!(note.contains("need JavaScript"), "{note}");

        let incident_names = texts(&doc, "incident-name");
        let overall = overall_status(&data.summary, as_of);
        for incident in overall
            .active_incidents
            .iter()
            .chain(&overall.maintenances_in_progress)
            .chain(&overall.upcoming_maintenances)
        {
            assert!(
                incident_names.contains(&incident.name),
                "{}: {}",
                region.id,
                incident.name
            );
        }

        assert!(page.contains(&format!(
            "<title>{} — Beacon Backup Status</title>",
            region.name
        )));
        assert!(page.contains("<meta name=\"description\" content=\""));
        for (kind, ext) in [("atom+xml", "atom"), ("rss+xml", "rss")] {
            let link = format!("type=\"application/{kind}\"");
            let href = format!("href=\"/beacon/feeds/{}.{ext}\"", region.id);
            let head = &page[..page.find("</head>").unwrap()];
            assert!(
                head.contains(&link) && head.contains(&href),
                "{}: {ext} link",
                region.id
            );
        }
        assert!(
            !page.contains("<noscript>"),
            "the snapshot replaces the noscript notice"
        );
        assert!(page.contains("<script type=module>"), "the app still loads");
        assert!(page.find("<body>").unwrap() < page.find("id=\"prerendered\"").unwrap());
    }
}

/// The text inside the descendant of `node` with class `class`.
fn texts_of(node: roxmltree::Node, class: &str) -> String {
    node.descendants()
        .find(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .map(|n| {
            n.descendants()
                .filter(|d| d.is_text())
                .map(|d| d.text().unwrap())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_root_page_shows_the_default_region_and_every_feed_and_the_calculator_shows_none() {
    let root = copy_site("root");
    let pages = publish(&root, "/");
    let index = &pages["index.html"];
    assert_eq!(snapshot(index), snapshot(&pages["americas/index.html"]));
    assert!(index.contains("<title>Beacon Backup Status</title>"));
    for region in ["americas", "emea", "apac"] {
        for ext in ["atom", "rss"] {
            assert!(index.contains(&format!(
                "<link rel=\"alternate\" type=\"application/{ext}+xml\""
            )));
            assert!(
                index.contains(&format!("href=\"/feeds/{region}.{ext}\"")),
                "{region}.{ext}"
            );
        }
    }
    assert_eq!(
        pages["sla/index.html"], SHELL,
        "sla/index.html is the plain app shell"
    );
    assert!(
        !root.join("out/embed/sla/index.html").exists(),
        "the embed is its own app: publish never writes the status app's shell over it"
    );
}

#[test]
fn hostile_names_and_messages_are_text_never_markup() {
    let root = copy_site("hostile");
    let edit = |file: &str, change: &dyn Fn(&mut serde_json::Value)| {
        let path = root.join("public").join(file);
        let mut json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        change(&mut json);
        std::fs::write(&path, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    };
    edit("config.json", &|config| {
        config["regions"][1]["name"] = HOSTILE.into();
        config["regions"][1]["countries"] = HOSTILE.into();
    });
    let body = format!("**{HOSTILE}** <img src=x onerror=alert(1)> [x](javascript:alert(1))");
    edit("data/emea/summary.json", &|summary| {
        summary["components"][0]["name"] = HOSTILE.into();
        summary["components"][0]["description"] = HOSTILE.into();
        let incident = &mut summary["incidents"][0];
        incident["name"] = HOSTILE.into();
        incident["incident_updates"][0]["body"] = body.clone().into();
    });
    let pages = publish(&root, "/");
    for (path, page) in pages.iter().filter(|(path, _)| !path.contains("sla")) {
        let snap = snapshot(page);
        let doc = roxmltree::Document::parse(snap).unwrap_or_else(|e| panic!("{path}: {e}"));
        for node in doc.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name().name();
            assert!(
                !matches!(name, "script" | "img"),
                "{path}: <{name}> from the data"
            );
            assert!(
                node.attributes().all(|a| !a.name().starts_with("on")),
                "{path}"
            );
            assert!(
                node.attribute("href")
                    .is_none_or(|h| !h.contains("javascript")),
                "{path}"
            );
        }
        assert_eq!(
            snap.matches("<!--").count(),
            0,
            "{path}: a comment opened by the data"
        );
    }
    let emea = &pages["emea/index.html"];
    let doc = roxmltree::Document::parse(snapshot(emea)).unwrap();
    assert_eq!(
        texts(&doc, "region-header")[0],
        format!("{HOSTILE}{HOSTILE}")
    );
    assert!(texts(&doc, "component-name").contains(&HOSTILE.to_owned()));
    assert!(texts(&doc, "incident-name").contains(&HOSTILE.to_owned()));
    let latest = plain_text(&parse_markup(&body));
    assert!(
        latest.contains("& \"q\" 'a'") && latest.contains("<!--"),
        "{latest}"
    );
    assert!(
        texts(&doc, "markup").contains(&latest),
        "the latest update as plain text"
    );
    let head = &emea[..emea.find("</head>").unwrap()];
    assert!(
        !head.contains(HOSTILE) && !head.contains("<script>"),
        "{head}"
    );
    assert!(
        head.contains("A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39;")
    );
}

#[test]
fn publishing_again_replaces_the_snapshot_instead_of_adding_one() {
    let root = copy_site("twice");
    let first = publish(&root, "/");
    let out = root.join("out");
    publish_site(&root.join("public"), &out, "/", now()).unwrap();
    let again = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(again.matches("id=\"prerendered\"").count(), 1);
    assert_eq!(again, first["index.html"]);
}

#[test]
fn without_a_built_page_only_feeds_are_published() {
    let root = copy_site("no-shell");
    let out = root.join("out");
    publish_site(&root.join("public"), &out, "/", now()).unwrap();
    assert!(out.join("feeds/emea.atom").is_file());
    assert!(!out.join("emea/index.html").exists());
    assert!(!out.join("index.html").exists());
}
