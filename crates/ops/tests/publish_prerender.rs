//! Pre-rendered region pages (`beacon-ops publish` into a built site): every region's sections
//! with their status in words, the banner derived as of the file's own time, incidents and
//! maintenance, title, description and feed links; hostile text escaped; the calculator and the
//! embed left without a snapshot. The snapshot is read back with the strict XML parser
//! `roxmltree`, so an unescaped character or an unclosed element fails the test.
#![cfg(not(target_arch = "wasm32"))]

use beacon_core::i18n::{Lang, Msg};
use beacon_core::status::config::{SiteConfig, CONFIG_ELEMENT_ID};
use beacon_core::status::{overall_status, parse_markup, plain_text, sections};
use beacon_core::words::{indicator_words, status_word};
use beacon_ops::publish::scripts::csp_hash;
use beacon_ops::publish::{load_site, publish_site};
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
const SHELL: &str = "<!doctype html><html lang=en><head><meta charset=utf-8><meta content=\"width=device-width, initial-scale=1\" name=viewport><title>Beacon status</title><base href=/ ><link href=/main-1.css rel=stylesheet><link crossorigin href=/beacon-1.js rel=modulepreload><link as=fetch crossorigin href=/beacon-1_bg.wasm rel=preload type=application/wasm></head><body><noscript><p class=noscript>Beacon needs JavaScript to show live status.</p></noscript><script type=module>import init from '/beacon-1.js';init('/beacon-1_bg.wasm');</script></body></html>";

/// The stylesheet the shell links.
const STYLES: &str = ".banner{padding:1rem}";
const HOSTILE: &str = "A <script>alert(1)</script> & \"q\" 'a' </div><!--";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-21T12:00:00Z")
        .unwrap()
        .to_utc()
}

/// Publishes `root/public` into `root/out` holding the built shell; every written page by path,
/// with its scripts read back into place (the publisher moves them into files of their own; see
/// `the_published_pages_carry_no_inline_script`).
fn publish(root: &Path, site_url: &str) -> BTreeMap<String, String> {
    let out = root.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("index.html"), SHELL).unwrap();
    std::fs::write(out.join("main-1.css"), STYLES).unwrap();
    publish_site(&root.join("public"), &out, site_url, now()).expect("published");
    ["index.html", "americas", "emea", "apac"]
        .into_iter()
        .map(|page| {
            let path = if page.ends_with(".html") {
                page.to_owned()
            } else {
                format!("{page}/index.html")
            };
            let text = std::fs::read_to_string(out.join(&path)).unwrap();
            (path, common::scripts_inline(&out, &text))
        })
        .collect()
}

/// The snapshot `<div id="prerendered">…</div>` of a page, as its own string (without the
/// texts and script after it that translate it).
fn snapshot(page: &str) -> &str {
    let start = page
        .find("<div id=\"prerendered\">")
        .expect("the page has a snapshot");
    let end = page[start..]
        .find("<script")
        .expect("the translating script follows the snapshot");
    &page[start..start + end]
}

/// The translator after the snapshot (its data block and its script, as one string), and its
/// table of texts by language tag and key.
fn translator(page: &str) -> (&str, serde_json::Map<String, serde_json::Value>) {
    let open = "<script type=\"application/json\" id=\"beacon-snapshot-texts\">";
    let start = page.find(open).expect("the texts follow the snapshot");
    let data_end = start + page[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&page[start + open.len()..data_end])
        .unwrap_or_else(|e| panic!("{e}: {}", &page[start..data_end]));
    let script_start = data_end + "</script>".len();
    assert!(
        page[script_start..].starts_with("<script>"),
        "the code follows its texts"
    );
    let end = script_start + page[script_start..].find("</script>").unwrap() + "</script>".len();
    let table = data["texts"]
        .as_object()
        .expect("texts by language")
        .clone();
    (&page[start..end], table)
}

/// Every value of the attribute `name` in `html`.
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let marker = format!(" {name}=\"");
    html.split(marker.as_str())
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect()
}

