//! Sign-in throttling, in memory: failed sign-ins are counted per user name and per client
//! address over a sliding window; past the limit, further attempts are refused for a lockout
//! period (HTTP 429), whether or not their password is right.
//!
//! * **Counted before the check.** An attempt is counted as a failure when it begins and
//!   forgotten when its password turns out right, so a burst of parallel guesses cannot slip
//!   past the limit while the slow password checks (Argon2id) run.
//! * **User names** are keyed by their SHA-256 digest (a name of any length costs 32 bytes; the
//!   names of users that do not exist are counted too, so a lockout says nothing about which
//!   names exist). A right password clears the name's count.
//! * **Client addresses** have a higher limit (several people may share one address behind a
//!   NAT). IPv6 addresses count by their /64 prefix (one host usually holds a whole /64).
//!   Loopback peers are not limited by address: a reverse proxy on the same host puts every
//!   client under 127.0.0.1, and one attacker would lock everybody out.
//! * **Bounded**: each table keeps at most [`Policy::max_entries`] keys; when full, idle
//!   entries go first, then the oldest tenth (locked entries last).
//!
//! The clock is a parameter (`now`) so tests step through time.

use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Failed sign-ins for one user name within `window` that lock it.
    pub max_name_failures: usize,
    /// Failed sign-ins from one client address within `window` that lock it.
    pub max_addr_failures: usize,
    /// How far back failures count.
    pub window: Duration,
    /// How long a locked name or address is refused.
    pub lockout: Duration,
    /// Keys kept per table (names, addresses).
    pub max_entries: usize,
}

impl Default for Policy {
    /// 5 failures per name or 20 per address in 15 minutes lock it for 15 minutes.
    fn default() -> Self {
        Policy {
            max_name_failures: 5,
            max_addr_failures: 20,
            window: Duration::from_secs(15 * 60),
            lockout: Duration::from_secs(15 * 60),
            max_entries: 10_000,
        }
    }
}

/// A refused attempt: the name or the address is locked for `retry_after` more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locked {
    pub retry_after: Duration,
    /// Locked by address (else by user name).
    pub by_address: bool,
}

/// An attempt under way (counted as a failure until [`Limiter::succeeded`]).
#[derive(Debug)]
#[must_use = "report a success with Limiter::succeeded (a dropped attempt stays a failure)"]
pub struct Attempt {
    id: u64,
    name: [u8; 32],
    addr: Option<AddrKey>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum AddrKey {
    V4([u8; 4]),
    /// The /64 prefix.
    V6([u8; 8]),
}

impl AddrKey {
    fn of(ip: IpAddr) -> Option<AddrKey> {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        if ip.is_loopback() {
            return None;
        }
        Some(match ip {
            IpAddr::V4(v4) => AddrKey::V4(v4.octets()),
            IpAddr::V6(v6) => {
                let mut p = [0u8; 8];
                p.copy_from_slice(&v6.octets()[..8]);
                AddrKey::V6(p)
            }
        })
    }
}

#[derive(Debug)]
struct Entry {
    /// Attempts counted as failures (time, attempt id), oldest first.
    failures: VecDeque<(Instant, u64)>,
    /// Locked until then, by the attempt of that id.
    locked: Option<(Instant, u64)>,
    last: Instant,
}

impl Entry {
    /// Drops what no longer counts at `now`: an expired lock resets the entry; failures older
    /// than the window go (not while locked, so that the count stays what locked it).
    fn prune(&mut self, now: Instant, window: Duration) {
        match self.locked {
            Some((until, _)) if until <= now => {
                self.locked = None;
                self.failures.clear();
            }
            Some(_) => return,
            None => {}
        }
        while self
            .failures
            .front()
            .is_some_and(|(t, _)| now.saturating_duration_since(*t) >= window)
        {
            self.failures.pop_front();
        }
    }

