//! Pre-compressed assets: `beacon-ops publish` writes `<file>.gz` and `<file>.br` beside large
//! text and wasm files so static hosts can serve them as they are.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Read;

use beacon_ops::publish::site::precompress;

#[test]
fn large_text_and_wasm_files_get_identical_gzip_and_brotli_twins_and_nothing_else_does() {
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
    let mut unpacked = String::new();
    brotli::Decompressor::new(std::fs::File::open(dir.join("app.js.br")).unwrap(), 4096)
        .read_to_string(&mut unpacked)
        .unwrap();
    assert_eq!(unpacked, script);
    assert!(std::fs::metadata(dir.join("app.js.br")).unwrap().len() < script.len() as u64 / 10);
    for twin in ["feeds/emea.atom.gz", "feeds/emea.atom.br"] {
        assert!(dir.join(twin).is_file(), "subfolders are included: {twin}");
    }
    for never in [
        "small.css.gz",
        "small.css.br",
        "picture.png.gz",
        "picture.png.br",
        "app.js.gz.gz",
        "app.js.gz.br",
        "app.js.br.gz",
        "app.js.br.br",
    ] {
        assert!(
            !dir.join(never).exists(),
            "{never}: small files, images and twins are left alone"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
