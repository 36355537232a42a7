//! The grading math of report cards (issue 12, item 2): scores, an
//! assessment scheme's weighted components, the final grade, the passing
//! threshold (KKM / KKTP) and the predicate bands. Pure and exact.
//!
//! **Exact numbers.** A score is a decimal with at most two places
//! ([`Score`], kept in hundredths), a weight a percentage with at most two
//! places ([`Weight`]). The final grade is computed as an exact fraction
//! ([`Ratio`]): no floating point anywhere, so 84.5 is never 84.4999….
//!
//! **The one rounding step.** Nothing is rounded on the way: a component's
//! entries are averaged exactly, the averages weighted exactly, and only
//! the final grade is rounded, once, by the scheme's [`Rounding`] (half up
//! to a whole number unless the school says otherwise). The predicate and
//! the pass/fail verdict are read from that rounded grade — the number the
//! report card prints — so the card never shows 75 beside "not passed".

// Hundredths are written as such: 84_49 is 84.49, 100_00 is 100.
#![allow(clippy::inconsistent_digit_grouping)]

use std::cmp::Ordering;
use std::fmt;

/// A score from 0 to 100 with at most two decimal places, in hundredths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Score(i64);

/// Why a typed score is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScoreError {
    /// Not a number ("abc", "8o").
    NotANumber,
    /// More than two decimal places.
    TooPrecise,
    /// Below 0 or above 100.
    OutOfRange,
}

impl fmt::Display for ScoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ScoreError::NotANumber => "not a number",
            ScoreError::TooPrecise => "at most two decimal places",
            ScoreError::OutOfRange => "must be from 0 to 100",
        })
    }
}

/// Reads "87", "87.5" or "87,5" (the Indonesian decimal comma), with at
/// most `places` decimal places, as hundredths. No sign, no exponent, no
/// thousands separator: a grade is typed as a number.
fn hundredths(text: &str, places: usize) -> Result<i64, ScoreError> {
    let text = text.trim();
    let (whole, fraction) = match text.find(['.', ',']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !digits(whole)
        || !digits(fraction)
        || text.matches(['.', ',']).count() > 1
    {
        return Err(ScoreError::NotANumber);
    }
    if fraction.len() > places {
        return Err(ScoreError::TooPrecise);
    }
    if whole.len() > 6 {
        return Err(ScoreError::OutOfRange);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| ScoreError::NotANumber)?
    };
    let mut cents = 0;
    for (i, c) in fraction.chars().enumerate() {
        cents += (c as i64 - '0' as i64) * if i == 0 { 10 } else { 1 };
    }
    Ok(whole * 100 + cents)
}

impl Score {
    pub const MAX: Score = Score(100_00);

    /// From hundredths; `None` outside 0–100.
    pub fn from_hundredths(h: i64) -> Option<Score> {
        (0..=100_00).contains(&h).then_some(Score(h))
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }

    /// A score as a teacher types it: "87", "87.5", "87,5".
    pub fn parse(text: &str) -> Result<Score, ScoreError> {
        Score::from_hundredths(hundredths(text, 2)?).ok_or(ScoreError::OutOfRange)
    }
}

impl fmt::Display for Score {
    /// "87", "87.5", "87.25": no trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, cents) = (self.0 / 100, self.0 % 100);
        match cents {
            0 => write!(f, "{whole}"),
            c if c % 10 == 0 => write!(f, "{whole}.{}", c / 10),
            c => write!(f, "{whole}.{c:02}"),
        }
    }
}

/// A component's weight in percent, with at most two decimal places
/// (33.33 %), in hundredths of a percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Weight(i64);

impl Weight {
    pub fn from_hundredths(h: i64) -> Option<Weight> {
        (1..=100_00).contains(&h).then_some(Weight(h))
    }

    pub fn parse(text: &str) -> Result<Weight, ScoreError> {
        let text = text.trim().trim_end_matches('%');
        Weight::from_hundredths(hundredths(text, 2)?).ok_or(ScoreError::OutOfRange)
    }

    pub fn hundredths(self) -> i64 {
        self.0
    }
}

/// An exact non-negative fraction, always in lowest terms with a positive
/// denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ratio {
    num: i128,
    den: i128,
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