    fn idle(&self) -> bool {
        self.locked.is_none() && self.failures.is_empty()
    }
}

#[derive(Debug)]
struct Table<K> {
    map: HashMap<K, Entry>,
}

impl<K: Hash + Eq + Copy> Table<K> {
    fn new() -> Self {
        Table {
            map: HashMap::new(),
        }
    }

    /// How long `k` stays locked at `now` (after pruning), if it is.
    fn locked(&mut self, k: &K, now: Instant, window: Duration) -> Option<Duration> {
        let e = self.map.get_mut(k)?;
        e.prune(now, window);
        let until = e.locked.map(|(u, _)| u);
        if e.idle() {
            self.map.remove(k);
        }
        until.map(|u| u.saturating_duration_since(now))
    }

    /// Counts attempt `id` as a failure of `k`; locks `k` when the count reaches `max`.
    fn count(&mut self, k: K, id: u64, now: Instant, max: usize, p: &Policy) {
        if !self.map.contains_key(&k) && self.map.len() >= p.max_entries {
            self.make_room(now, p);
        }
        let e = self.map.entry(k).or_insert_with(|| Entry {
            failures: VecDeque::new(),
            locked: None,
            last: now,
        });
        e.failures.push_back((now, id));
        e.last = now;
        if e.locked.is_none() && e.failures.len() >= max {
            e.locked = Some((now + p.lockout, id));
        }
    }

    /// Attempt `id` of `k` succeeded: it is no failure, and a lock it set is lifted.
    fn forget(&mut self, k: &K, id: u64) {
        if let Some(e) = self.map.get_mut(k) {
            e.failures.retain(|(_, i)| *i != id);
            if e.locked.is_some_and(|(_, by)| by == id) {
                e.locked = None;
            }
            if e.idle() {
                self.map.remove(k);
            }
        }
    }

    fn clear(&mut self, k: &K) {
        self.map.remove(k);
    }

    /// Frees room: idle entries first; then the least recently used tenth, locked ones last.
    fn make_room(&mut self, now: Instant, p: &Policy) {
        self.map.retain(|_, e| {
            e.prune(now, p.window);
            !e.idle()
        });
        if self.map.len() < p.max_entries {
            return;
        }
        let mut order: Vec<(bool, Instant, K)> = self
            .map
            .iter()
            .map(|(k, e)| (e.locked.is_some(), e.last, *k))
            .collect();
        order.sort_by_key(|x| (x.0, x.1));
        let n = (p.max_entries / 10).max(1);
        for (_, _, k) in order.into_iter().take(n) {
            self.map.remove(&k);
        }
    }

    fn len(&self) -> usize {
        self.map.len()
    }
}

#[derive(Debug)]
struct Tables {
    names: Table<[u8; 32]>,
    addrs: Table<AddrKey>,
    next_id: u64,
}

/// Failed sign-ins per user name and per client address.
#[derive(Debug)]
pub struct Limiter {
    policy: Policy,
    tables: Mutex<Tables>,
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter::new(Policy::default())
    }
}

fn name_key(name: &str) -> [u8; 32] {
    Sha256::digest(name.trim().as_bytes()).into()
}

