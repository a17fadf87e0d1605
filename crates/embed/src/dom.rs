//! The widget in the page: fetch the policy, write [`Widget`] into the document with `web_sys`,
//! and tell the parent page the height. Every decision is in the parent module.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{AbortSignal, Document, Element, HtmlElement, RequestInit, Response};

use super::{
    centre_for, root_class, site_from_embed_base, widget, FiledNow, LoadError, PlanDue, Widget,
    WidgetTexts,
};
use beacon_browser as web;
use beacon_browser::{apply_theme, lazy};
use beacon_core::i18n::{fill, Lang, Msg, Texts, LANG_PARAM, REMEMBERED_LANG};
use beacon_core::layout::{DATA_TIMEOUT_MS, FILED_NOW};
use beacon_core::sla::policy::PolicyIndex;
use beacon_core::sla::present::{self, echoed, EmbedQuery, HEIGHT_MESSAGE};
use beacon_core::sla::tree::JsonTree;
use beacon_core::sla::{BusinessCalendar, Policy};
use chrono::{DateTime, Utc};

/// The policy index, relative to the site's base URL.
const INDEX_FILE: &str = "policies/index.json";

/// Runs the widget in the embed page: reads its settings from the URL, shows "Loading…",
/// fetches and validates the policy, and shows its targets (or which file and field is wrong).
/// With `due=1` it then fetches the centre's calendar and loads the "If you filed now" module
/// ([`FILED_NOW`]), which holds the calendar engine: a widget without due times never
/// downloads it.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let search = window.location().search().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    let get = |name: &str| params.as_ref().and_then(|p| p.get(name));
    let query = EmbedQuery::from_params(get);
    let lang = Lang::choose(
        get(LANG_PARAM).as_deref(),
        web::remembered(REMEMBERED_LANG).as_deref(),
        &web::browser_languages(),
    );
    web::set_document_lang(lang.tag());
    apply_theme(query.theme);
    let Some(root) = root_element(&document) else {
        return;
    };
    let _ = root.set_attribute("class", root_class(&query));
    // Through the CSSOM, which a Content-Security-Policy without `'unsafe-inline'` allows
    // (a `style` attribute it blocks).
    if let (Some(accent), Some(root)) = (&query.accent, root.dyn_ref::<HtmlElement>()) {
        let _ = root.style().set_property("--accent", accent);
    }
    render(
        &root,
        &Widget::Loading(WidgetTexts(lang).text(Msg::Loading)),
    );
    if let Some(parent) = query.parent_origin(&document.referrer()) {
        report_height(&root, parent);
    }
    let site = site_from_embed_base(&document.base_uri().ok().flatten().unwrap_or_default());
    spawn_local(async move {
        let problem = |detail: String| Widget::Problem {
            lead: WidgetTexts(lang).text(Msg::PolicyUnusable),
            detail,
        };
        let loaded = match load(&site, query.policy.as_deref()).await {
            Ok(loaded) => loaded,
            Err(error) => return render(&root, &problem(error.describe(lang))),
        };
        render(&root, &widget(&loaded.policy, &query, lang, &site));
        if !query.due {
            return;
        }
        let first = loaded.index.calendars.first().map(|e| e.id.as_str());
        let Some(id) = centre_for(&query, &loaded.policy, first) else {
            return;
        };
        let Some(entry) = loaded.index.calendars.iter().find(|e| e.id == id) else {
            let known: Vec<&str> = loaded
                .index
                .calendars
                .iter()
                .map(|e| e.id.as_str())
                .collect();
            let reason = format!(
                "no calendar \"{}\" (the index lists {})",
                echoed(id),
                known.join(", ")
            );
            let error = LoadError::at(INDEX_FILE, "calendars", reason);
            return render(&root, &problem(error.describe(lang)));
        };
        let file = format!("policies/{}", entry.file);
        let centre = match fetch_json(&site, &file).await {
            Ok(centre) => centre,
            Err(error) => return render(&root, &problem(error.describe(lang))),
        };
        let module = match lazy::load(FILED_NOW).await {
            Ok(module) => module,
            Err(reason) => {
                let error = LoadError::Fetch {
                    file: FILED_NOW.to_owned(),
                    reason,
                };
                return render(&root, &problem(error.describe(lang)));
            }
        };
        let args = [
            root.clone().into(),
            loaded.file.into(),
            loaded.tree.0,
            file.into(),
            centre.0,
            search.into(),
            lang.tag().into(),
        ];
        if let Err(detail) = lazy::call(&module, "show", &args) {
            render(&root, &problem(detail));
        }
    });
}