impl Ratio {
    pub fn new(num: i128, den: i128) -> Ratio {
        assert!(den != 0, "a ratio needs a denominator");
        let sign = if den < 0 { -1 } else { 1 };
        let g = gcd(num, den).max(1);
        Ratio {
            num: sign * num / g,
            den: sign * den / g,
        }
    }

    pub fn integer(n: i64) -> Ratio {
        Ratio::new(n as i128, 1)
    }

    /// A score as the fraction it is (87.5 = 175/2).
    pub fn of_score(s: Score) -> Ratio {
        Ratio::new(s.0 as i128, 100)
    }

    fn add(self, o: Ratio) -> Ratio {
        Ratio::new(self.num * o.den + o.num * self.den, self.den * o.den)
    }

    fn mul(self, o: Ratio) -> Ratio {
        Ratio::new(self.num * o.num, self.den * o.den)
    }

    fn div(self, o: Ratio) -> Ratio {
        Ratio::new(self.num * o.den, self.den * o.num)
    }

    pub fn numerator(self) -> i128 {
        self.num
    }

    pub fn denominator(self) -> i128 {
        self.den
    }
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.num * other.den).cmp(&(other.num * self.den))
    }
}

/// How the final grade is rounded, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rounding {
    /// Decimal places kept: 0 (the default: a whole number), 1 or 2.
    pub places: u8,
    pub mode: RoundingMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoundingMode {
    /// .5 goes up (84.5 → 85): what schools and e-Rapor do.
    HalfUp,
    /// .5 goes to the even neighbour (84.5 → 84, 85.5 → 86).
    HalfEven,
    /// Everything after the kept places is dropped (84.99 → 84).
    Down,
}

impl Default for Rounding {
    fn default() -> Self {
        Rounding {
            places: 0,
            mode: RoundingMode::HalfUp,
        }
    }
}

impl Rounding {
    /// Rounds a non-negative exact value; the answer is in hundredths.
    pub fn apply(self, value: Ratio) -> Score {
        let places = self.places.min(2) as u32;
        let scale = 10i128.pow(places);
        // value × scale = q + r/den, 0 ≤ r < den (value is non-negative).
        let scaled = value.mul(Ratio::new(scale, 1));
        let (q, r, den) = (
            scaled.num.div_euclid(scaled.den),
            scaled.num.rem_euclid(scaled.den),
            scaled.den,
        );
        let up = match self.mode {
            RoundingMode::Down => false,
            RoundingMode::HalfUp => 2 * r >= den,
            RoundingMode::HalfEven => 2 * r > den || (2 * r == den && q % 2 == 1),
        };
        let kept = q + i128::from(up);
        Score((kept * 100 / scale) as i64)
    }
}

/// One predicate band: a grade at or above `min` earns `label` (A, B, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub min: Score,
    pub label: String,
}

/// The predicate bands, highest first; a grade below every band gets the
/// lowest band's label (every grade has a predicate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bands(Vec<Band>);

/// Why a scheme cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeError {
    /// The weights add up to something else than 100 %: their sum, in
    /// hundredths of a percent.
    WeightsNot100 {
        sum: i64,
    },
    NoComponents,
    /// Two components with one name.
    DuplicateComponent(String),
    /// Bands that overlap or are out of order, or none.
    BadBands,
}

impl fmt::Display for SchemeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SchemeError::WeightsNot100 { sum } => write!(
                f,
                "the weights add up to {}%, not 100%",
                Score(*sum) // hundredths of a percent print like a score
            ),
            SchemeError::NoComponents => f.write_str("the scheme has no components"),
            SchemeError::DuplicateComponent(name) => {
                write!(f, "two components are called {name:?}")
            }
            SchemeError::BadBands => f.write_str(
                "the predicate bands must go from the highest down, each lower than the one before",
            ),
        }
    }
}

impl Bands {
    /// Bands from the highest down; each `min` lower than the one before.
    pub fn new(bands: Vec<Band>) -> Result<Bands, SchemeError> {
        if bands.is_empty() || bands.windows(2).any(|w| w[1].min >= w[0].min) {
            return Err(SchemeError::BadBands);
        }
        Ok(Bands(bands))
    }

