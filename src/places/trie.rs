//! A byte trie over folded names, flat and cheap to build (no failure links):
//! it answers « which names does the text starting here begin with? », which is
//! all that matching at word starts needs (the places' gazetteer, the actors' lexicon).
//!
//! The nodes are numbered so that the children of a node are consecutive and
//! edge `k` leads to node `k + 1`: a node needs only its first edge, its number
//! of edges and its ids. [`Trie`] owns its tables; [`TrieRef`] reads borrowed
//! ones, such as the gazetteer's trie, built by `build.rs` and compiled in.

/// The trie. The children of a node are a run of edges sorted by byte; the root's
/// children are indexed by byte.
#[derive(Debug, Default)]
pub(crate) struct Trie {
    /// Per node: first edge, number of edges, first id, number of ids.
    nodes: Vec<[u32; 4]>,
    /// Edge `k` (leading to node `k + 1`) by its byte.
    edge_bytes: Vec<u8>,
    /// Ids of the keys ending at each node, ascending.
    ids: Vec<usize>,
    /// Child of the root by first byte (0: none; node 0 is the root).
    root: Vec<u32>,
}

/// A trie's tables, borrowed: what [`Trie`] holds, or tables compiled in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TrieRef<'a> {
    pub nodes: &'a [[u32; 4]],
    pub edge_bytes: &'a [u8],
    pub ids: &'a [usize],
    pub root: &'a [u32],
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Trie {
    /// The trie of `(key, id)` pairs (several ids may share a key; empty keys are ignored).
    pub fn new(mut keys: Vec<(&str, usize)>) -> Trie {
        keys.retain(|(k, _)| !k.is_empty());
        keys.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()).then(a.1.cmp(&b.1)));
        let mut t = Trie {
            root: vec![0; 256],
            ..Trie::default()
        };
        t.nodes.push([0; 4]);
        // (node, keys lo..hi sharing their first `depth` bytes)
        let mut stack = vec![(0usize, 0usize, keys.len(), 0usize)];
        while let Some((node, mut lo, hi, depth)) = stack.pop() {
            let first_id = t.ids.len();
            while lo < hi && keys[lo].0.len() == depth {
                t.ids.push(keys[lo].1);
                lo += 1;
            }
            let first = t.edge_bytes.len();
            let mut i = lo;
            while i < hi {
                let b = keys[i].0.as_bytes()[depth];
                let mut j = i + 1;
                while j < hi && keys[j].0.as_bytes()[depth] == b {
                    j += 1;
                }
                // edge k leads to node k + 1: both are pushed together
                let child = u32_of(t.nodes.len());
                t.nodes.push([0; 4]);
                t.edge_bytes.push(b);
                if node == 0 {
                    t.root[usize::from(b)] = child;
                }
                stack.push((child as usize, i, j, depth + 1));
                i = j;
            }
            t.nodes[node] = [
                u32_of(first),
                u32_of(t.edge_bytes.len() - first),
                u32_of(first_id),
                u32_of(t.ids.len() - first_id),
            ];
        }
        t
    }

    /// The tables, borrowed.
    pub fn as_ref(&self) -> TrieRef<'_> {
        TrieRef {
            nodes: &self.nodes,
            edge_bytes: &self.edge_bytes,
            ids: &self.ids,
            root: &self.root,
        }
    }

    /// Calls `f(end, ids)` for every key that `hay[at..]` starts with, shortest first.
    #[inline]
    pub fn prefixes(&self, hay: &[u8], at: usize, f: impl FnMut(usize, &[usize])) {
        self.as_ref().prefixes(hay, at, f);
    }
}

impl<'a> TrieRef<'a> {
    /// See [`Trie::prefixes`].
    #[inline]
    pub fn prefixes(self, hay: &[u8], at: usize, mut f: impl FnMut(usize, &[usize])) {
        self.walk(hay, at, |_, end, ids| {
            if !ids.is_empty() {
                f(end, ids);
            }
            true
        });
    }

