//! The UI asks the shell for the rules `crates/app` decides instead of
//! keeping copies of them (issue 11, item 7).

mod common;

use common::*;
use schooldesk_core::Role;
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::DomainRules;

#[tokio::test]
async fn the_rules_are_the_apps() {
    let tmp = tempfile::tempdir().unwrap();
    let shell = Shell::start(dirs(tmp.path()), true).await;
    set_up_with(&shell, "guru", "Bu Guru", "rahasia-guru-1", Role::Teacher).await;
    sign_in(&shell, "admin", "rahasia-sekolah").await;
    let (app, actor) = shell.actor().await.unwrap();
    let rules = DomainRules::from_app(&app, &actor).await.unwrap();

    // The set-up made the year today falls in: a new year's form offers
    // the next one, split as the app splits it.
    let today = app.today();
    let calendar = |start| schooldesk_app::calendar::standard_year(start);
    let expected = calendar(schooldesk_app::calendar::school_year_of(today) + 1);
    let year = &rules.proposed_year;
    assert_eq!(year.name, expected.name);
    assert_eq!(
        (year.start_date, year.end_date),
        (expected.start_date, expected.end_date)
    );
    assert!(today < year.start_date, "{year:?} is after today");
    let split: Vec<_> = year
        .semesters
        .iter()
        .map(|t| (t.start_date, t.end_date))
        .collect();
    assert_eq!(split, expected.semesters);
    assert_eq!(split.len(), 2);

    // Once that year is there too, the one after it.
    app.create_year_with_semesters(
        &actor,
        &schooldesk_core::AcademicYear {
            name: expected.name.clone(),
            start_date: expected.start_date,
            end_date: expected.end_date,
            is_current: false,
        },
    )
    .await
    .unwrap();
    let again = DomainRules::from_app(&app, &actor).await.unwrap();
    assert_eq!(
        again.proposed_year.name,
        calendar(schooldesk_app::calendar::school_year_of(today) + 2).name
    );

    let json = serde_json::to_value(&rules.genders).unwrap();
    assert_eq!(
        json,
        serde_json::json!([
            { "value": "male", "code": "L", "label": "gender_male" },
            { "value": "female", "code": "P", "label": "gender_female" },
        ])
    );
}
