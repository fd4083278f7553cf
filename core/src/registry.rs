//! A list of listeners that subscriptions add themselves to and take
//! themselves out of. Callers copy the list out and call the listeners
//! after the lock is released, so no foreign callback runs under a lock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Listeners of one kind, each under the id its subscription holds.
pub(crate) struct Registry<T: ?Sized> {
    next_id: AtomicU64,
    entries: Mutex<Vec<(u64, Arc<T>)>>,
}

impl<T: ?Sized> Default for Registry<T> {
    fn default() -> Self {
        Registry { next_id: AtomicU64::new(0), entries: Mutex::new(Vec::new()) }
    }
}

impl<T: ?Sized> Registry<T> {
    /// Adds a listener; the id to remove it with.
    pub(crate) fn add(&self, listener: Arc<T>) -> u64 {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).push((id, listener));
        id
    }

    /// Removes a listener; removing it again does nothing.
    pub(crate) fn remove(&self, id: u64) {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).retain(|(other, _)| *other != id);
    }

    /// The listeners now, copied out so they are called without the lock.
    pub(crate) fn snapshot(&self) -> Vec<Arc<T>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).iter().map(|(_, l)| Arc::clone(l)).collect()
    }

    /// How many there are.
    pub(crate) fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).len()
    }
}