#[test]
fn the_snapshot_carries_its_interface_texts_in_every_language_from_the_i18n_tables() {
    let root = copy_site("languages");
    let pages = publish(&root, "/");
    for (path, page) in &pages {
        let snap = snapshot(page);
        let mut keys = attribute_values(snap, "data-i18n");
        keys.extend(attribute_values(snap, "data-i18n-label"));
        keys.sort_unstable();
        keys.dedup();
        for expected in [
            "Components",
            "PrerenderedNote",
            "SlaCalculator",
            "SiteNavLabel",
        ] {
            assert!(keys.contains(&expected), "{path}: {expected} is marked");
        }
        let (_, table) = translator(page);
        let others: Vec<Lang> = Lang::ALL
            .into_iter()
            .filter(|&lang| lang != Lang::English)
            .collect();
        assert_eq!(table.len(), others.len(), "{path}: every other language");
        for lang in others {
            let texts = table[lang.tag()].as_object().expect("texts by key");
            let mut listed: Vec<&str> = texts.keys().map(String::as_str).collect();
            listed.sort_unstable();
            assert_eq!(listed, keys, "{path} {lang:?}: exactly the marked keys");
            for (key, text) in texts {
                let msg = Msg::ALL
                    .iter()
                    .copied()
                    .find(|msg| format!("{msg:?}") == *key)
                    .unwrap_or_else(|| panic!("{key} is a Msg"));
                assert_eq!(text.as_str(), Some(lang.text(msg)), "{path} {lang:?} {key}");
            }
        }
        // The English words in the page are the English table's, placeholders filled by slots.
        let doc = roxmltree::Document::parse(snap).unwrap();
        for node in doc.descendants().filter(|n| n.has_attribute("data-i18n")) {
            let key = node.attribute("data-i18n").unwrap();
            let msg = *Msg::ALL.iter().find(|m| format!("{m:?}") == key).unwrap();
            let mut english = Lang::English.text(msg).to_owned();
            for slot in node.children().filter(|c| c.has_attribute("data-slot")) {
                let text: String = slot
                    .descendants()
                    .filter(|d| d.is_text())
                    .map(|d| d.text().unwrap())
                    .collect();
                let name = slot.attribute("data-slot").unwrap();
                english = english.replace(&format!("{{{name}}}"), &text);
            }
            let shown: String = node
                .descendants()
                .filter(|d| d.is_text())
                .map(|d| d.text().unwrap())
                .collect();
            assert_eq!(shown, english, "{path}: {key}");
        }
    }
}

#[test]
fn the_translating_script_is_small_and_cannot_be_closed_by_a_text() {
    let root = copy_site("script-size");
    let pages = publish(&root, "/");
    let page = &pages["emea/index.html"];
    let (script, _) = translator(page);
    assert_eq!(
        script.matches("</").count(),
        2,
        "only the two elements' own </script>"
    );
    let code = &script
        [script.rfind("<script>").unwrap() + "<script>".len()..script.len() - "</script>".len()];
    assert!(!code.contains('<'), "no < inside the script");
    let gzip = |text: &str| {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, text.as_bytes()).unwrap();
        gz.finish().unwrap().len()
    };
    let added = gzip(page) - gzip(&page.replacen(script, "", 1));
    println!(
        "translating script: {} bytes, {} gzip alone, {added} gzip added to the page",
        script.len(),
        gzip(script)
    );
    assert!(added < 3072, "{added} bytes gzip added");
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
            .map(|s| {
                (
                    s.component.name,
                    status_word(&s.status, Lang::English).to_owned(),
                )
            })
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
            shown.ends_with(indicator_words(&banner, Lang::English)),
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
        assert!(page.contains("<script type=module"), "the app still loads");
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
fn the_root_page_shows_the_default_region_and_every_feed_and_the_other_apps_are_left_alone() {
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
    for app in ["sla/index.html", "embed/sla/index.html"] {
        assert!(
            !root.join("out").join(app).exists(),
            "{app} is an app of its own: publish never writes the status app's shell over it"
        );
    }
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
    // The history holds the same incident: its copy takes the same edit.
    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("public/data/emea/summary.json")).unwrap(),
    )
    .unwrap();
    edit("data/emea/history.json", &|history| {
        for incident in history["incidents"].as_array_mut().unwrap() {
            if incident["id"] == summary["incidents"][0]["id"] {
                *incident = summary["incidents"][0].clone();
            }
        }
    });
    let pages = publish(&root, "/");
    for (path, page) in &pages {
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
    // The configuration carried in the page cannot be closed early by a name in it.
    let config = inline_config(emea);
    assert_eq!(config.regions[1].name, HOSTILE);
}

