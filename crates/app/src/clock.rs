//! Time, injectable: sessions expire and lockouts lift by it.

use chrono::{DateTime, Duration, NaiveDate, SubsecRound, Utc};
use std::sync::Mutex;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
    /// The school's calendar day. Schools keep local dates; the office's
    /// machine is in the school's time zone.
    fn today(&self) -> NaiveDate {
        self.now().with_timezone(&chrono::Local).date_naive()
    }
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
    }
}

/// A clock that only moves when told to.
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(at: DateTime<Utc>) -> Self {
        FixedClock(Mutex::new(at))
    }
    pub fn advance(&self, by: Duration) {
        let mut now = self.0.lock().unwrap_or_else(|e| e.into_inner());
        *now += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
    fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}
