//! A bounded backtracker reading one rule's captures from the all-rules NFA.
//!
//! It is `regex_automata`'s `BoundedBacktracker` (same exploration order, hence the same
//! leftmost-first match and groups as `regex`), anchored on one pattern, with one change:
//! its visited set spans only the states of that pattern, not of the whole NFA. With
//! every rule in one NFA, clearing a set for all states at every search cost more than
//! the search itself.

use regex_automata::nfa::thompson::{State, NFA};
use regex_automata::util::captures::Captures;
use regex_automata::util::primitives::{NonMaxUsize, StateID};
use regex_automata::PatternID;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// The most bits a search may use for its visited set (more: the caller's slow path).
const VISITED_BITS: usize = 1 << 25;

/// One pattern of the NFA: its anchored start, the lowest and highest ids of the states it
/// reaches, and the capture slots it writes.
#[derive(Debug)]
struct Pattern {
    start: StateID,
    lo: usize,
    hi: usize,
    slots: Vec<usize>,
}

/// The backtracker over a multi-pattern NFA built with its captures.
#[derive(Debug)]
pub struct Backtracker {
    nfa: NFA,
    patterns: Vec<Pattern>,
    /// Whether searches may be remembered: no look-around reads past the byte on each
    /// side of the place it is at (Unicode word boundaries do).
    memo: bool,
}

/// log2 of the number of searches a thread remembers.
const MEMO_BITS: u32 = 13;
/// The longest span whose search is remembered.
const MEMO_SPAN: usize = 64;

/// A remembered search. Its result is a function of the pattern and of the bytes it could
/// read: those of the span, one byte on each side, and whether those two exist.
#[derive(Debug, Default, Clone)]
struct Memo {
    /// The pattern and whether the bytes before and after the span exist (0: empty entry).
    tag: u64,
    bytes: Vec<u8>,
    /// The pattern's slots (as [`Pattern::slots`]) from the span's start; `None` when
    /// nothing matched.
    slots: Option<Vec<Option<usize>>>,
}

/// What the search pushes to come back to: a state to try at a place, or a slot to restore.
#[derive(Debug, Clone, Copy)]
enum Frame {
    Step {
        sid: StateID,
        at: usize,
    },
    Restore {
        slot: usize,
        offset: Option<NonMaxUsize>,
    },
}

/// A thread's scratch for [`Backtracker::search`], and the searches it remembers.
#[derive(Debug, Default)]
pub struct Cache {
    stack: Vec<Frame>,
    visited: Vec<u64>,
    memo: Vec<Memo>,
}

impl Backtracker {
    pub fn new(nfa: NFA) -> Backtracker {
        let groups = nfa.group_info();
        let patterns = nfa
            .patterns()
            .filter_map(|pid| {
                let start = nfa.start_pattern(pid)?;
                let (lo, hi) = reach(&nfa, start);
                let slots = (0..groups.group_len(pid))
                    .filter_map(|g| groups.slots(pid, g))
                    .flat_map(|(s, e)| [s, e])
                    .collect();
                Some(Pattern {
                    start,
                    lo,
                    hi,
                    slots,
                })
            })
            .collect();
        let memo = !nfa.look_set_any().contains_word_unicode();
        Backtracker {
            nfa,
            patterns,
            memo,
        }
    }

    /// Captures with room for every pattern's groups.
    pub fn create_captures(&self) -> Captures {
        Captures::all(self.nfa.group_info().clone())
    }

    /// Fills `caps` with the leftmost-first match of pattern `pid` starting at `at` and
    /// ending by `end` (look-around sees all of `haystack`). `None` when the span is too
    /// long for this backtracker; `Some(false)` when nothing matches.
    pub fn search(
        &self,
        cache: &mut Cache,
        haystack: &[u8],
        at: usize,
        end: usize,
        pid: PatternID,
        caps: &mut Captures,
    ) -> Option<bool> {
        let p = self.patterns.get(pid.as_usize())?;
        let end = end.min(haystack.len());
        if at > end {
            caps.set_pattern(None);
            return Some(false);
        }
        let stride = end - at + 1;
        let bits = (p.hi - p.lo + 1).checked_mul(stride)?;
        if bits > VISITED_BITS {
            return None;
        }
        // the bytes the search may read, and where it is remembered
        let memo = (self.memo && end - at <= MEMO_SPAN).then(|| {
            let window = &haystack[at.saturating_sub(1)..(end + 1).min(haystack.len())];
            let tag = (pid.as_usize() as u64) << 3
                | u64::from(at == 0) << 2
                | u64::from(end == haystack.len()) << 1
                | 1;
            let mut h = FxHasher::default();
            h.write(window);
            h.write_u64(tag);
            (window, tag, (h.finish() >> (64 - MEMO_BITS)) as usize)
        });
        if let Some((window, tag, i)) = memo {
            if cache.memo.is_empty() {
                cache.memo.resize(1 << MEMO_BITS, Memo::default());
            }
            let m = &cache.memo[i];
            if m.tag == tag && m.bytes == window {
                let slots = caps.slots_mut();
                for (k, &s) in p.slots.iter().enumerate() {
                    if let Some(slot) = slots.get_mut(s) {
                        *slot = m
                            .slots
                            .as_ref()
                            .and_then(|r| r.get(k).copied().flatten())
                            .and_then(|r| NonMaxUsize::new(at + r));
                    }
                }
                let found = m.slots.is_some();
                caps.set_pattern(found.then_some(pid));
                return Some(found);
            }
        }
        cache.visited.clear();
        cache.visited.resize(bits.div_ceil(64), 0);
        cache.stack.clear();
        let slots = caps.slots_mut();
        for &s in &p.slots {
            if let Some(slot) = slots.get_mut(s) {
                *slot = None;
            }
        }
        cache.stack.push(Frame::Step { sid: p.start, at });
        let mut found = None;
        while let Some(frame) = cache.stack.pop() {
            match frame {
                Frame::Step { sid, at: pos } => {
                    found = self.step(cache, haystack, at, end, p.lo, stride, sid, pos, slots);
                    if found.is_some() {
                        break;
                    }
                }
                Frame::Restore { slot, offset } => slots[slot] = offset,
            }
        }
        if let Some((window, tag, i)) = memo {
            let m = &mut cache.memo[i];
            m.tag = tag;
            m.bytes.clear();
            m.bytes.extend_from_slice(window);
            m.slots = found.map(|_| {
                p.slots
                    .iter()
                    .map(|&s| slots.get(s).copied().flatten().map(|v| v.get() - at))
                    .collect()
            });
        }
        caps.set_pattern(found);
        Some(found.is_some())
    }