/// The site configuration a page carries for the app (`#beacon-config`), read as the app reads
/// it: the element's text up to the first `</script>`.
fn inline_config(page: &str) -> SiteConfig {
    let open = format!("<script type=\"application/json\" id=\"{CONFIG_ELEMENT_ID}\">");
    let start = page
        .find(&open)
        .expect("the page carries the configuration")
        + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    SiteConfig::from_json("inline", &page[start..end]).expect("the inline configuration reads")
}

#[test]
fn every_pre_rendered_page_carries_the_site_configuration_the_app_would_fetch() {
    let root = copy_site("config");
    let pages = publish(&root, "/");
    let text = std::fs::read_to_string(root.join("public/config.json")).unwrap();
    let fetched = SiteConfig::from_json("config.json", &text).unwrap();
    for (path, page) in &pages {
        assert_eq!(inline_config(page), fetched, "{path}");
        assert_eq!(page.matches(CONFIG_ELEMENT_ID).count(), 1, "{path}");
        // The boot script comes first after <base>: a region's page names its own summary and
        // history for it to fetch; `/` shows the visitor's region, which the build cannot know, so it
        // names none.
        let base_end = page.find("<base href=/ >").unwrap() + "<base href=/ >".len();
        let after_base = &page[base_end..];
        let boot = after_base
            .find("<script id=\"beacon-boot\"")
            .expect("the boot script");
        assert_eq!(page.matches("id=\"beacon-boot\"").count(), 1, "{path}");
        let before_boot = after_base[..boot]
            .trim_start_matches("<!--beacon:prerendered-->")
            .trim_start_matches("<template id=\"beacon-preload\">");
        assert!(
            before_boot.ends_with("</template>") && !before_boot.contains("<script"),
            "{path}: only the preloads' template before the boot script: {before_boot}"
        );
        assert!(after_base[boot..].contains("E[f]=fetch(f,{cache:\"no-cache\",signal:"));
        match fetched
            .regions
            .iter()
            .find(|r| path.starts_with(&format!("{}/", r.id)))
        {
            Some(region) => assert!(
                after_base[boot..].starts_with(&format!(
                    "<script id=\"beacon-boot\" data-fetch=\"[&quot;{}&quot;,&quot;{}&quot;]\">",
                    region.summary_url,
                    beacon_core::layout::recent_history(&region.history_url)
                )),
                "{path}"
            ),
            None => assert!(
                after_base[boot..].starts_with("<script id=\"beacon-boot\">"),
                "{path}"
            ),
        }
    }
}

#[test]
fn publishing_again_replaces_the_snapshot_instead_of_adding_one() {
    let root = copy_site("twice");
    let first = publish(&root, "/");
    let out = root.join("out");
    publish_site(&root.join("public"), &out, "/", now()).unwrap();
    let again = common::scripts_inline(
        &out,
        &std::fs::read_to_string(out.join("index.html")).unwrap(),
    );
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

#[test]
fn the_published_pages_keep_inline_only_what_the_published_policy_allows() {
    let root = copy_site("csp");
    let out = root.join("out");
    publish(&root, "/beacon/");
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    let policy = headers
        .lines()
        .find_map(|line| line.trim().strip_prefix("Content-Security-Policy: "))
        .expect("the policy");
    let directive = |name: &str| {
        policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} in {policy}"))
            .to_owned()
    };
    let (script_src, style_src) = (directive("script-src"), directive("style-src"));
    assert!(
        script_src.starts_with("script-src 'self' 'wasm-unsafe-eval'"),
        "{policy}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert!(
        policy.ends_with("connect-src 'self' http://127.0.0.1:8090"),
        "the sign-up service of config.json: {policy}"
    );
    for (path, page) in ["index.html", "emea/index.html", "emea/history/index.html"]
        .map(|path| (path, std::fs::read_to_string(out.join(path)).unwrap()))
    {
        let (mut inline, mut modules) = (0, 0);
        for (at, _) in page.match_indices("<script") {
            let tag = &page[at..at + page[at..].find('>').unwrap()];
            let body = &page[at + tag.len() + 1..];
            let text = &body[..body.find("</script>").unwrap()];
            if tag.contains("application/json") {
                continue;
            }
            if tag.contains("type=module") {
                modules += 1;
                assert!(
                    tag.contains(" src=\"/beacon/beacon-script-"),
                    "{path}: {tag}"
                );
                assert_eq!(text, "", "{path}: {tag} has text");
            } else {
                inline += 1;
                let hash = format!("'{}'", csp_hash(text));
                assert!(script_src.contains(&hash), "{path}: {tag} is not allowed");
            }
        }
        assert_eq!(modules, 1, "{path}: the app's loader");
        // The boot script, and on a region's pages the translator.
        assert!(inline >= 1, "{path}: {inline} inline scripts");
        for (at, _) in page.match_indices("<style>") {
            let text = &page[at + "<style>".len()..];
            let text = &text[..text.find("</style>").unwrap()];
            assert!(
                style_src.contains(&format!("'{}'", csp_hash(text))),
                "{path}: the styles"
            );
        }
    }
}

