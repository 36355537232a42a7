//! The grading math against `grading_cases.json`, the cases the UI's port
//! of it (ui/src/grading.ts, the gradebook's live preview) is tested with
//! too (ui/src/test/grading.test.ts): one list, so the two cannot drift
//! (issue 12, items 2 and 3). The core crate has no JSON dependency, so
//! this test reads the file with the small reader below.

use schooldesk_core::grading::{
    Band, Bands, Component, ComponentKind, Final, Ratio, Rounding, RoundingMode, Scheme, Score,
    ScoreError, Weight,
};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
enum Json {
    Null,
    Bool(bool),
    Num(i128),
    Str(String),
    Arr(Vec<Json>),
    Obj(BTreeMap<String, Json>),
}

/// Just enough JSON for the cases: integers, no exponents.
struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn skip(&mut self) {
        while self.at < self.text.len() && self.text[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
    }
    fn eat(&mut self, c: u8) {
        self.skip();
        assert_eq!(self.text[self.at] as char, c as char, "at byte {}", self.at);
        self.at += 1;
    }
    fn value(&mut self) -> Json {
        self.skip();
        match self.text[self.at] {
            b'{' => {
                self.at += 1;
                let mut map = BTreeMap::new();
                self.skip();
                if self.text[self.at] == b'}' {
                    self.at += 1;
                    return Json::Obj(map);
                }
                loop {
                    self.skip();
                    let Json::Str(key) = self.value() else {
                        panic!("a key at byte {}", self.at)
                    };
                    self.eat(b':');
                    map.insert(key, self.value());
                    self.skip();
                    self.at += 1;
                    if self.text[self.at - 1] == b'}' {
                        return Json::Obj(map);
                    }
                }
            }
            b'[' => {
                self.at += 1;
                let mut list = Vec::new();
                self.skip();
                if self.text[self.at] == b']' {
                    self.at += 1;
                    return Json::Arr(list);
                }
                loop {
                    list.push(self.value());
                    self.skip();
                    self.at += 1;
                    if self.text[self.at - 1] == b']' {
                        return Json::Arr(list);
                    }
                }
            }
            b'"' => {
                self.at += 1;
                let start = self.at;
                while self.text[self.at] != b'"' {
                    assert_ne!(self.text[self.at], b'\\', "no escapes in the cases");
                    self.at += 1;
                }
                self.at += 1;
                Json::Str(String::from_utf8(self.text[start..self.at - 1].to_vec()).unwrap())
            }
            b't' | b'f' | b'n' => {
                let word: &[u8] = match self.text[self.at] {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                assert_eq!(&self.text[self.at..self.at + word.len()], word);
                self.at += word.len();
                match word {
                    b"true" => Json::Bool(true),
                    b"false" => Json::Bool(false),
                    _ => Json::Null,
                }
            }
            _ => {
                let start = self.at;
                while self.text[self.at] == b'-' || self.text[self.at].is_ascii_digit() {
                    self.at += 1;
                }
                let digits = std::str::from_utf8(&self.text[start..self.at]).unwrap();
                Json::Num(digits.parse().expect("an integer"))
            }
        }
    }
}

impl Json {
    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(map) => map.get(key),
            _ => None,
        }
    }
    fn at(&self, key: &str) -> &Json {
        self.get(key)
            .unwrap_or_else(|| panic!("no {key:?} in {self:?}"))
    }
    fn list(&self) -> &[Json] {
        match self {
            Json::Arr(list) => list,
            other => panic!("a list, not {other:?}"),
        }
    }
    fn str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            other => panic!("a string, not {other:?}"),
        }
    }
    fn num(&self) -> i128 {
        match self {
            Json::Num(n) => *n,
            other => panic!("a number, not {other:?}"),
        }
    }
    fn bool(&self) -> bool {
        match self {
            Json::Bool(b) => *b,
            other => panic!("a boolean, not {other:?}"),
        }
    }
}

fn cases() -> Json {
    let text = include_str!("grading_cases.json");
    let mut reader = Reader {
        text: text.as_bytes(),
        at: 0,
    };
    let json = reader.value();
    reader.skip();
    assert_eq!(reader.at, text.len(), "nothing after the cases");
    assert!(matches!(json, Json::Obj(_)));
    json
}

fn error_name(e: &ScoreError) -> &'static str {
    match e {
        ScoreError::NotANumber => "not_a_number",
        ScoreError::TooPrecise => "too_precise",
        ScoreError::OutOfRange => "out_of_range",
    }
}