/// The query `search` (a URL's `?…`, as `location.search` gives it) asks the widget for.
fn query_from_search(search: &str) -> EmbedQuery {
    let params = web_sys::UrlSearchParams::new_with_str(search).ok();
    EmbedQuery::from_params(|name| params.as_ref().and_then(|p| p.get(name)))
}

/// "If you filed now" from what the widget fetched: the policy and the centre's calendar as
/// `JSON.parse` gave them (read and validated here), the page's query (`search`) and language
/// tag. What the module behind `due=1` runs; `Err` is the problem in the visitor's language,
/// naming file and field.
pub fn show_filed_now_from_json(
    root: &Element,
    policy_file: &str,
    policy: JsValue,
    calendar_file: &str,
    calendar: JsValue,
    search: &str,
    lang: &str,
) -> Result<(), String> {
    let lang = Lang::from_tag(lang).unwrap_or(Lang::English);
    let policy = Policy::from_tree(policy_file, &Js(policy))
        .map_err(|errors| LoadError::Invalid(errors).describe(lang))?;
    let centre = BusinessCalendar::from_tree(calendar_file, &Js(calendar))
        .map_err(|errors| LoadError::Invalid(errors).describe(lang))?;
    show_filed_now(root, policy, query_from_search(search), centre, lang);
    Ok(())
}

/// "If you filed now": the due times of each shown plan for a ticket filed at this moment, in
/// the visitor's zone and the centre's, kept current every second.
pub fn show_filed_now(
    root: &Element,
    policy: Policy,
    query: EmbedQuery,
    centre: BusinessCalendar,
    lang: Lang,
) {
    // The widget lives as long as the page: its policy and centre are never dropped.
    let policy: &'static Policy = Box::leak(Box::new(policy));
    let centre: &'static BusinessCalendar = Box::leak(Box::new(centre));
    let filed_now = FiledNow::new(policy, &query, centre);
    render_filed_now(root, &filed_now.at(web::now()), centre.zone(), lang);
    let Some(window) = web_sys::window() else {
        return;
    };
    let root = root.clone();
    let tick = Closure::<dyn FnMut()>::new(move || {
        render_filed_now(&root, &filed_now.at(web::now()), centre.zone(), lang);
    });
    let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
        tick.as_ref().unchecked_ref(),
        1000,
    );
    // The clock runs as long as the page: the callback is never dropped.
    tick.forget();
}

/// Writes (or rewrites) the "If you filed now" section of `root`: each plan's due times, in
/// the visitor's zone and the centre's (`zone`).
pub fn render_filed_now(root: &Element, dues: &[PlanDue], zone: &str, lang: Lang) {
    let Some(document) = root.owner_document() else {
        return;
    };
    let section = match root.query_selector("[data-testid=embed-filed-now]") {
        Ok(Some(section)) => section,
        _ => {
            let Ok(section) = document.create_element("section") else {
                return;
            };
            let _ = section.set_attribute("data-testid", "embed-filed-now");
            let _ = section.set_attribute("aria-live", "off");
            let foot = root.query_selector(".sla-embed-foot").ok().flatten();
            let _ = root.insert_before(&section, foot.as_ref().map(|f| f.unchecked_ref()));
            section
        }
    };
    section.set_text_content(None);
    let add = |parent: &Element, tag: &str, attrs: &[(&str, &str)], text: &str| {
        let element = document.create_element(tag).unwrap_throw();
        for (name, value) in attrs {
            let _ = element.set_attribute(name, value);
        }
        if !text.is_empty() {
            element.set_text_content(Some(text));
        }
        let _ = parent.append_child(&element);
        element
    };
    add(&section, "h2", &[], WidgetTexts(lang).text(Msg::FiledNow));
    let list = add(&section, "dl", &[], "");
    let labels = [
        WidgetTexts(lang).text(Msg::FirstResponse),
        WidgetTexts(lang).text(Msg::Resolution),
    ];
    for due in dues {
        add(&list, "dt", &[], &due.name);
        let testid = format!("embed-due-{}", due.plan);
        let item = add(&list, "dd", &[("data-testid", &testid)], "");
        for (label, at) in labels.iter().zip([due.first_response, due.resolution]) {
            let Some(at) = at else { continue };
            let line = add(&item, "p", &[], &format!("{label}: "));
            let yours = fill(
                WidgetTexts(lang).text(Msg::FiledNowYours),
                &[("time", &local_time(at, lang, None))],
            );
            add(
                &line,
                "time",
                &[("datetime", &present::utc_stamp(at))],
                &yours,
            );
            let _ = line.append_with_str_1(" · ");
            let _ = line.append_with_str_1(&fill(
                WidgetTexts(lang).text(Msg::FiledNowCentre),
                &[("time", &local_time(at, lang, Some(zone))), ("zone", zone)],
            ));
        }
    }
}