#[test]
fn a_page_paints_from_its_first_response_and_fetches_nothing_for_the_app_without_javascript() {
    let root = copy_site("first-paint");
    let pages = publish(&root, "/");
    for (path, page) in &pages {
        let head = &page[..page.find("</head>").unwrap()];
        assert!(
            head.contains(&format!("<style>{STYLES}</style>")),
            "{path}: the styles inline"
        );
        assert!(
            !head.contains("rel=stylesheet"),
            "{path}: no stylesheet to wait for"
        );
        // Trunk's preloads of the app only inside the template the boot script empties.
        let template = head
            .split_once("<template id=\"beacon-preload\">")
            .and_then(|(_, rest)| rest.split_once("</template>"))
            .expect("the preloads' template")
            .0;
        assert!(
            template.contains("href=/beacon-1.js rel=modulepreload"),
            "{path}"
        );
        assert!(
            template.contains("href=/beacon-1_bg.wasm rel=preload"),
            "{path}"
        );
        assert_eq!(
            head.matches("beacon-1_bg.wasm rel=preload").count(),
            1,
            "{path}"
        );
        assert_eq!(head.matches("rel=modulepreload").count(), 1, "{path}");
    }
}

#[test]
fn each_quarter_of_the_history_is_pre_rendered_with_paging_and_its_incidents() {
    let root = copy_site("history");
    let out = root.join("out");
    publish(&root, "/beacon/");
    let page = |path: &str| {
        let text = std::fs::read_to_string(out.join(path)).unwrap();
        common::scripts_inline(&out, &text)
    };
    let q3 = page("emea/history/2026-q3/index.html");
    let newest = page("emea/history/index.html");
    let q4 = page("emea/history/2026-q4/index.html");
    assert_eq!(
        snapshot(&newest),
        snapshot(&q4),
        "the history opens on the newest quarter"
    );
    assert!(q4.contains("<title>Incident history — EMEA — "), "{q4}");
    let doc = roxmltree::Document::parse(snapshot(&q3)).expect("well-formed snapshot");
    let by_testid = |id: &str| {
        doc.descendants()
            .filter(|n| n.attribute("data-testid") == Some(id))
            .collect::<Vec<_>>()
    };
    let period = by_testid("prerendered-period");
    assert_eq!(period[0].attribute("data-period"), Some("2026-q3"));
    assert_eq!(
        period[0]
            .descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect::<String>(),
        "Q3 2026"
    );
    assert_eq!(
        by_testid("prerendered-newer")[0].attribute("href"),
        Some("/beacon/emea/history/2026-q4/")
    );
    assert!(by_testid("prerendered-older").is_empty(), "nothing older");
    let months: Vec<String> = by_testid("prerendered-month")
        .iter()
        .map(|month| {
            month
                .children()
                .find(|n| n.has_tag_name("h3"))
                .and_then(|h| h.text())
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(months, ["September 2026", "August 2026"]);
    let links: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .filter_map(|n| n.attribute("href"))
        .filter(|href| href.contains("/incidents/"))
        .collect();
    assert_eq!(links.len(), 5, "{links:?}");
    assert!(links.contains(&"/beacon/emea/incidents/geqe7cxxqsgn/"));
    let listed: Vec<String> = by_testid("prerendered-periods")[0]
        .children()
        .map(|li| {
            li.descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect()
        })
        .collect();
    assert_eq!(listed, ["Q4 2026 · 9 incidents", "Q3 2026 · 5 incidents"]);
    // Translated like every snapshot text.
    let (_, table) = translator(&q3);
    assert_eq!(table["de"]["HistoryQuarter"], "Q{quarter} {year}");
    assert_eq!(
        table["ja"]["NewerPeriod"],
        Lang::Japanese.text(Msg::NewerPeriod)
    );
}
