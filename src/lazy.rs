//! Apps loaded on demand. Trunk builds one wasm module per page and cannot split it, so a part
//! of the status page that few visitors open — the "Get updates" dialog — is an app of its own
//! (bin `beacon-subscribe`: its wasm and wasm-bindgen JS glue, built by a nested Trunk run), and
//! the status app loads it the first time it is needed.
//!
//! The build (`beacon-ops publish --module NAME=PAGE`, see `Trunk.toml`) writes the module's
//! content-hashed file names into the status pages as
//! `<meta name="beacon-module:NAME" content="JS" data-wasm="WASM">`, so the files keep their
//! long-cache names and no extra request is needed to find them. [`load`] reads that tag,
//! imports the JS glue (through `window.beaconImport`, a one-line helper in `index.html`:
//! `import()` is JavaScript syntax that Rust cannot emit) and runs its `init` with the wasm.
//! The name parsing and addresses are plain Rust, tested natively.

use std::cell::{Cell, RefCell};

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The "Get updates" dialog (`src/bin/beacon-subscribe.rs`, [`crate::ui::subscribe::dialog`]).
pub const SUBSCRIBE: &str = "subscribe";

/// The `name` of the `<meta>` tag naming `module`'s files.
pub fn meta_name(module: &str) -> String {
    format!("beacon-module:{module}")
}

/// A module's two files, as names relative to the site root (Trunk writes them there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleFiles {
    /// The wasm-bindgen JS glue (`--target web`: its default export is `init`).
    pub js: String,
    /// The wasm module.
    pub wasm: String,
}

impl ModuleFiles {
    /// The files if both are plain file names (letters, digits, `-`, `_`, `.`; no folder), the
    /// first ending in `.js`, the second in `.wasm`.
    pub fn new(js: &str, wasm: &str) -> Option<Self> {
        let plain = |name: &str, ext: &str| {
            name.len() > ext.len()
                && name.ends_with(ext)
                && !name.starts_with('.')
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        (plain(js, ".js") && plain(wasm, ".wasm")).then(|| Self {
            js: js.to_owned(),
            wasm: wasm.to_owned(),
        })
    }

    /// The `<meta>` tag naming these files for `module` (the names need no escaping).
    pub fn meta_tag(&self, module: &str) -> String {
        format!(
            "<meta name=\"{}\" content=\"{}\" data-wasm=\"{}\">",
            meta_name(module),
            self.js,
            self.wasm
        )
    }

    /// The address of the JS glue, relative to the site root, for load attempt `attempt`
    /// (0 first). A retry asks for it under another address: browsers remember a failed
    /// `import()` of an address for the rest of the page's life.
    pub fn js_address(&self, attempt: u32) -> String {
        if attempt == 0 {
            self.js.clone()
        } else {
            format!("{}?attempt={attempt}", self.js)
        }
    }
}

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
    match import(&files, FAILED.get()).await {
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
    ModuleFiles::new(
        &meta.get_attribute("content")?,
        &meta.get_attribute("data-wasm")?,
    )
}

/// Imports the JS glue and runs its `init` with the wasm; the glue's namespace.
async fn import(files: &ModuleFiles, attempt: u32) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let base = document
        .base_uri()?
        .unwrap_or_else(|| window.location().href().unwrap_or_default());
    let js = web_sys::Url::new_with_base(&files.js_address(attempt), &base)?.href();
    let wasm = web_sys::Url::new_with_base(&files.wasm, &base)?.href();
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
    Ok(exports)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_files_are_plain_names_of_the_right_kind() {
        let files = ModuleFiles::new(
            "beacon-subscribe-0123456789abcdef.js",
            "beacon-subscribe-0123456789abcdef_bg.wasm",
        )
        .unwrap();
        assert_eq!(files.js, "beacon-subscribe-0123456789abcdef.js");
        for (js, wasm) in [
            ("/beacon-subscribe.js", "beacon-subscribe_bg.wasm"),
            ("a/b.js", "b_bg.wasm"),
            ("beacon.wasm", "beacon_bg.wasm"),
            ("beacon.js", "beacon_bg.js"),
            (".js", "b.wasm"),
            ("x\".js", "b.wasm"),
            ("x.js", "b.wasm onerror=x"),
            ("..js", "b.wasm"),
        ] {
            assert_eq!(ModuleFiles::new(js, wasm), None, "{js} {wasm}");
        }
    }

    #[test]
    fn the_meta_tag_names_both_files() {
        let files = ModuleFiles::new("m-1.js", "m-1_bg.wasm").unwrap();
        assert_eq!(
            files.meta_tag(SUBSCRIBE),
            "<meta name=\"beacon-module:subscribe\" content=\"m-1.js\" data-wasm=\"m-1_bg.wasm\">"
        );
    }

    #[test]
    fn a_retry_imports_the_glue_under_a_new_address() {
        let files = ModuleFiles::new("m-1.js", "m-1_bg.wasm").unwrap();
        assert_eq!(files.js_address(0), "m-1.js");
        assert_eq!(files.js_address(1), "m-1.js?attempt=1");
        assert_ne!(files.js_address(2), files.js_address(1));
    }
}