/// `at` as the browser writes a weekday, date and time in `lang`, in `zone` (default: the
/// visitor's own).
fn local_time(at: DateTime<Utc>, lang: Lang, zone: Option<&str>) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("weekday", "short"),
        ("day", "numeric"),
        ("month", "short"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ]
    .into_iter()
    .chain(zone.map(|z| ("timeZone", z)))
    {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let date = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    date.to_locale_string(lang.tag(), &options).into()
}

/// The page's `<main data-testid="sla-embed">`, created when the page lacks it.
fn root_element(document: &Document) -> Option<Element> {
    if let Ok(Some(root)) = document.query_selector("[data-testid=sla-embed]") {
        return Some(root);
    }
    let root = document.create_element("main").ok()?;
    let _ = root.set_attribute("data-testid", "sla-embed");
    document.body()?.append_child(&root).ok()?;
    Some(root)
}

/// Replaces what `root` shows with `widget`.
pub fn render(root: &Element, widget: &Widget) {
    let Some(document) = root.owner_document() else {
        return;
    };
    root.set_text_content(None);
    let add = |parent: &Element, tag: &str, attrs: &[(&str, &str)], text: &str| {
        let element = document.create_element(tag).unwrap_throw();
        for (name, value) in attrs {
            let _ = element.set_attribute(name, value);
        }
        if !text.is_empty() {
            element.set_text_content(Some(text));
        }
        let _ = parent.append_child(&element);
        element
    };
    match widget {
        Widget::Loading(loading) => {
            add(
                root,
                "p",
                &[("class", "loading"), ("role", "status")],
                loading,
            );
        }
        Widget::Problem { lead, detail } => {
            let notice = add(
                root,
                "div",
                &[
                    ("class", "notice error"),
                    ("role", "alert"),
                    ("data-testid", "policy-error"),
                ],
                "",
            );
            add(&notice, "strong", &[], lead);
            let _ = notice.append_with_str_1(detail);
        }
        Widget::NoTargets(message) => {
            add(
                root,
                "p",
                &[("class", "notice"), ("data-testid", "embed-no-targets")],
                message,
            );
        }
        Widget::Targets(targets) => {
            let head = add(root, "p", &[("class", "sla-embed-head")], "");
            add(&head, "strong", &[], &targets.policy);
            let _ = head.append_with_str_1(&format!(" · {}: ", targets.level_label));
            add(
                &head,
                "span",
                &[("data-testid", "embed-level")],
                &targets.level,
            );
            let list = add(root, "ul", &[("class", "sla-embed-plans")], "");
            for plan in &targets.plans {
                let testid = format!("embed-plan-{}", plan.id);
                let item = add(
                    &list,
                    "li",
                    &[("class", "sla-embed-plan"), ("data-testid", &testid)],
                    "",
                );
                add(&item, "h2", &[], &plan.name);
                add(&item, "p", &[("class", "muted")], &plan.coverage);
                let terms = add(&item, "dl", &[], "");
                add(&terms, "dt", &[], targets.labels[0]);
                add(
                    &terms,
                    "dd",
                    &[("data-testid", "embed-first-response")],
                    &plan.first_response,
                );
                add(&terms, "dt", &[], targets.labels[1]);
                add(
                    &terms,
                    "dd",
                    &[("data-testid", "embed-resolution")],
                    &plan.resolution,
                );
                let details = add(&item, "details", &[("class", "sla-embed-source")], "");
                add(&details, "summary", &[], targets.source_labels[0]);
                for (kind, (label, line)) in ["first-response", "resolution"]
                    .into_iter()
                    .zip(targets.labels.iter().zip(&plan.sources))
                {
                    let Some(line) = line else { continue };
                    let testid = format!("embed-{kind}-source");
                    let p = add(&details, "p", &[("data-testid", &testid)], "");
                    add(&p, "strong", &[], &format!("{label}: "));
                    add(&p, "cite", &[], &line.document);
                    let _ = p.append_with_str_1(" ");
                    let quote_id = format!("embed-{kind}-quote");
                    add(
                        &p,
                        "q",
                        &[("lang", &line.language), ("data-testid", &quote_id)],
                        &line.quote,
                    );
                    add(&p, "br", &[], "");
                    let _ = p.append_with_str_1(&format!("{}: ", targets.source_labels[1]));
                    let reading_id = format!("embed-{kind}-reading");
                    add(&p, "span", &[("data-testid", &reading_id)], &line.reading);
                }
            }
            let readings = &targets.readings;
            let details = add(
                root,
                "details",
                &[
                    ("class", "sla-embed-readings"),
                    ("data-testid", "embed-readings"),
                ],
                "",
            );
            add(&details, "summary", &[], readings.heading);
            let cite = add(&details, "p", &[], "");
            add(
                &cite,
                "cite",
                &[("lang", &readings.document_language)],
                &readings.document,
            );
            let list = add(&details, "ul", &[], "");
            for reading in &readings.readings {
                add(&list, "li", &[("data-testid", "embed-reading")], reading);
            }
            add(&details, "p", &[], readings.open_label);
            let list = add(&details, "ul", &[], "");
            for question in &readings.open_questions {
                add(
                    &list,
                    "li",
                    &[("data-testid", "embed-open-question")],
                    question,
                );
            }
            let foot = add(root, "p", &[("class", "sla-embed-foot")], "");
            add(
                &foot,
                "a",
                &[
                    ("href", &targets.calculator_href),
                    ("target", "_blank"),
                    ("rel", "noopener"),
                ],
                targets.calculator_text,
            );
        }
    }
}

