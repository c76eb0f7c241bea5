//! A byte trie over folded names, flat and cheap to build (no failure links):
//! it answers « which names does the text starting here begin with? », which is
//! all that matching at word starts needs (the places' gazetteer, the actors' lexicon).

/// The trie. The children of a node are a run of edges sorted by byte; the root's
/// children are indexed by byte.
#[derive(Debug, Default)]
pub(crate) struct Trie {
    /// Per node: first edge, number of edges, first id, number of ids.
    nodes: Vec<[u32; 4]>,
    edge_bytes: Vec<u8>,
    edge_nodes: Vec<u32>,
    /// Ids of the keys ending at each node, ascending.
    ids: Vec<usize>,
    /// Child of the root by first byte (0: none; node 0 is the root).
    root: Vec<u32>,
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
                let child = u32_of(t.nodes.len());
                t.nodes.push([0; 4]);
                t.edge_bytes.push(b);
                t.edge_nodes.push(child);
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

    /// Calls `f(end, ids)` for every key that `hay[at..]` starts with, shortest first.
    pub fn prefixes(&self, hay: &[u8], at: usize, mut f: impl FnMut(usize, &[usize])) {
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
    pub fn walk(&self, hay: &[u8], at: usize, mut f: impl FnMut(usize, usize, &[usize]) -> bool) {
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
            let edges = &self.edge_bytes[first..first + len];
            node = match edges.iter().position(|&e| e >= b) {
                Some(e) if edges[e] == b => self.edge_nodes[first + e] as usize,
                _ => 0,
            };
            k += 1;
        }
    }
}
