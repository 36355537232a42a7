//! The spreadsheet template for bulk entry (issue 13 item 3): the example
//! rows read back as one question of each type, a bank written to rows
//! and read again gives the same questions, and each bad cell is named by
//! row and column while the good rows are taken.

use schooldesk_qbank::sheet::*;
use schooldesk_qbank::*;

fn numbered(rows: Vec<Vec<String>>) -> Vec<(usize, Vec<String>)> {
    let mut out = vec![(1, COLUMNS.iter().map(|c| c.to_string()).collect())];
    out.extend(rows.into_iter().enumerate().map(|(i, r)| (i + 2, r)));
    out
}

#[test]
fn the_examples_read_back_one_of_each_type_and_round_trip() {
    let import = import_rows(&numbered(example_rows()));
    assert!(import.problems.is_empty(), "{:?}", import.problems);
    let kinds: Vec<QuestionType> = import
        .bank
        .questions
        .iter()
        .map(|q| q.question_type())
        .collect();
    assert_eq!(kinds, QuestionType::ALL);
    let q = &import.bank.questions[0];
    assert_eq!(q.meta.points.to_string(), "2");
    assert_eq!(q.meta.cognitive, Some(Cognitive::C3));
    assert_eq!(q.meta.tags, ["uh1", "pecahan"]);
    let Body::MultipleResponse { options, .. } = &import.bank.questions[1].body else {
        panic!()
    };
    let weights: Vec<String> = options.iter().map(|o| o.weight.to_string()).collect();
    assert_eq!(weights, ["50", "0", "50", "0"]);
    let Body::Matching { pairs, .. } = &import.bank.questions[3].body else {
        panic!()
    };
    assert!(pairs[3].prompt.is_empty() && pairs[3].answer == "Medan");
    let Body::Numeric { answers, .. } = &import.bank.questions[5].body else {
        panic!()
    };
    assert!(answers[0].accept.accepts(Decimal::parse("3.15").unwrap()));

    // Written to rows and read again: the same questions.
    let (rows, notes) = export_rows(&import.bank);
    assert!(notes.is_empty());
    let again = import_rows(&numbered(rows));
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.bank.questions, import.bank.questions);
}

#[test]
fn bad_cells_are_named_and_good_rows_are_taken() {
    let mut rows = example_rows();
    rows[0][9] = "G".into(); // row 2: no option G
    rows[1][0] = "pilihan".into(); // row 3: not a type
    rows[2][9] = "mungkin".into(); // row 4: neither benar nor salah
    rows[6][10] = "nol".into(); // row 8: points
    let import = import_rows(&numbered(rows));
    let places: Vec<String> = import
        .problems
        .iter()
        .map(|p| p.place.to_string())
        .collect();
    assert_eq!(
        places,
        [
            "row 2, column J (correct)",
            "row 3, column A (type)",
            "row 4, column J (correct)",
            "row 8, column K (points)",
        ]
    );
    assert!(import.problems[0]
        .message
        .contains("G is not one of the filled options (A–D)"));
    assert_eq!(import.bank.questions.len(), 3);

    // A header that is not the template's.
    let bad = import_rows(&[(1, vec!["soal".into(), "jenis".into()])]);
    let said: Vec<String> = bad.problems.iter().map(ToString::to_string).collect();
    assert!(said[0].starts_with("row 1, column A (soal)"), "{said:?}");
    assert!(
        said.iter()
            .any(|s| s.contains("the column type is missing")),
        "{said:?}"
    );
}
