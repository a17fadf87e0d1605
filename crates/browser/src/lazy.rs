//! Apps loaded on demand. Trunk builds one wasm module per page and cannot split it, so a part
//! of a page that few visitors use is an app of its own (its wasm and wasm-bindgen JS glue,
//! built by its own Trunk run in `.ci/dist`), which the page loads the first time it is needed:
//! the status pages' "Get updates" dialog (bin `beacon-subscribe`) and the SLA embed's "If you
//! filed now" due times (bin `beacon-embed-filed-now`, asked for with `due=1`).
//!
//! Publishing (`beacon-ops publish --module [FOLDER/]NAME=PAGE`, run by `.ci/dist`) writes the
//! module's content-hashed file names into the page that loads it as
//! `<meta name="beacon-module:NAME" content="JS" data-wasm="WASM">`, so the files keep their
//! long-cache names and no extra request is needed to find them. [`load`] reads that tag,
//! imports the JS glue (through `window.beaconImport`, a one-line helper in the page:
//! `import()` is JavaScript syntax that Rust cannot emit) and runs its `init` with the wasm; a
//! module that has not arrived within [`DATA_TIMEOUT_MS`] counts as failed.
//! The name parsing and addresses are plain Rust, tested natively.

use std::cell::{Cell, RefCell};

use beacon_core::layout::{meta_name, ModuleFiles, DATA_TIMEOUT_MS};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The modules loaded so far: name and the JS glue's namespace (its exports).
    static LOADED: RefCell<Vec<(String, JsValue)>> = const { RefCell::new(Vec::new()) };
    /// How many loads have failed on this page, for [`ModuleFiles::js_address`].
    static FAILED: Cell<u32> = const { Cell::new(0) };
}

/// Loads `module` (once per page) and returns its JS glue's namespace, whose functions call
/// into the module's wasm; `Err` says why it could not be loaded (for the console: the view
/// words the failure for the visitor). A later call after a failure tries again.
pub async fn load(module: &str) -> Result<JsValue, String> {
    let loaded = LOADED.with_borrow(|loaded| {
        loaded
            .iter()
            .find(|(name, _)| name == module)
            .map(|(_, exports)| exports.clone())
    });
    if let Some(exports) = loaded {
        return Ok(exports);
    }
    let files = files_named_in_page(module)
        .ok_or_else(|| format!("the page names no files for the {module} module"))?;
    // A module that does not arrive in time counts as failed, so the visitor can try again.
    let late = format!(
        "the {module} module did not arrive within {} seconds",
        DATA_TIMEOUT_MS / 1000
    );
    let imported = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(
        &wasm_bindgen_futures::future_to_promise(import(files, FAILED.get())),
        &rejected_after(DATA_TIMEOUT_MS, late),
    )))
    .await;
    match imported {
        Ok(exports) => {
            LOADED.with_borrow_mut(|loaded| loaded.push((module.to_owned(), exports.clone())));
            Ok(exports)
        }
        Err(error) => {
            FAILED.set(FAILED.get() + 1);
            Err(describe(&error))
        }
    }
}

/// Calls `exports.method(...args)` (a function or method of a loaded module).
pub fn call(target: &JsValue, method: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let function = js_sys::Reflect::get(target, &JsValue::from_str(method))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("the module has no function {method}"))?;
    let args: js_sys::Array = args.iter().collect();
    function
        .apply(target, &args)
        .map_err(|error| describe(&error))
}

/// The files the page's `<meta name="beacon-module:…">` tag names for `module`.
fn files_named_in_page(module: &str) -> Option<ModuleFiles> {
    let meta = web_sys::window()?
        .document()?
        .query_selector(&format!("meta[name=\"{}\"]", meta_name(module)))
        .ok()??;
    let files = ModuleFiles::new(
        &meta.get_attribute("content")?,
        &meta.get_attribute("data-wasm")?,
    )?;
    match meta.get_attribute("data-css") {
        Some(css) => files.with_css(&css),
        None => Some(files),
    }
}

/// Imports the JS glue and runs its `init` with the wasm; the glue's namespace.
async fn import(files: ModuleFiles, attempt: u32) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let base = document
        .base_uri()?
        .unwrap_or_else(|| window.location().href().unwrap_or_default());
    let js = web_sys::Url::new_with_base(&files.js_address(attempt), &base)?.href();
    let wasm = web_sys::Url::new_with_base(&files.wasm, &base)?.href();
    let styled = match &files.css {
        Some(css) => Some(stylesheet(
            &document,
            &web_sys::Url::new_with_base(css, &base)?.href(),
        )?),
        None => None,
    };
    let importer = js_sys::Reflect::get(&window, &JsValue::from_str("beaconImport"))?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| "the page has no beaconImport helper")?;
    let exports = promised(importer.call1(&JsValue::NULL, &JsValue::from_str(&js))?).await?;
    let init = js_sys::Reflect::get(&exports, &JsValue::from_str("default"))?
        .dyn_into::<js_sys::Function>()
        .map_err(|_| "the module has no init")?;
    let options = js_sys::Object::new();
    js_sys::Reflect::set(
        &options,
        &JsValue::from_str("module_or_path"),
        &JsValue::from_str(&wasm),
    )?;
    promised(init.call1(&JsValue::NULL, &options)?).await?;
    if let Some(styled) = styled {
        // A stylesheet that failed to load leaves the module's view plain but usable.
        let _ = JsFuture::from(styled).await;
    }
    Ok(exports)
}

/// Adds the stylesheet at `href` to the page (once) and returns a promise that settles when it
/// has loaded or failed, so the module's view is not shown before its styles apply.
fn stylesheet(document: &web_sys::Document, href: &str) -> Result<js_sys::Promise, JsValue> {
    let selector = format!("link[rel=stylesheet][href=\"{href}\"]");
    if document.query_selector(&selector)?.is_some() {
        return Ok(js_sys::Promise::resolve(&JsValue::UNDEFINED));
    }
    let link = document.create_element("link")?;
    link.set_attribute("rel", "stylesheet")?;
    link.set_attribute("href", href)?;
    let settled = js_sys::Promise::new(&mut |resolve, _| {
        let _ = js_sys::Reflect::set(&link, &JsValue::from_str("onload"), &resolve);
        let _ = js_sys::Reflect::set(&link, &JsValue::from_str("onerror"), &resolve);
    });
    document
        .query_selector("head")?
        .ok_or("the page has no <head>")?
        .append_child(&link)?;
    Ok(settled)
}

/// A promise rejected with `reason` after `ms` milliseconds (the page's timer).
fn rejected_after(ms: u32, reason: String) -> js_sys::Promise {
    js_sys::Promise::new(&mut |_, reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_1(
                &reject,
                i32::try_from(ms).unwrap_or(i32::MAX),
                &JsValue::from_str(&reason),
            );
        }
    })
}

/// Awaits `value` as a promise (what a module's `async` function returns).
pub async fn promised(value: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(js_sys::Promise::resolve(&value)).await
}

/// A JS error's message, or its debug form.
fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| String::from(error.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