    /// The common four-band scale set from the passing threshold: D below
    /// the KKM, and the range from the KKM to 100 split in three equal
    /// parts for C, B and A, each part's lower bound rounded up to a whole
    /// grade (KKM 75: C 75–83, B 84–91, A 92–100).
    pub fn from_kkm(kkm: Score) -> Bands {
        let kkm_r = Ratio::of_score(kkm);
        let step = Ratio::integer(100)
            .add(Ratio::new(-kkm_r.num, kkm_r.den))
            .div(Ratio::integer(3));
        let ceil = |r: Ratio| {
            let whole = r.num.div_euclid(r.den) + i128::from(r.num.rem_euclid(r.den) != 0);
            Score((whole * 100) as i64)
        };
        let b = ceil(kkm_r.add(step));
        let a = ceil(kkm_r.add(step).add(step));
        let band = |min, label: &str| Band {
            min,
            label: label.into(),
        };
        Bands(vec![
            band(a, "A"),
            band(b, "B"),
            band(kkm, "C"),
            band(Score(0), "D"),
        ])
    }

    pub fn of(&self, grade: Score) -> &str {
        self.0
            .iter()
            .find(|b| grade >= b.min)
            .or(self.0.last())
            .map(|b| b.label.as_str())
            .unwrap_or("")
    }

    pub fn bands(&self) -> &[Band] {
        &self.0
    }
}

/// What a component assesses (the parts of a Kurikulum Merdeka grade).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComponentKind {
    /// Formative daily work (nilai harian / formatif).
    Formative,
    /// Assignments (tugas).
    Assignment,
    /// Mid-term summative (PTS / STS).
    MidTerm,
    /// End-of-term summative (PAS / SAS).
    EndOfTerm,
    /// Anything else a school counts.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub name: String,
    pub kind: ComponentKind,
    pub weight: Weight,
}

/// How a subject's final grade is made in one term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheme {
    components: Vec<Component>,
    /// The passing threshold (KKM / KKTP).
    pub kkm: Score,
    pub bands: Bands,
    pub rounding: Rounding,
}

/// A student's final grade in a subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Final {
    /// Every component has at least one score.
    Graded {
        /// The exact weighted value, before the one rounding step.
        exact: Ratio,
        /// The grade the card prints.
        grade: Score,
        predicate: String,
        passed: bool,
    },
    /// Components without any score yet, by name: no grade is made up.
    Incomplete { missing: Vec<String> },
}

impl Scheme {
    pub fn new(
        components: Vec<Component>,
        kkm: Score,
        bands: Bands,
        rounding: Rounding,
    ) -> Result<Scheme, SchemeError> {
        if components.is_empty() {
            return Err(SchemeError::NoComponents);
        }
        let sum: i64 = components.iter().map(|c| c.weight.0).sum();
        if sum != 100_00 {
            return Err(SchemeError::WeightsNot100 { sum });
        }
        for (i, c) in components.iter().enumerate() {
            if components[..i].iter().any(|o| o.name == c.name) {
                return Err(SchemeError::DuplicateComponent(c.name.clone()));
            }
        }
        Ok(Scheme {
            components,
            kkm,
            bands,
            rounding,
        })
    }

    pub fn components(&self) -> &[Component] {
        &self.components
    }

