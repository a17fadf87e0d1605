//! The one hash Beacon uses for names that must not change between builds or runs: 64-bit
//! FNV-1a. Not for secrets; for content-addressed file names (language packs), derived ids
//! (incident and update ids that a `--now` run reproduces) and recognising a polled file that
//! has not changed ([`crate::status::poll::BodyPrint`]).

/// FNV-1a's starting value.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over `bytes`, continuing from `hash`. A `const fn`, so browser apps can carry only
/// the result of hashing their compiled tables.
///
/// ```
/// use beacon_core::hash::{fnv1a, FNV_OFFSET};
/// // The published FNV-1a 64 test vector for "a".
/// assert_eq!(fnv1a(FNV_OFFSET, b"a"), 0xaf63_dc4c_8601_ec8c);
/// ```
pub const fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    hash
}

/// FNV-1a over `text` and then a separator byte (`0xff`, which UTF-8 never contains), so that
/// a sequence of fields hashes differently from their concatenation.
pub const fn fnv1a_field(hash: u64, text: &str) -> u64 {
    fnv1a(fnv1a(hash, text.as_bytes()), &[0xff])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_separated() {
        let ab_c = fnv1a_field(fnv1a_field(FNV_OFFSET, "ab"), "c");
        let a_bc = fnv1a_field(fnv1a_field(FNV_OFFSET, "a"), "bc");
        assert_ne!(ab_c, a_bc);
    }

    #[test]
    fn the_empty_input_leaves_the_hash_as_it_was() {
        assert_eq!(fnv1a(FNV_OFFSET, b""), FNV_OFFSET);
        assert_eq!(fnv1a(FNV_OFFSET, b"foobar"), 0x85944171f73967e8);
    }
}