/// The policy the widget shows, with what "If you filed now" reads again in its module.
struct Loaded {
    /// The policy, validated.
    policy: Policy,
    /// Its file, relative to the site's base URL.
    file: String,
    /// The file as `JSON.parse` gave it.
    tree: Js,
    /// The policy index (for the calendars).
    index: PolicyIndex,
}

/// Fetches the index and the policy `wanted` (else the index's first), validated. A policy
/// the index does not list is an error, never silently another policy's numbers.
async fn load(site: &str, wanted: Option<&str>) -> Result<Loaded, LoadError> {
    let index = fetch_json(site, INDEX_FILE).await?;
    let index = PolicyIndex::from_tree(INDEX_FILE, &index).map_err(LoadError::Invalid)?;
    let entry = match wanted {
        Some(id) => index.policies.iter().find(|e| e.id == id).ok_or_else(|| {
            let known: Vec<&str> = index.policies.iter().map(|e| e.id.as_str()).collect();
            let reason = format!(
                "no policy \"{}\" (the index lists {})",
                echoed(id),
                known.join(", ")
            );
            LoadError::at(INDEX_FILE, "policies", reason)
        })?,
        None => index
            .policies
            .first()
            .ok_or_else(|| LoadError::at(INDEX_FILE, "policies", "the list is empty"))?,
    };
    let file = format!("policies/{}", entry.file);
    let tree = fetch_json(site, &file).await?;
    let policy = Policy::from_tree(&file, &tree).map_err(LoadError::Invalid)?;
    Ok(Loaded {
        policy,
        file,
        tree,
        index,
    })
}

