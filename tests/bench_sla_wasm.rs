//! The SLA due-time benchmark compiled to wasm32 and run by wasm-bindgen-test-runner (in Node).
//! Not part of the test command: `bash .ci/bench` runs it with `--release` and prints the table.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn due_time_cost_in_wasm() {
    let performance: web_sys::Performance =
        js_sys::Reflect::get(&js_sys::global(), &"performance".into())
            .expect("performance exists in Node and browsers")
            .unchecked_into();
    let mut now_ns = || (performance.now() * 1_000_000.0) as u64;
    let rows = beacon_core::sla::bench::run_due_time_benchmark(&mut now_ns, 200_000_000);
    assert_eq!(rows.len(), 5);
    console_log!("{}", beacon_core::sla::bench::report("wasm32", &rows, None));
}
