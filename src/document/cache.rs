//! A bounded cache of shaped runs, shared by every document the process prints.
//!
//! Letter templates repeat the same sentences across a batch of 1,000 letters while the field
//! values change, so the cache keeps what is used in every letter and forgets the rest: two
//! generations, and a run found in the old one moves to the new one. A template sentence keeps
//! its shaping and its LSTM break opportunities for the whole batch; names and amounts age out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::error::Result;
use super::fonts::{Face, Weight};
use super::shape::{ShapedRun, shape};

/// Entries per generation: a letter brings some 30 new field values, so a template sentence
/// that appears once per letter is always found again long before its generation retires.
const GENERATION: usize = 4096;

type Map = HashMap<(Weight, Box<str>), Arc<ShapedRun>>;

#[derive(Default)]
pub(crate) struct ShapeCache {
    inner: Mutex<Generations>,
}

#[derive(Default)]
struct Generations {
    young: Map,
    old: Map,
}

impl ShapeCache {
    pub(crate) fn get_or_shape(
        &self,
        face: &Face,
        weight: Weight,
        text: &str,
    ) -> Result<Arc<ShapedRun>> {
        let key = (weight, Box::<str>::from(text));
        if let Ok(mut g) = self.inner.lock() {
            if let Some(run) = g.young.get(&key) {
                return Ok(Arc::clone(run));
            }
            if let Some(run) = g.old.remove(&key) {
                g.insert(key, Arc::clone(&run));
                return Ok(run);
            }
        }
        // Shape outside the lock so parallel batches do not queue behind one LSTM call.
        let run = Arc::new(shape(face, weight, text)?);
        if let Ok(mut g) = self.inner.lock() {
            g.insert(key, Arc::clone(&run));
        }
        Ok(run)
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.inner.lock().map_or(0, |g| g.young.len() + g.old.len())
    }
}

impl Generations {
    fn insert(&mut self, key: (Weight, Box<str>), run: Arc<ShapedRun>) {
        if self.young.len() >= GENERATION {
            self.old = std::mem::take(&mut self.young);
        }
        self.young.insert(key, run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::fonts::Fonts;

    #[test]
    fn a_repeated_sentence_is_shaped_once() {
        let fonts = Fonts::sarabun();
        let cache = ShapeCache::default();
        let face = fonts.face(Weight::Regular);
        let a = cache.get_or_shape(face, Weight::Regular, "ขอให้ท่านชำระหนี้").expect("shapes");
        let b = cache.get_or_shape(face, Weight::Regular, "ขอให้ท่านชำระหนี้").expect("shapes");
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.get_or_shape(face, Weight::Bold, "ขอให้ท่านชำระหนี้").expect("shapes");
        assert!(!Arc::ptr_eq(&a, &c));
    }

    #[test]
    fn a_sentence_used_in_every_letter_survives_generations_of_names() {
        let fonts = Fonts::sarabun();
        let cache = ShapeCache::default();
        let face = fonts.face(Weight::Regular);
        let template = cache.get_or_shape(face, Weight::Regular, "เรียน").expect("shapes");
        for i in 0..3 * GENERATION {
            let again = cache.get_or_shape(face, Weight::Regular, "เรียน").expect("shapes");
            assert!(Arc::ptr_eq(&template, &again));
            let _ = cache.get_or_shape(face, Weight::Regular, &format!("นาย{i}")).expect("shapes");
        }
        assert!(cache.len() <= 2 * GENERATION);
    }
}