impl Limiter {
    pub fn new(policy: Policy) -> Limiter {
        Limiter {
            policy,
            tables: Mutex::new(Tables {
                names: Table::new(),
                addrs: Table::new(),
                next_id: 0,
            }),
        }
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Begins a sign-in of `name` from `client` at `now`: refused when the name or the address
    /// is locked; otherwise counted as a failure until [`Limiter::succeeded`].
    pub fn begin(
        &self,
        name: &str,
        client: Option<IpAddr>,
        now: Instant,
    ) -> Result<Attempt, Locked> {
        let p = self.policy;
        let name = name_key(name);
        let addr = client.and_then(AddrKey::of);
        // A poisoned lock only means another sign-in panicked; the counts are still sound.
        let mut t = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(a) = &addr {
            if let Some(retry_after) = t.addrs.locked(a, now, p.window) {
                return Err(Locked {
                    retry_after,
                    by_address: true,
                });
            }
        }
        if let Some(retry_after) = t.names.locked(&name, now, p.window) {
            return Err(Locked {
                retry_after,
                by_address: false,
            });
        }
        t.next_id += 1;
        let id = t.next_id;
        t.names.count(name, id, now, p.max_name_failures, &p);
        if let Some(a) = addr {
            t.addrs.count(a, id, now, p.max_addr_failures, &p);
        }
        Ok(Attempt { id, name, addr })
    }

    /// The attempt's password was right: the name's failures are cleared, and the attempt is
    /// no failure of its address.
    pub fn succeeded(&self, a: Attempt) {
        let mut t = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        t.names.clear(&a.name);
        if let Some(k) = &a.addr {
            t.addrs.forget(k, a.id);
        }
    }

    /// The attempt's password was wrong (it stays counted; this only ends it).
    pub fn failed(&self, a: Attempt) {
        drop(a);
    }

    /// Keys held (names, addresses).
    pub fn sizes(&self) -> (usize, usize) {
        let t = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        (t.names.len(), t.addrs.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn five_failures_lock_a_name_for_fifteen_minutes() {
        let l = Limiter::default();
        let t0 = Instant::now();
        for i in 0..5 {
            let a = l
                .begin("alice", ip("203.0.113.1"), t0 + i * MIN)
                .expect("under the limit");
            l.failed(a);
        }
        // The sixth is refused, whatever the password, from any address.
        let e = l
            .begin("alice", ip("198.51.100.7"), t0 + 5 * MIN)
            .unwrap_err();
        assert!(!e.by_address);
        assert_eq!(
            e.retry_after,
            14 * MIN,
            "15 minutes after the fifth failure"
        );
        // Other names are not locked.
        l.succeeded(l.begin("bob", ip("203.0.113.1"), t0 + 5 * MIN).unwrap());
        // Still locked a second before the end; open again after it, with a fresh count.
        assert!(l
            .begin("alice", None, t0 + 19 * MIN - Duration::from_secs(1))
            .is_err());
        let t1 = t0 + 19 * MIN;
        for i in 0..5 {
            l.failed(l.begin("alice", None, t1 + i * MIN).unwrap());
        }
        assert!(l.begin("alice", None, t1 + 5 * MIN).is_err());
    }

    #[test]
    fn failures_outside_the_window_do_not_count() {
        let l = Limiter::default();
        let t0 = Instant::now();
        // Four failures, then one every 4 minutes: never 5 within 15 minutes.
        for i in 0..4 {
            l.failed(
                l.begin("carol", None, t0 + i * Duration::from_secs(1))
                    .unwrap(),
            );
        }
        let t1 = t0 + 16 * MIN;
        for i in 0..10 {
            l.failed(
                l.begin("carol", None, t1 + i * 4 * MIN)
                    .unwrap_or_else(|e| panic!("attempt {i}: {e:?}")),
            );
        }
    }

    #[test]
    fn a_right_password_clears_the_name() {
        let l = Limiter::default();
        let t0 = Instant::now();
        for _ in 0..4 {
            l.failed(l.begin("dave", None, t0).unwrap());
        }
        l.succeeded(l.begin("dave", None, t0).unwrap());
        for _ in 0..4 {
            l.failed(l.begin("dave", None, t0).unwrap());
        }
        assert!(l.begin("dave", None, t0).is_ok());
        assert!(l.begin("dave", None, t0).is_err());
    }

    #[test]
    fn parallel_attempts_are_counted_before_their_outcome() {
        let l = Limiter::default();
        let t0 = Instant::now();
        // Five guesses begun at once, none finished: the sixth is refused.
        let pending: Vec<Attempt> = (0..5).map(|_| l.begin("erin", None, t0).unwrap()).collect();
        assert!(l.begin("erin", None, t0).is_err());
        for a in pending {
            l.failed(a);
        }
        assert!(l.begin("erin", None, t0 + MIN).is_err());
    }

    #[test]
    fn an_address_is_locked_after_twenty_failures_over_many_names() {
        let l = Limiter::default();
        let t0 = Instant::now();
        for i in 0..20 {
            l.failed(l.begin(&format!("user{i}"), ip("203.0.113.9"), t0).unwrap());
        }
        let e = l.begin("someone", ip("203.0.113.9"), t0).unwrap_err();
        assert!(e.by_address);
        assert_eq!(e.retry_after, 15 * MIN);
        // Another address, and no address, are not locked.
        assert!(l.begin("someone", ip("203.0.113.10"), t0).is_ok());
        assert!(l.begin("someone2", None, t0).is_ok());
        // An IPv4-mapped IPv6 address is the same client.
        assert!(l.begin("x", ip("::ffff:203.0.113.9"), t0).is_err());
        // Open again after the lockout.
        assert!(l
            .begin("someone3", ip("203.0.113.9"), t0 + 15 * MIN)
            .is_ok());
    }

    #[test]
    fn ipv6_counts_by_prefix_and_loopback_is_not_limited_by_address() {
        let l = Limiter::default();
        let t0 = Instant::now();
        for i in 0..20 {
            let a = format!("2001:db8:1:2::{:x}", i + 1);
            l.failed(l.begin(&format!("u{i}"), ip(&a), t0).unwrap());
        }
        assert!(l.begin("v", ip("2001:db8:1:2:ffff::1"), t0).is_err());
        assert!(l.begin("v", ip("2001:db8:1:3::1"), t0).is_ok());
        for i in 0..40 {
            l.failed(l.begin(&format!("w{i}"), ip("127.0.0.1"), t0).unwrap());
            l.failed(l.begin(&format!("z{i}"), ip("::1"), t0).unwrap());
        }
        assert!(l.begin("w-last", ip("127.0.0.1"), t0).is_ok());
    }

    #[test]
    fn a_success_is_no_failure_of_its_address() {
        let l = Limiter::default();
        let t0 = Instant::now();
        for i in 0..19 {
            l.failed(l.begin(&format!("n{i}"), ip("192.0.2.5"), t0).unwrap());
        }
        // The twentieth attempt locks the address while under way, and unlocks it when right.
        let a = l.begin("frank", ip("192.0.2.5"), t0).unwrap();
        assert!(l.begin("grace", ip("192.0.2.5"), t0).is_err());
        l.succeeded(a);
        l.failed(l.begin("grace", ip("192.0.2.5"), t0).unwrap());
        assert!(l.begin("heidi", ip("192.0.2.5"), t0).is_err());
    }

    #[test]
    fn tables_stay_bounded_and_keep_locked_entries_longest() {
        let p = Policy {
            max_entries: 100,
            ..Policy::default()
        };
        let l = Limiter::new(p);
        let t0 = Instant::now();
        for _ in 0..5 {
            l.failed(l.begin("target", None, t0).unwrap());
        }
        for i in 0..1000 {
            l.failed(
                l.begin(&format!("spray{i}"), None, t0 + Duration::from_millis(i))
                    .unwrap(),
            );
            assert!(l.sizes().0 <= 100);
        }
        assert!(l.begin("target", None, t0 + MIN).is_err(), "still locked");
        // Idle entries go when the table is full: after the window, 100 new names fill it
        // and push out all the old ones (the expired lock too).
        let later = t0 + 16 * MIN;
        assert!(l.sizes().0 > 50, "{:?}", l.sizes());
        for i in 0..100 {
            l.failed(l.begin(&format!("fill{i}"), None, later).unwrap());
        }
        assert_eq!(l.sizes().0, 100);
        // Once these are idle too, the next new name finds the table emptied.
        let later = later + 16 * MIN;
        for i in 0..2 {
            l.failed(l.begin(&format!("late{i}"), None, later).unwrap());
        }
        assert!(l.sizes().0 <= 3, "{:?}", l.sizes());
        // Names of any length cost one key.
        l.failed(l.begin(&"x".repeat(1 << 20), None, later).unwrap());
        assert!(l.sizes().0 <= 4);
    }
}
