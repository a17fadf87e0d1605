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
