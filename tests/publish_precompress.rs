//! Pre-compressed assets: `beacon-ops publish` writes `<file>.gz` beside large text and wasm
//! files so static hosts can serve them as they are.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Read;

use beacon::publish::site::precompress;

#[test]
fn large_text_and_wasm_files_get_an_identical_gzip_twin_and_nothing_else_does() {
    let dir = std::env::temp_dir().join(format!("beacon-precompress-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("feeds")).unwrap();
    let script = "console.log('beacon');\n".repeat(200);
    std::fs::write(dir.join("app.js"), &script).unwrap();
    std::fs::write(dir.join("feeds/emea.atom"), "<feed/>".repeat(300)).unwrap();
    std::fs::write(dir.join("small.css"), "a{}").unwrap();
    std::fs::write(dir.join("picture.png"), vec![7u8; 4096]).unwrap();

    for _ in 0..2 {
        precompress(&dir).unwrap();
    }

    let mut unpacked = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(dir.join("app.js.gz")).unwrap())
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, script);
    assert!(std::fs::metadata(dir.join("app.js.gz")).unwrap().len() < script.len() as u64 / 10);
    assert!(
        dir.join("feeds/emea.atom.gz").is_file(),
        "subfolders are included"
    );
    assert!(
        !dir.join("small.css.gz").exists(),
        "files under 1 KiB are left alone"
    );
    assert!(
        !dir.join("picture.png.gz").exists(),
        "images are already compressed"
    );
    assert!(
        !dir.join("app.js.gz.gz").exists(),
        "a .gz is never compressed again"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