/// `site` + `file` parsed by the browser's `JSON.parse`, or why not, naming the file.
async fn fetch_json(site: &str, file: &str) -> Result<Js, LoadError> {
    parse_json(file, &fetch_text(site, file).await?)
}

/// A policy file's text read as the widget reads it: the browser's `JSON.parse`, then the
/// policy readers and validation.
pub fn parse_policy(file: &str, text: &str) -> Result<Policy, LoadError> {
    Policy::from_tree(file, &parse_json(file, text)?).map_err(LoadError::Invalid)
}

/// `text` parsed by the browser's `JSON.parse`, or why not, naming the file.
fn parse_json(file: &str, text: &str) -> Result<Js, LoadError> {
    js_sys::JSON::parse(text).map(Js).map_err(|err| {
        let reason = err
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".into());
        LoadError::at(file, "", reason)
    })
}

/// A value `JSON.parse` returned, read by the policy readers.
struct Js(JsValue);

impl JsonTree for Js {
    fn field(&self, name: &str) -> Option<Self> {
        if !self.0.is_object() || js_sys::Array::is_array(&self.0) {
            return None;
        }
        let object: &js_sys::Object = self.0.unchecked_ref();
        let name = JsValue::from_str(name);
        if !js_sys::Object::has_own(object, &name) {
            return None;
        }
        js_sys::Reflect::get(object, &name).ok().map(Js)
    }
    fn is_null(&self) -> bool {
        self.0.is_null()
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(&self.0)
            .then(|| js_sys::Array::from(&self.0).iter().map(Js).collect())
    }
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        if !self.0.is_object() || js_sys::Array::is_array(&self.0) {
            return None;
        }
        let entries = js_sys::Object::entries(self.0.unchecked_ref());
        Some(
            entries
                .iter()
                .map(|pair| {
                    let pair = js_sys::Array::from(&pair);
                    (pair.get(0).as_string().unwrap_or_default(), Js(pair.get(1)))
                })
                .collect(),
        )
    }
}

/// The text of `site` + `file`, or why not, naming the file.
async fn fetch_text(site: &str, file: &str) -> Result<String, LoadError> {
    let failed = |err: JsValue| LoadError::Fetch {
        file: file.to_owned(),
        reason: err
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "network error".into()),
    };
    let window = web_sys::window().ok_or_else(|| failed(JsValue::UNDEFINED))?;
    // The time limit covers the answer and its body; when it runs out the request is aborted.
    let signal = AbortSignal::timeout_with_u32(DATA_TIMEOUT_MS);
    let failed = |err: JsValue| {
        if signal.aborted() {
            LoadError::Timeout {
                file: file.to_owned(),
                seconds: DATA_TIMEOUT_MS / 1000,
            }
        } else {
            failed(err)
        }
    };
    let init = RequestInit::new();
    init.set_signal(Some(&signal));
    let request = window.fetch_with_str_and_init(&format!("{site}{file}"), &init);
    let response: Response = JsFuture::from(request)
        .await
        .map_err(failed)?
        .unchecked_into();
    if !response.ok() {
        return Err(LoadError::Http {
            file: file.to_owned(),
            status: response.status(),
        });
    }
    let body = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    body.as_string()
        .ok_or_else(|| LoadError::at(file, "", "the answer is not text"))
}

/// Posts the root's height to the parent page now and whenever it changes (content, fonts,
/// window width), when the page is in a frame; only a parent of `parent_origin` receives it.
fn report_height(root: &Element, parent_origin: String) {
    let Ok(root) = root.clone().dyn_into::<HtmlElement>() else {
        return;
    };
    let last = std::cell::Cell::new(0);
    let observed = root.clone();
    let post = Closure::<dyn FnMut()>::new(move || {
        let height = observed.offset_height();
        if height == 0 || height == last.get() {
            return;
        }
        last.set(height);
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(Some(parent)) = window.parent() else {
            return;
        };
        if js_sys::Object::is(&parent, &window) {
            return;
        }
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &JsValue::from(height));
        let _ = parent.post_message(&message, &parent_origin);
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(post.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    // The page lives as long as the widget: the callback is never dropped.
    post.forget();
}
