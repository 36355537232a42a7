//! Exact decimal numbers for weights (percent), points and numeric answers.
//!
//! Question files write numbers as decimal text (`33.33333`, `0.01`,
//! `1.0000000`); we keep them exactly, so what we read is what we write and
//! sums such as three weights of `33.33333` are computed without binary
//! floating point.

use std::cmp::Ordering;
use std::fmt;

/// A decimal number: `mantissa × 10^-scale`, kept normalised (no trailing
/// zero digit after the point), so equal numbers compare equal field by field.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// The most digits after the point we keep; more is refused as input.
pub const MAX_SCALE: u32 = 18;
/// The most digits before the point we keep (so sums never overflow).
pub const MAX_INT_DIGITS: u32 = 18;

impl Decimal {
    pub const ZERO: Decimal = Decimal {
        mantissa: 0,
        scale: 0,
    };

    pub fn from_int(n: i64) -> Decimal {
        Decimal {
            mantissa: n as i128,
            scale: 0,
        }
    }

    /// `mantissa / 10^scale`.
    pub fn new(mantissa: i128, scale: u32) -> Decimal {
        Decimal { mantissa, scale }.normalised()
    }

    fn normalised(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        if self.mantissa == 0 {
            self.scale = 0;
        }
        self
    }

    /// Reads `-12`, `3.14`, `.5`, `+2.`, `1e3`, `2.5E-2`. Anything else
    /// (empty, letters, more than 18 decimals, 10^18 or more) is `None`.
    pub fn parse(text: &str) -> Option<Decimal> {
        let t = text.trim();
        let (mant_text, exp) = match t.find(['e', 'E']) {
            Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()?),
            None => (t, 0),
        };
        let (neg, digits) = match mant_text.as_bytes().first()? {
            b'-' => (true, &mant_text[1..]),
            b'+' => (false, &mant_text[1..]),
            _ => (false, mant_text),
        };
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            mantissa = mantissa.checked_mul(10)?.checked_add((b - b'0') as i128)?;
        }
        let mut scale = frac_part.len() as i64 - exp as i64;
        while scale < 0 {
            mantissa = mantissa.checked_mul(10)?;
            scale += 1;
        }
        let d = Decimal {
            mantissa: if neg { -mantissa } else { mantissa },
            scale: scale as u32,
        }
        .normalised();
        if d.scale > MAX_SCALE
            || d.mantissa.unsigned_abs() / 10u128.pow(d.scale) >= 10u128.pow(MAX_INT_DIGITS)
        {
            return None;
        }
        Some(d)
    }

    fn aligned(self, other: Decimal) -> (i128, i128, u32) {
        let scale = self.scale.max(other.scale);
        let a = self.mantissa * 10i128.pow(scale - self.scale);
        let b = other.mantissa * 10i128.pow(scale - other.scale);
        (a, b, scale)
    }

    pub fn plus(self, other: Decimal) -> Decimal {
        let (a, b, s) = self.aligned(other);
        Decimal::new(a + b, s)
    }

    pub fn minus(self, other: Decimal) -> Decimal {
        let (a, b, s) = self.aligned(other);
        Decimal::new(a - b, s)
    }

    /// Exactly half (one more decimal when needed).
    pub fn half(self) -> Decimal {
        Decimal::new(self.mantissa * 5, self.scale + 1)
    }

    /// Divided by 100 (a percent as a fraction), exactly.
    pub fn percent_to_fraction(self) -> Decimal {
        Decimal::new(self.mantissa, self.scale + 2)
    }

    /// Times 100 (a fraction as a percent), exactly.
    pub fn fraction_to_percent(self) -> Decimal {
        Decimal::new(self.mantissa * 100, self.scale)
    }

    /// The product, exact (rounded to [`MAX_SCALE`] places if it has more).
    pub fn times(self, other: Decimal) -> Decimal {
        let scale = self.scale + other.scale;
        let d = Decimal::new(self.mantissa * other.mantissa, scale);
        if d.scale > MAX_SCALE {
            d.rounded(MAX_SCALE)
        } else {
            d
        }
    }

    /// Divided by `n` (not 0), rounded half away from zero to `places`.
    pub fn divided_by(self, n: i64, places: u32) -> Decimal {
        assert!(n != 0, "divided_by(0)");
        let (num, den) = if places >= self.scale {
            (
                self.mantissa * 10i128.pow(places - self.scale),
                i128::from(n),
            )
        } else {
            (
                self.mantissa,
                10i128.pow(self.scale - places) * i128::from(n),
            )
        };
        let mut q = num / den;
        let r = num % den;
        if 2 * r.abs() >= den.abs() {
            q += if (num < 0) != (den < 0) { -1 } else { 1 };
        }
        Decimal::new(q, places)
    }

    /// `self ÷ other × 10^places`, rounded once, half away from zero, to
    /// a whole number: 37.5 of 40 at `places` 4 is 9375 (93.75 %, in
    /// hundredths). `None` when `other` is 0 or the numbers are too large.
    pub fn ratio_scaled(self, other: Decimal, places: u32) -> Option<i128> {
        if other.mantissa == 0 {
            return None;
        }
        // self / other = (m1 · 10^s2) / (m2 · 10^s1).
        let num = self
            .mantissa
            .checked_mul(10i128.checked_pow(other.scale + places)?)?;
        let den = other
            .mantissa
            .checked_mul(10i128.checked_pow(self.scale)?)?;
        let mut q = num / den;
        let r = num % den;
        if r.checked_abs()?.checked_mul(2)? >= den.checked_abs()? {
            q += if (num < 0) != (den < 0) { -1 } else { 1 };
        }
        Some(q)
    }

    /// Rounded half away from zero to `places` decimals.
    pub fn rounded(self, places: u32) -> Decimal {
        if self.scale <= places {
            return self;
        }
        let div = 10i128.pow(self.scale - places);
        let mut v = self.mantissa / div;
        let rest = (self.mantissa % div).abs();
        if rest * 2 >= div {
            v += self.mantissa.signum();
        }
        Decimal::new(v, places)
    }

    pub fn abs(self) -> Decimal {
        Decimal {
            mantissa: self.mantissa.abs(),
            scale: self.scale,
        }
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    pub fn is_zero(self) -> bool {
        self.mantissa == 0
    }

    pub fn is_positive(self) -> bool {
        self.mantissa > 0
    }

    /// The nearest binary float, for statistics and display only.
    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b, _) = self.aligned(*other);
        a.cmp(&b)
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let s = self.scale as usize;
        let (int_part, frac_part) = if digits.len() > s {
            (
                digits[..digits.len() - s].to_string(),
                digits[digits.len() - s..].to_string(),
            )
        } else {
            (
                "0".to_string(),
                format!("{}{}", "0".repeat(s - digits.len()), digits),
            )
        };
        if neg {
            f.write_str("-")?;
        }
        f.write_str(&int_part)?;
        if !frac_part.is_empty() {
            write!(f, ".{frac_part}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Decimal::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a decimal number: {text:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::Decimal;

    #[test]
    fn parses_and_prints_exactly() {
        for (input, shown) in [
            ("33.33333", "33.33333"),
            ("1.0000000", "1"),
            ("-0.5", "-0.5"),
            (".25", "0.25"),
            ("1e3", "1000"),
            ("2.5E-2", "0.025"),
            ("+7", "7"),
            ("-0", "0"),
        ] {
            assert_eq!(Decimal::parse(input).unwrap().to_string(), shown, "{input}");
        }
        for bad in [
            "",
            "-",
            ".",
            "1.2.3",
            "abc",
            "1,5",
            "1e",
            "0.1234567890123456789",
        ] {
            assert_eq!(Decimal::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn sums_without_rounding() {
        let third = Decimal::parse("33.33333").unwrap();
        assert_eq!(third.plus(third).plus(third).to_string(), "99.99999");
        assert_eq!(
            Decimal::parse("1")
                .unwrap()
                .plus(Decimal::parse("2").unwrap())
                .half()
                .to_string(),
            "1.5"
        );
        assert!(Decimal::parse("0.1").unwrap() < Decimal::parse("0.15").unwrap());
        assert_eq!(
            Decimal::parse("2.50").unwrap(),
            Decimal::parse("2.5").unwrap()
        );
    }

    #[test]
    fn ratio_scaled_rounds_once_half_away_from_zero() {
        let d = |t: &str| Decimal::parse(t).unwrap();
        assert_eq!(d("37.5").ratio_scaled(d("40"), 4), Some(9375));
        // 1/3 = 33.3333… % → 3333 hundredths; 2/3 → 6667.
        assert_eq!(d("1").ratio_scaled(d("3"), 4), Some(3333));
        assert_eq!(d("2").ratio_scaled(d("3"), 4), Some(6667));
        // 0.125 → 13 hundredths of a unit (half away from zero), -0.125 → -13.
        assert_eq!(d("0.125").ratio_scaled(d("1"), 2), Some(13));
        assert_eq!(d("-0.125").ratio_scaled(d("1"), 2), Some(-13));
        assert_eq!(d("7.25").ratio_scaled(d("12.5"), 4), Some(5800));
        assert_eq!(d("1").ratio_scaled(Decimal::ZERO, 4), None);
    }
}
