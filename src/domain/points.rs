//! Score points as fixed-point hundredths, so that sums are exact and ties are real ties
//! (0,1 + 0,2 equals 0,3 here, unlike in a spreadsheet).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Neg, Sub};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(i64);

impl Points {
    pub const ZERO: Points = Points(0);

    pub const fn from_hundredths(h: i64) -> Self {
        Points(h)
    }

    /// Whole points; saturates at the ends of the range instead of overflowing.
    pub const fn whole(p: i64) -> Self {
        Points(p.saturating_mul(100))
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// From a decimal number; out of range saturates (and NaN is 0), never wraps.
    pub fn from_f64(x: f64) -> Self {
        Points((x * 100.0).round() as i64)
    }

    /// `self + o`, or `None` when the sum leaves the range.
    pub const fn checked_add(self, o: Points) -> Option<Points> {
        match self.0.checked_add(o.0) {
            Some(v) => Some(Points(v)),
            None => None,
        }
    }

    /// `self - o`, or `None` when the difference leaves the range.
    pub const fn checked_sub(self, o: Points) -> Option<Points> {
        match self.0.checked_sub(o.0) {
            Some(v) => Some(Points(v)),
            None => None,
        }
    }

    /// The exact sum of `items`, or `None` when it leaves the range. Validation reports that as a
    /// problem; `+` and `Sum` saturate so that a screen or a command never panics on bad data.
    pub fn checked_sum(items: impl IntoIterator<Item = Points>) -> Option<Points> {
        items.into_iter().try_fold(Points::ZERO, Points::checked_add)
    }

    /// Parses "95", "95,5" or "95.25" (at most two decimals).
    pub fn parse(s: &str) -> Result<Self, String> {
        let t = s.trim().replace(',', ".");
        let bad = || format!("\u{201c}{}\u{201d} không phải là số điểm hợp lệ.", s.trim());
        if t.is_empty() {
            return Err("Chưa nhập điểm.".into());
        }
        let (neg, t) = match t.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, t),
        };
        let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
        if int.is_empty() && frac.is_empty() || frac.len() > 2 {
            return Err(bad());
        }
        let int: i64 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| bad())?
        };
        let frac_val: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| bad())?
        };
        let frac_val = if frac.len() == 1 { frac_val * 10 } else { frac_val };
        let h = int
            .checked_mul(100)
            .and_then(|x| x.checked_add(frac_val))
            .ok_or_else(bad)?;
        Ok(Points(if neg { -h } else { h }))
    }
}

/// "95", "95,5", "95,25": a Vietnamese decimal comma, no trailing zeros.
impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        let (int, frac) = (a / 100, a % 100);
        match frac {
            0 => write!(f, "{sign}{int}"),
            f2 if f2 % 10 == 0 => write!(f, "{sign}{int},{}", f2 / 10),
            f2 => write!(f, "{sign}{int},{f2:02}"),
        }
    }
}

/// Saturating: no panic in a debug build, no wrap-around in a release build. Values that big are
/// already outside the bounds validation enforces (see `validate::POINTS_MAX`); where an exact
/// answer matters, use [`Points::checked_add`] and [`Points::checked_sum`].
impl Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0.saturating_add(o.0))
    }
}

impl Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0.saturating_sub(o.0))
    }
}

impl Neg for Points {
    type Output = Points;
    fn neg(self) -> Points {
        Points(self.0.saturating_neg())
    }
}

impl Sum for Points {
    fn sum<I: Iterator<Item = Points>>(iter: I) -> Points {
        iter.fold(Points::ZERO, |a, b| a + b)
    }
}

impl Serialize for Points {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Points::from_f64(f64::deserialize(d)?))
    }
}

/// In JSON a score is a number with at most two decimals (95.25).
impl schemars::JsonSchema for Points {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Points".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "multipleOf": 0.01,
            "description": "Điểm, tối đa hai chữ số thập phân"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_show() {
        assert_eq!(Points::parse("95").unwrap(), Points::whole(95));
        assert_eq!(Points::parse("95,5").unwrap().to_string(), "95,5");
        assert_eq!(Points::parse("95.25").unwrap().to_string(), "95,25");
        assert_eq!(Points::parse("0,05").unwrap().to_string(), "0,05");
        assert_eq!(Points::parse("-10").unwrap(), Points::whole(-10));
        assert!(Points::parse("9,999").is_err());
        assert!(Points::parse("abc").is_err());
        assert!(Points::parse("").is_err());
    }

    #[test]
    fn sums_are_exact() {
        let a = Points::parse("0,1").unwrap() + Points::parse("0,2").unwrap();
        assert_eq!(a, Points::parse("0,3").unwrap());
        let total: Points = [Points::whole(10), Points::parse("2,5").unwrap()].into_iter().sum();
        assert_eq!(total.to_string(), "12,5");
    }

    #[test]
    fn sums_never_overflow() {
        let big = Points::from_hundredths(i64::MAX - 1);
        assert_eq!(big.checked_add(Points::whole(1)), None);
        assert_eq!(Points::checked_sum([big, Points::whole(1)]), None);
        assert_eq!(
            Points::checked_sum([Points::whole(2), Points::whole(3)]),
            Some(Points::whole(5))
        );
        assert_eq!(Points::from_hundredths(i64::MIN).checked_sub(Points::whole(1)), None);
        // The operators saturate instead of panicking (debug) or wrapping (release).
        let s: Points = [big, big, big].into_iter().sum();
        assert_eq!(s, Points::from_hundredths(i64::MAX));
        assert_eq!(big + big, Points::from_hundredths(i64::MAX));
        assert_eq!(
            Points::from_hundredths(i64::MIN) - big,
            Points::from_hundredths(i64::MIN)
        );
        assert_eq!(-Points::from_hundredths(i64::MIN), Points::from_hundredths(i64::MAX));
        assert_eq!(Points::whole(i64::MAX), Points::from_hundredths(i64::MAX));
        assert_eq!(Points::from_f64(1e300), Points::from_hundredths(i64::MAX));
    }

    #[test]
    fn json_round_trip() {
        let p = Points::parse("87,35").unwrap();
        let j = serde_json::to_string(&p).unwrap();
        assert_eq!(j, "87.35");
        assert_eq!(serde_json::from_str::<Points>(&j).unwrap(), p);
    }
}
