//! Dates: the one timestamp that drives every creation date of a packet, and the calendar dates
//! a 更正说明 prints. Validated once, here, with the `time` crate.

use crate::diag::{Code, Diagnostic};
use crate::t;
use time::{Date, OffsetDateTime};

/// A moment between 1970 and the end of 9999, the range every writer (PDF, Excel) can date a
/// file with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

/// 9999-12-31T23:59:59Z.
const LAST: i64 = 253_402_300_799;

impl Timestamp {
    /// Seconds since 1970, checked; `what` names where the number came from in the error.
    pub fn from_unix(secs: i64, what: &str) -> Result<Timestamp, Diagnostic> {
        if !(0..=LAST).contains(&secs) {
            return Err(Diagnostic::new(Code::InvalidDate, t!("invalid-timestamp", what = what, seconds = secs))
                .hint(t!("invalid-timestamp-hint")));
        }
        OffsetDateTime::from_unix_timestamp(secs).map(Timestamp).map_err(|e| {
            Diagnostic::new(
                Code::InvalidDate,
                format!("{} ({e})", t!("invalid-timestamp", what = what, seconds = secs)),
            )
            .hint(t!("invalid-timestamp-hint"))
        })
    }

    /// The one rule that dates a packet or a review: the timestamp given, else when the (newest)
    /// workbook was saved, else [`Timestamp::epoch`]; the same inputs, the same dates.
    pub fn given_or_saved(given: Option<Timestamp>, saved: Option<i64>) -> Timestamp {
        given
            .or_else(|| saved.and_then(|m| Timestamp::from_unix(m, &t!("what-workbook-date")).ok()))
            .unwrap_or_else(Timestamp::epoch)
    }

    /// 1970-01-01T00:00:00Z: what a packet carries when nothing else dates it.
    pub fn epoch() -> Timestamp {
        Timestamp(OffsetDateTime::UNIX_EPOCH)
    }

    pub fn unix(self) -> i64 {
        self.0.unix_timestamp()
    }

    pub fn utc(self) -> OffsetDateTime {
        self.0
    }

    pub fn date(self) -> Date {
        self.0.date()
    }
}

/// A calendar date as people write it in jixiao.toml or a flag: `2022-05-31`.
pub fn parse_date(s: &str, what: &str) -> Result<Date, Diagnostic> {
    Date::parse(s.trim(), time::macros::format_description!("[year]-[month]-[day]")).map_err(|_| {
        Diagnostic::new(Code::InvalidDate, t!("invalid-date", what = what, text = s)).hint(t!("invalid-date-hint"))
    })
}

/// A date as a notice prints it: 2022年6月30日.
pub fn chinese(date: Date) -> String {
    format!("{}年{}月{}日", date.year(), u8::from(date.month()), date.day())
}

/// What a notice prints where a date is unknown: a line to fill in by hand.
pub const BLANK_DATE: &str = "　　　　年　　月　　日";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_outside_1970_to_9999_are_errors_not_panics() {
        assert_eq!(Timestamp::from_unix(LAST, "t").unwrap().date().year(), 9999);
        for bad in [LAST + 1, -1, i64::MAX, i64::MIN] {
            let e = Timestamp::from_unix(bad, "--timestamp").unwrap_err();
            assert_eq!(e.code, Code::InvalidDate);
            assert!(e.message.contains(&bad.to_string()), "{}", e.message);
        }
    }

    #[test]
    fn dates_print_the_chinese_way() {
        let ts = |s| Timestamp::from_unix(s, "t").unwrap().date();
        assert_eq!(chinese(ts(0)), "1970年1月1日");
        assert_eq!(chinese(ts(1_656_547_200)), "2022年6月30日");
        assert_eq!(chinese(ts(951_782_400)), "2000年2月29日");
        assert_eq!(chinese(parse_date("2022-05-31", "published").unwrap()), "2022年5月31日");
        assert_eq!(parse_date("2022-02-30", "published").unwrap_err().code, Code::InvalidDate);
        assert_eq!(parse_date("31.5.2022", "published").unwrap_err().code, Code::InvalidDate);
    }
}
