//! One stable sort for every list Beacon orders (incidents, updates, sections, uptime events).
//!
//! The standard library's sorts are compiled anew for every element type and every key, each
//! copy 2–5 KB of WebAssembly: twelve of them were 34 KB of the status app. Here the merge sort
//! is compiled once, over positions and a comparison behind a reference; each use adds only its
//! comparison and the swaps that put the items in their new order. Equal items keep their
//! order, as with `slice::sort_by`.

use std::cmp::Ordering;

/// Sorts `items` by the key `key` gives each, keeping equal items in their order.
///
/// ```
/// use beacon_core::sort::sort_by_key;
///
/// let mut words = vec!["pear", "fig", "kiwi", "apple", "yam"];
/// sort_by_key(&mut words, |word| word.len());
/// assert_eq!(words, ["fig", "yam", "pear", "kiwi", "apple"]);
/// ```
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by `compare`, keeping equal items in their order.
///
/// ```
/// use beacon_core::sort::sort_by;
///
/// let mut pairs = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd')];
/// sort_by(&mut pairs, |x, y| y.0.cmp(&x.0));
/// assert_eq!(pairs, [(2, 'a'), (2, 'c'), (1, 'b'), (1, 'd')]);
/// ```
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = stable_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(&order, &mut |a, b| items.swap(a, b));
}

/// The positions `0..len` in sorted order: a bottom-up merge sort, so `compare` is called
/// O(n log n) times and equal positions stay in order.
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut width = 1;
    while width < len {
        for (start, run) in merged.chunks_mut(2 * width).enumerate() {
            let start = start * 2 * width;
            let middle = (start + width).min(len);
            let end = start + run.len();
            let (mut left, mut right) = (start, middle);
            for slot in run {
                let take_left = right == end
                    || (left < middle && compare(order[left], order[right]) != Ordering::Greater);
                if take_left {
                    *slot = order[left];
                    left += 1;
                } else {
                    *slot = order[right];
                    right += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

/// Moves the item at `order[k]` to position `k` for every `k`, by following each cycle of the
/// permutation with `swap`.
fn permute(order: &[usize], swap: &mut dyn FnMut(usize, usize)) {
    let mut placed = vec![false; order.len()];
    for start in 0..order.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every order of up to seven items, with repeated keys, sorts as the standard stable
    /// sort does.
    #[test]
    fn agrees_with_the_standard_stable_sort() {
        for len in 0..=7usize {
            let mut state = 7u64 + len as u64;
            for _ in 0..200 {
                let items: Vec<(u64, usize)> = (0..len)
                    .map(|position| {
                        state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                        ((state >> 33) % 4, position)
                    })
                    .collect();
                let mut ours = items.clone();
                sort_by_key(&mut ours, |item| item.0);
                let mut standard = items;
                standard.sort_by_key(|item| item.0);
                assert_eq!(ours, standard);
            }
        }
    }

    #[test]
    fn sorts_long_lists() {
        let mut items: Vec<u32> = (0..1000).map(|n| (n * 7919) % 1000).collect();
        sort_by(&mut items, |a, b| b.cmp(a));
        assert!(items.windows(2).all(|pair| pair[0] >= pair[1]));
        assert_eq!(items.len(), 1000);
    }
}