    /// The final grade from each component's scores (in the scheme's
    /// component order): each component's scores averaged exactly, the
    /// averages weighted exactly, then rounded once.
    pub fn final_grade(&self, scores: &[&[Score]]) -> Final {
        assert_eq!(
            scores.len(),
            self.components.len(),
            "one list of scores per component"
        );
        let missing: Vec<String> = self
            .components
            .iter()
            .zip(scores)
            .filter(|(_, s)| s.is_empty())
            .map(|(c, _)| c.name.clone())
            .collect();
        if !missing.is_empty() {
            return Final::Incomplete { missing };
        }
        let mut total = Ratio::integer(0);
        for (component, entries) in self.components.iter().zip(scores) {
            let sum: i128 = entries.iter().map(|s| s.0 as i128).sum();
            // mean in score units = sum / (100 × n); weighted by w / 10000.
            let mean = Ratio::new(sum, 100 * entries.len() as i128);
            total = total.add(mean.mul(Ratio::new(component.weight.0 as i128, 100_00)));
        }
        let grade = self.rounding.apply(total);
        Final::Graded {
            exact: total,
            grade,
            predicate: self.bands.of(grade).to_string(),
            passed: grade >= self.kkm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Score {
        Score::parse(text).unwrap()
    }
    fn w(text: &str) -> Weight {
        Weight::parse(text).unwrap()
    }
    fn component(name: &str, weight: &str) -> Component {
        Component {
            name: name.into(),
            kind: ComponentKind::Other,
            weight: w(weight),
        }
    }

    #[test]
    fn scores_are_read_as_typed_and_bad_ones_are_named() {
        let cases: &[(&str, Result<i64, ScoreError>)] = &[
            ("87", Ok(87_00)),
            ("87.5", Ok(87_50)),
            ("87,5", Ok(87_50)),
            (" 84.49 ", Ok(84_49)),
            ("0", Ok(0)),
            ("100", Ok(100_00)),
            ("100.00", Ok(100_00)),
            (".5", Ok(50)),
            ("100.01", Err(ScoreError::OutOfRange)),
            ("105", Err(ScoreError::OutOfRange)),
            ("9999999", Err(ScoreError::OutOfRange)),
            ("-1", Err(ScoreError::NotANumber)),
            ("abc", Err(ScoreError::NotANumber)),
            ("8o", Err(ScoreError::NotANumber)),
            ("", Err(ScoreError::NotANumber)),
            (".", Err(ScoreError::NotANumber)),
            ("1.2.3", Err(ScoreError::NotANumber)),
            ("1e2", Err(ScoreError::NotANumber)),
            ("84.499", Err(ScoreError::TooPrecise)),
        ];
        for (text, expected) in cases {
            assert_eq!(
                Score::parse(text).map(|s| s.hundredths()),
                *expected,
                "{text:?}"
            );
        }
        assert_eq!(s("87.50").to_string(), "87.5");
        assert_eq!(s("84.49").to_string(), "84.49");
        assert_eq!(s("84.05").to_string(), "84.05");
        assert_eq!(s("90").to_string(), "90");
    }

    #[test]
    fn the_one_rounding_step_at_every_edge() {
        let half_up = Rounding::default();
        let even = Rounding {
            places: 0,
            mode: RoundingMode::HalfEven,
        };
        let down = Rounding {
            places: 0,
            mode: RoundingMode::Down,
        };
        let one_place = Rounding {
            places: 1,
            mode: RoundingMode::HalfUp,
        };
        // (exact value as num/den, rounding, printed grade)
        let cases: &[(i128, i128, Rounding, &str)] = &[
            (745, 10, half_up, "75"),
            (8449, 100, half_up, "84"),
            (845, 10, half_up, "85"),
            (84_499_999, 1_000_000, half_up, "84"),
            (745, 10, even, "74"),
            (755, 10, even, "76"),
            (8451, 100, even, "85"),
            (8499, 100, down, "84"),
            (8445, 100, one_place, "84.5"),
            (8444, 100, one_place, "84.4"),
            (2, 3, one_place, "0.7"),
            (0, 1, half_up, "0"),
            (100, 1, half_up, "100"),
            (1999, 20, half_up, "100"), // 99.95
        ];
        for (num, den, rounding, printed) in cases {
            assert_eq!(
                rounding.apply(Ratio::new(*num, *den)).to_string(),
                *printed,
                "{num}/{den} {rounding:?}"
            );
        }
    }

    #[test]
    fn weights_that_are_not_whole_numbers_and_averages_stay_exact() {
        let bands = Bands::from_kkm(s("75"));
        // Three components of 33.33 %, 33.33 % and 33.34 %.
        let scheme = Scheme::new(
            vec![
                component("Formatif", "33.33"),
                component("PTS", "33.33"),
                component("PAS", "33.34%"),
            ],
            s("75"),
            bands.clone(),
            Rounding::default(),
        )
        .unwrap();
        // 74.5 exactly in every part: a float sum of thirds would give
        // 74.49999…; the exact sum is 74.5 and rounds up to 75.
        let f = scheme.final_grade(&[&[s("74.5")], &[s("74.5")], &[s("74.5")]]);
        let Final::Graded {
            exact,
            grade,
            predicate,
            passed,
        } = f
        else {
            panic!("graded")
        };
        assert_eq!(exact, Ratio::new(149, 2));
        assert_eq!(grade.to_string(), "75");
        assert_eq!(predicate, "C");
        assert!(passed, "75 printed is 75 passed");

        // Averages of several entries are not rounded on the way:
        // (80 + 81 + 81) / 3 = 80.666…, weighted 40 %; PTS 90 × 30 %;
        // PAS 87 × 30 % → 32.2666… + 27 + 26.1 = 85.3666… → 85.
        let scheme = Scheme::new(
            vec![
                component("Harian", "40"),
                component("PTS", "30"),
                component("PAS", "30"),
            ],
            s("75"),
            bands,
            Rounding::default(),
        )
        .unwrap();
        let f = scheme.final_grade(&[&[s("80"), s("81"), s("81")], &[s("90")], &[s("87")]]);
        match f {
            Final::Graded {
                exact,
                grade,
                predicate,
                ..
            } => {
                assert_eq!(exact, Ratio::new(25_610, 300));
                assert_eq!(grade.to_string(), "85");
                assert_eq!(predicate, "B");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            scheme.final_grade(&[&[s("80")], &[], &[]]),
            Final::Incomplete {
                missing: vec!["PTS".into(), "PAS".into()]
            }
        );
    }

    #[test]
    fn a_scheme_must_add_up_and_name_each_component_once() {
        let bands = Bands::from_kkm(s("75"));
        let make =
            |components| Scheme::new(components, s("75"), bands.clone(), Rounding::default());
        let err = make(vec![
            component("A", "33.33"),
            component("B", "33.33"),
            component("C", "33.33"),
        ])
        .unwrap_err();
        assert_eq!(err, SchemeError::WeightsNot100 { sum: 99_99 });
        assert_eq!(err.to_string(), "the weights add up to 99.99%, not 100%");
        assert_eq!(
            make(vec![component("PTS", "50"), component("PTS", "50")]).unwrap_err(),
            SchemeError::DuplicateComponent("PTS".into())
        );
        assert_eq!(make(vec![]).unwrap_err(), SchemeError::NoComponents);
        assert_eq!(Weight::parse("0"), Err(ScoreError::OutOfRange));
        assert_eq!(Weight::parse("100.5"), Err(ScoreError::OutOfRange));
    }

    #[test]
    fn predicates_from_the_kkm_and_custom_bands() {
        let bands = Bands::from_kkm(s("75"));
        let cases = [
            ("100", "A"),
            ("92", "A"),
            ("91", "B"),
            ("84", "B"),
            ("83", "C"),
            ("75", "C"),
            ("74", "D"),
            ("0", "D"),
        ];
        for (grade, predicate) in cases {
            assert_eq!(bands.of(s(grade)), predicate, "{grade}");
        }
        // KKM 70: 70 + 10 = 80, 90.
        let bands = Bands::from_kkm(s("70"));
        assert_eq!(bands.of(s("90")), "A");
        assert_eq!(bands.of(s("89")), "B");
        assert_eq!(bands.of(s("80")), "B");
        assert_eq!(bands.of(s("79")), "C");
        let custom = Bands::new(vec![
            Band {
                min: s("86"),
                label: "Sangat Baik".into(),
            },
            Band {
                min: s("71"),
                label: "Baik".into(),
            },
            Band {
                min: s("0"),
                label: "Perlu Bimbingan".into(),
            },
        ])
        .unwrap();
        assert_eq!(custom.of(s("85.99")), "Baik");
        assert_eq!(custom.of(s("86")), "Sangat Baik");
        assert_eq!(custom.of(s("10")), "Perlu Bimbingan");
        assert_eq!(
            Bands::new(vec![
                Band {
                    min: s("70"),
                    label: "B".into()
                },
                Band {
                    min: s("80"),
                    label: "A".into()
                },
            ]),
            Err(SchemeError::BadBands)
        );
    }
}