    /// Walks down the path of `hay[at..]`, calling `f(node, end, ids)` at each node
    /// reached (`end`: the text's end there; `ids`: the keys ending there) until it
    /// returns false or the path ends.
    #[inline]
    pub fn walk(self, hay: &[u8], at: usize, mut f: impl FnMut(usize, usize, &'a [usize]) -> bool) {
        let Some(&b) = hay.get(at) else {
            return;
        };
        let mut node = self.root[usize::from(b)] as usize;
        let mut k = at + 1;
        while node != 0 {
            let [first, len, id, n] = self.nodes[node].map(|x| x as usize);
            if !f(node, k, &self.ids[id..id + n]) {
                return;
            }
            let Some(&b) = hay.get(k) else {
                return;
            };
            node = self.child(first, len, b);
            k += 1;
        }
    }

    /// The child by byte `b` of the node whose edges are `first..first + len` (0: none).
    #[inline]
    fn child(self, first: usize, len: usize, b: u8) -> usize {
        let edges = &self.edge_bytes[first..first + len];
        // most nodes have an edge or two; those near the root, dozens
        let e = if len <= 8 {
            edges
                .iter()
                .position(|&e| e >= b)
                .filter(|&e| edges[e] == b)
        } else {
            edges.binary_search(&b).ok()
        };
        e.map_or(0, |e| first + e + 1)
    }

    /// The longest key that `hay[at..]` starts with whose first id passes `ok`:
    /// its end and that id ([`TrieRef::prefixes`]' last call but for `ok`, in one loop).
    #[inline]
    pub fn longest(
        self,
        hay: &[u8],
        at: usize,
        ok: impl Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        let mut node = self.root[usize::from(*hay.get(at)?)] as usize;
        let mut k = at + 1;
        let mut best = None;
        while node != 0 {
            let [first, len, id, n] = self.nodes[node].map(|x| x as usize);
            if n != 0 && ok(self.ids[id]) {
                best = Some((k, self.ids[id]));
            }
            let Some(&b) = hay.get(k) else {
                break;
            };
            node = self.child(first, len, b);
            k += 1;
        }
        best
    }

    /// The first two bytes of the keys, as a bit set of `b0 << 8 | b1` (a key of one
    /// byte sets every pair it starts): no key starts at a text whose first two
    /// bytes (`b1` 0 at the end of the text) are not in it.
    #[allow(dead_code)] // by build.rs (tables.rs) and the tests
    pub fn pairs(self) -> Vec<u64> {
        let mut bits = vec![0u64; 1024];
        let mut set = |b0: usize, b1: usize| bits[(b0 << 8 | b1) >> 6] |= 1 << (b1 & 63);
        for b0 in 0..256 {
            let node = self.root[b0] as usize;
            if node == 0 {
                continue;
            }
            let [first, len, _, n] = self.nodes[node].map(|x| x as usize);
            if n != 0 {
                (0..256).for_each(|b1| set(b0, b1));
            }
            for &b1 in &self.edge_bytes[first..first + len] {
                set(b0, usize::from(b1));
            }
        }
        bits
    }

    /// The ids of `key` itself (empty when it is not a key).
    pub fn get(self, key: &[u8]) -> &'a [usize] {
        let mut found: &'a [usize] = &[];
        self.walk(key, 0, |_, end, ids| {
            if end == key.len() {
                found = ids;
            }
            end < key.len()
        });
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The keys that `hay[at..]` starts with, by brute force.
    fn naive(keys: &[(String, usize)], hay: &[u8], at: usize) -> Vec<(usize, Vec<usize>)> {
        let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
        for (k, id) in keys.iter().filter(|(k, _)| !k.is_empty()) {
            if hay[at.min(hay.len())..].starts_with(k.as_bytes()) {
                let end = at + k.len();
                match out.iter_mut().find(|(e, _)| *e == end) {
                    Some((_, ids)) => ids.push(*id),
                    None => out.push((end, vec![*id])),
                }
            }
        }
        out.sort();
        for (_, ids) in &mut out {
            ids.sort_unstable();
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn prefixes_longest_and_get_agree_with_brute_force(
            keys in prop::collection::vec(("[abé -]{0,5}", 0usize..4), 0..24),
            hay in "[abé -]{0,12}",
        ) {
            let t = Trie::new(keys.iter().map(|(k, i)| (k.as_str(), *i)).collect());
            let hb = hay.as_bytes();
            for at in 0..=hb.len() {
                let mut got = Vec::new();
                t.prefixes(hb, at, |end, ids| got.push((end, ids.to_vec())));
                let want = naive(&keys, hb, at);
                let odd = want.iter().rev().find(|(_, ids)| ids[0] % 2 == 1).map(|(e, ids)| (*e, ids[0]));
                prop_assert_eq!(t.as_ref().longest(hb, at, |id| id % 2 == 1), odd);
                prop_assert_eq!(got, want);
            }
            let pairs = t.as_ref().pairs();
            for at in 0..hb.len() {
                let pair = usize::from(hb[at]) << 8 | usize::from(hb.get(at + 1).copied().unwrap_or(0));
                let maybe = pairs[pair >> 6] >> (pair & 63) & 1 == 1;
                prop_assert!(maybe || t.as_ref().longest(hb, at, |_| true).is_none());
            }
            for (k, _) in &keys {
                let mut want: Vec<usize> =
                    keys.iter().filter(|(j, _)| j == k && !k.is_empty()).map(|(_, i)| *i).collect();
                want.sort_unstable();
                prop_assert_eq!(t.as_ref().get(k.as_bytes()).to_vec(), want);
            }
        }
    }
}
