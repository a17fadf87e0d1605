//! Helpers shared by the native integration tests that work on a copy of the shipped site.

use std::path::{Path, PathBuf};

/// The shipped `public/` folder.
pub fn public() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public")
}

/// A fresh temporary folder for one test: `beacon-<suite>-<pid>-<name>`, emptied first.
pub fn temp_dir(suite: &str, name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("beacon-{suite}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    root
}

/// Copies the shipped site's config and every region's data files (as listed in
/// `config.json`) into `dest`, keeping their relative paths.
pub fn copy_site_data(dest: &Path) {
    let config = std::fs::read_to_string(public().join("config.json")).unwrap();
    let config: serde_json::Value = serde_json::from_str(&config).unwrap();
    let mut files = vec!["config.json".to_owned()];
    for region in config["regions"].as_array().unwrap() {
        for key in ["summary_url", "history_url"] {
            files.push(region[key].as_str().unwrap().to_owned());
        }
    }
    for file in files {
        let target = dest.join(&file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(public().join(&file), target).unwrap();
    }
}

/// `page` as it was before the publisher moved its inline scripts into files of their own
/// (`beacon_ops::publish::scripts`): each `<script ... src=".../beacon-script-<hash>.js"></script>`
/// with the file's text put back inside, read from the output folder `out`.
#[allow(dead_code)]
pub fn scripts_inline(out: &Path, page: &str) -> String {
    use beacon_ops::publish::scripts::SCRIPT_PREFIX;
    let mut inlined = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(at) = rest.find(" src=\"") {
        let value_start = at + " src=\"".len();
        let value_end = value_start + rest[value_start..].find('"').expect("a closing quote");
        let name = rest[value_start..value_end]
            .rsplit('/')
            .next()
            .unwrap_or("");
        let tail = &rest[value_end + 1..];
        if name.starts_with(SCRIPT_PREFIX) && tail.starts_with("></script>") {
            inlined.push_str(&rest[..at]);
            inlined.push('>');
            inlined.push_str(&std::fs::read_to_string(out.join(name)).expect("the script file"));
            inlined.push_str("</script>");
            rest = &tail["></script>".len()..];
        } else {
            inlined.push_str(&rest[..=value_end]);
            rest = tail;
        }
    }
    inlined.push_str(rest);
    inlined
}