fn expected(case: &Json) -> Result<i64, String> {
    match case.get("error") {
        Some(e) => Err(e.str().to_string()),
        None => Ok(case.at("hundredths").num() as i64),
    }
}

fn s(text: &str) -> Score {
    Score::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn rounding(case: &Json) -> Rounding {
    Rounding {
        places: case.at("places").num() as u8,
        mode: match case.at("mode").str() {
            "half_up" => RoundingMode::HalfUp,
            "half_even" => RoundingMode::HalfEven,
            "down" => RoundingMode::Down,
            other => panic!("mode {other:?}"),
        },
    }
}

#[test]
fn scores_and_weights_are_read_as_the_cases_say() {
    let cases = cases();
    let scores = cases.at("scores").list();
    assert!(scores.len() > 20);
    for case in scores {
        let text = case.at("text").str();
        let got = Score::parse(text)
            .map(|s| s.hundredths())
            .map_err(|e| error_name(&e).to_string());
        assert_eq!(got, expected(case), "{text:?}");
    }
    for case in cases.at("weights").list() {
        let text = case.at("text").str();
        let got = Weight::parse(text)
            .map(|w| w.hundredths())
            .map_err(|e| error_name(&e).to_string());
        assert_eq!(got, expected(case), "{text:?}");
    }
    for case in cases.at("printed").list() {
        let score = Score::from_hundredths(case.at("hundredths").num() as i64).unwrap();
        assert_eq!(score.to_string(), case.at("printed").str());
    }
}

#[test]
fn the_one_rounding_step_as_the_cases_say() {
    for case in cases().at("rounding").list() {
        let exact = case.at("exact").list();
        let value = Ratio::new(exact[0].num(), exact[1].num());
        assert_eq!(
            rounding(case).apply(value).to_string(),
            case.at("printed").str(),
            "{case:?}"
        );
    }
}

#[test]
fn bands_from_the_kkm_as_the_cases_say() {
    for case in cases().at("bands_from_kkm").list() {
        let bands = Bands::from_kkm(s(case.at("kkm").str()));
        let got: Vec<(String, String)> = bands
            .bands()
            .iter()
            .map(|b| (b.label.clone(), b.min.to_string()))
            .collect();
        let want: Vec<(String, String)> = case
            .at("bands")
            .list()
            .iter()
            .map(|pair| {
                let pair = pair.list();
                (pair[0].str().to_string(), pair[1].str().to_string())
            })
            .collect();
        assert_eq!(got, want, "{case:?}");
    }
}

#[test]
fn final_grades_as_the_cases_say() {
    let cases = cases();
    let finals = cases.at("finals").list();
    assert!(finals.len() > 8);
    for case in finals {
        let name = case.at("name").str();
        let kkm = s(case.at("kkm").str());
        let bands = match case.get("bands") {
            Some(list) => Bands::new(
                list.list()
                    .iter()
                    .map(|pair| Band {
                        label: pair.list()[0].str().to_string(),
                        min: s(pair.list()[1].str()),
                    })
                    .collect(),
            )
            .unwrap(),
            None => Bands::from_kkm(kkm),
        };
        let components = case
            .at("components")
            .list()
            .iter()
            .map(|pair| Component {
                name: pair.list()[0].str().to_string(),
                kind: ComponentKind::Other,
                weight: Weight::parse(pair.list()[1].str()).unwrap(),
            })
            .collect();
        let scheme = Scheme::new(components, kkm, bands, rounding(case)).unwrap();
        let scores: Vec<Vec<Score>> = case
            .at("scores")
            .list()
            .iter()
            .map(|list| list.list().iter().map(|t| s(t.str())).collect())
            .collect();
        let refs: Vec<&[Score]> = scores.iter().map(Vec::as_slice).collect();
        match (scheme.final_grade(&refs), case.get("missing")) {
            (Final::Incomplete { missing }, Some(want)) => {
                let want: Vec<&str> = want.list().iter().map(Json::str).collect();
                assert_eq!(missing, want, "{name}");
            }
            (
                Final::Graded {
                    exact,
                    grade,
                    predicate,
                    passed,
                },
                None,
            ) => {
                let want = case.at("exact").list();
                assert_eq!(
                    (exact.numerator(), exact.denominator()),
                    (want[0].num(), want[1].num()),
                    "{name}"
                );
                assert_eq!(grade.to_string(), case.at("grade").str(), "{name}");
                assert_eq!(predicate, case.at("predicate").str(), "{name}");
                assert_eq!(passed, case.at("passed").bool(), "{name}");
            }
            (other, _) => panic!("{name}: {other:?}"),
        }
    }
}