    /// Follows one path as far as it goes, pushing the alternatives it leaves behind
    /// (`regex_automata`'s `BoundedBacktracker::step`).
    #[allow(clippy::too_many_arguments)]
    fn step(
        &self,
        cache: &mut Cache,
        haystack: &[u8],
        start: usize,
        end: usize,
        lo: usize,
        stride: usize,
        mut sid: StateID,
        mut at: usize,
        slots: &mut [Option<NonMaxUsize>],
    ) -> Option<PatternID> {
        loop {
            // a state outside the pattern's range cannot be reached from its start
            let i = sid.as_usize().checked_sub(lo)? * stride + (at - start);
            let (block, bit) = (i / 64, 1u64 << (i % 64));
            let seen = cache.visited.get_mut(block)?;
            if *seen & bit != 0 {
                return None;
            }
            *seen |= bit;
            match *self.nfa.state(sid) {
                State::ByteRange { ref trans } => {
                    if at >= end || !trans.matches(haystack, at) {
                        return None;
                    }
                    sid = trans.next;
                    at += 1;
                }
                State::Sparse(ref sparse) => {
                    if at >= end {
                        return None;
                    }
                    sid = sparse.matches(haystack, at)?;
                    at += 1;
                }
                State::Dense(ref dense) => {
                    if at >= end {
                        return None;
                    }
                    sid = dense.matches(haystack, at)?;
                    at += 1;
                }
                State::Look { look, next } => {
                    if !self.nfa.look_matcher().matches(look, haystack, at) {
                        return None;
                    }
                    sid = next;
                }
                State::Union { ref alternates } => {
                    // alternates that would fail on the next byte are left out: trying
                    // them would only mark them visited here, which no other path needs
                    let next = haystack.get(at).filter(|_| at < end).copied();
                    let mut viable = alternates.iter().filter(|&&s| self.may_step(s, next));
                    sid = *viable.next()?;
                    let from = cache.stack.len();
                    cache
                        .stack
                        .extend(viable.map(|&sid| Frame::Step { sid, at }));
                    cache.stack[from..].reverse();
                }
                State::BinaryUnion { alt1, alt2 } => {
                    sid = alt1;
                    cache.stack.push(Frame::Step { sid: alt2, at });
                }
                State::Capture { next, slot, .. } => {
                    let slot = slot.as_usize();
                    if let Some(s) = slots.get_mut(slot) {
                        cache.stack.push(Frame::Restore { slot, offset: *s });
                        *s = NonMaxUsize::new(at);
                    }
                    sid = next;
                }
                State::Fail => return None,
                State::Match { pattern_id } => return Some(pattern_id),
            }
        }
    }
}

impl Backtracker {
    /// False when state `sid` reads a byte and `next` (`None`: the end) is not one it takes.
    #[inline]
    fn may_step(&self, sid: StateID, next: Option<u8>) -> bool {
        match (self.nfa.state(sid), next) {
            (State::ByteRange { trans }, Some(b)) => trans.matches_byte(b),
            (State::Sparse(s), Some(b)) => s.matches_byte(b).is_some(),
            (State::Dense(d), Some(b)) => d.matches_byte(b).is_some(),
            (State::ByteRange { .. } | State::Sparse(_) | State::Dense(_), None) => false,
            (State::Fail, _) => false,
            _ => true,
        }
    }
}

/// The lowest and highest ids of the states reachable from `start`.
fn reach(nfa: &NFA, start: StateID) -> (usize, usize) {
    let mut seen = vec![false; nfa.states().len()];
    let mut todo = vec![start];
    let (mut lo, mut hi) = (start.as_usize(), start.as_usize());
    while let Some(sid) = todo.pop() {
        let i = sid.as_usize();
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        lo = lo.min(i);
        hi = hi.max(i);
        match nfa.state(sid) {
            State::ByteRange { trans } => todo.push(trans.next),
            State::Sparse(s) => todo.extend(s.transitions.iter().map(|t| t.next)),
            State::Dense(d) => todo.extend(d.transitions.iter().filter(|&&t| t != StateID::ZERO)),
            State::Look { next, .. } | State::Capture { next, .. } => todo.push(*next),
            State::Union { alternates } => todo.extend(alternates.iter().copied()),
            State::BinaryUnion { alt1, alt2 } => todo.extend([*alt1, *alt2]),
            State::Fail | State::Match { .. } => {}
        }
    }
    (lo, hi)
}
