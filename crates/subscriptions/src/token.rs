//! The long random tokens in confirmation, manage and unsubscribe links: they stand for a
//! subscriber without naming the address.

use rand::RngCore;

/// A random token for links: 32 bytes as 64 hex digits.
pub fn token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// True for a string that can be one of the tokens (so lookups of junk do not hit the
/// database).
pub fn is_token(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}
