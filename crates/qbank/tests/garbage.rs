//! Hostile input: every importer takes any text without panicking, and
//! whatever it takes passes validation (issue 13, item 3).

use schooldesk_qbank::variant::Prng;
use schooldesk_qbank::*;

const PIECES: &[&str] = &[
    "{",
    "}",
    "~",
    "=",
    "#",
    ":",
    "::",
    "\\",
    "\\:",
    "%",
    "%50%",
    "->",
    "..",
    "\n",
    "\n\n",
    "//",
    "$CATEGORY:",
    "[html]",
    "[markdown]",
    "<b>",
    "</b>",
    "<p>",
    "<img src=\"x\">",
    "&amp;",
    "&#x;",
    "&",
    "\\(",
    "\\)",
    "$$",
    "A. ",
    "B) ",
    "ANSWER: A",
    "ANSWER:",
    "T",
    "FALSE",
    "1",
    "-2.5",
    "é",
    "ß",
    "😀",
    " ",
    "<quiz>",
    "</quiz>",
    "<question type=\"multichoice\">",
    "</question>",
    "<text>",
    "</text>",
    "<answer fraction=\"100\">",
    "</answer>",
    "<![CDATA[",
    "]]>",
    "<file name=\"a\" encoding=\"base64\">",
    "</file>",
    "<li>",
    "<td>",
    "<table>",
    "</ul>",
];

#[test]
fn random_text_never_panics_and_what_is_taken_is_valid() {
    let mut rng = Prng::new(13);
    let mut taken = [0usize; 3];
    for round in 0..3000 {
        let n = rng.below(40) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[rng.below(PIECES.len() as u64) as usize])
            .collect();
        for (k, (name, import)) in [
            ("gift", gift::import(&text)),
            ("aiken", aiken::import(&text)),
            (
                "moodle",
                moodle_xml::import(&format!("<?xml version=\"1.0\"?><quiz>{text}</quiz>")),
            ),
        ]
        .into_iter()
        .enumerate()
        {
            taken[k] += import.bank.questions.len();
            assert_eq!(
                import.bank.validate(),
                vec![],
                "{name} round {round}: {text:?}"
            );
            // What we take, we can write and read back the same.
            // (unless the writer says it had to leave something out).
            if name == "gift" {
                let out = gift::export(&import.bank);
                if out.notes.iter().all(|n| !n.message.contains("left out")) {
                    let again = gift::import(&out.text);
                    assert_eq!(
                        again.bank, import.bank,
                        "round {round}: {text:?}\n{}",
                        out.text
                    );
                }
            }
            if name == "moodle" {
                let out = moodle_xml::export(&import.bank);
                let again = moodle_xml::import(&out.text);
                assert_eq!(
                    again.bank, import.bank,
                    "round {round}: {text:?}\n{}",
                    out.text
                );
            }
        }
    }
    // The rounds reach past the GIFT reader's checks: questions are taken (the
    // Aiken and Moodle XML rounds only prove they never panic).
    assert!(taken[0] > 50, "{taken:?}");
}
