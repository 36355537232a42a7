//! The UI asks the shell for the rules `crates/app` decides instead of
//! keeping copies of them (issue 11, item 7).

mod common;

use common::*;
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::DomainRules;

#[tokio::test]
async fn the_rules_are_the_apps() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), true).await;
    let app = shell.app().await.unwrap();
    let rules = DomainRules::from_app(&app);

    let today = app.today();
    let expected =
        schooldesk_app::calendar::standard_year(schooldesk_app::calendar::school_year_of(today));
    let year = &rules.proposed_year;
    assert_eq!(year.name, expected.name);
    assert_eq!(
        (year.start_date, year.end_date),
        (expected.start_date, expected.end_date)
    );
    assert!(
        year.start_date <= today && today <= year.end_date,
        "{year:?} holds today"
    );
    let split: Vec<_> = year
        .semesters
        .iter()
        .map(|t| (t.start_date, t.end_date))
        .collect();
    assert_eq!(split, expected.semesters);
    assert_eq!(split.len(), 2);

    let json = serde_json::to_value(&rules.genders).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            { "value": "male", "code": "L", "label": "gender_male" },
            { "value": "female", "code": "P", "label": "gender_female" },
        ])
    );
}
