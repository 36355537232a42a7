//! The fee screens' reads (issue 17, helper "feesui";
//! `crates/app/src/fees_view.rs`), on both backends: a year's fee
//! assignments, the discounts given (the active first), the arrears as an
//! XLSX workbook read back cell by cell — and who may see them.

mod common;

use common::fees::*;
use common::*;
use schooldesk_app::sheet::{read_rows, Format};
use schooldesk_core::descriptions::Lang;
use schooldesk_core::*;

fn to_grade(item: Id, grade: i64) -> FeeAssignment {
    FeeAssignment {
        fee_item_id: item,
        grade_level: Some(grade),
        class_id: None,
        student_id: None,
    }
}

both! {
    /// The plan as the administrator's screen lists it, the arrears as a
    /// workbook, and nobody else's eyes on them.
    async fn plan_lists_and_the_arrears_workbook(b: Backend) {
        let w = world(b).await;
        let spp = w.app.fee_item_save(&w.admin, None, &monthly(w.year, "SPP", 250_000)).await.unwrap();
        let lab = w.app.fee_item_save(&w.admin, None, &monthly(w.year, "Praktikum", 20_000)).await.unwrap();
        w.app.fee_assign(&w.admin, &to_grade(spp.id(), 7)).await.unwrap();
        w.app
            .fee_assign(
                &w.admin,
                &FeeAssignment {
                    fee_item_id: lab.id(),
                    grade_level: None,
                    class_id: Some(w.class_b),
                    student_id: None,
                },
            )
            .await
            .unwrap();
        let mut listed: Vec<(Id, Option<i64>, Option<Id>)> = w
            .app
            .fee_assignments_of_year(&w.bursar, w.year)
            .await
            .unwrap()
            .into_iter()
            .map(|a| (a.data.fee_item_id, a.data.grade_level, a.data.class_id))
            .collect();
        listed.sort();
        let mut expected = vec![(spp.id(), Some(7), None), (lab.id(), None, Some(w.class_b))];
        expected.sort();
        assert_eq!(listed, expected);
        // A year with no fee items has none of them.
        assert!(w.app.fee_assignments_of_year(&w.admin, new_id()).await.unwrap().is_empty());

        // Discounts: the active first, an ended one kept.
        let discount = |reason: &str| FeeDiscount {
            student_id: w.own_student,
            fee_item_id: None,
            kind: "percent".into(),
            value: 5_000,
            reason: reason.into(),
            active: true,
        };
        let orphan = w.app.fee_discount_give(&w.admin, &discount("Yatim")).await.unwrap();
        w.app.fee_discount_give(&w.admin, &discount("Saudara kandung")).await.unwrap();
        w.app.fee_discount_end(&w.admin, orphan.id(), orphan.version()).await.unwrap();
        let given: Vec<(String, bool)> = w
            .app
            .fee_discounts_given(&w.bursar)
            .await
            .unwrap()
            .into_iter()
            .map(|d| (d.data.reason, d.data.active))
            .collect();
        assert_eq!(given, vec![("Saudara kandung".to_string(), true), ("Yatim".to_string(), false)]);

        // The arrears of August as a workbook: headers in the language
        // asked, the amounts whole rupiah, the largest first.
        w.app.fee_invoice_period(&w.bursar, "2025-08").await.unwrap();
        let bytes = w
            .app
            .fee_arrears_workbook(&w.bursar, None, date(2025, 8, 31), Lang::Id)
            .await
            .unwrap();
        let rows: Vec<Vec<String>> = read_rows(Format::Xlsx, &bytes).unwrap().into_iter().map(|(_, r)| r).collect();
        assert_eq!(rows[0], ["NISN", "Nama", "Rombel", "Bulan", "Bulan terlama", "Tunggakan (Rp)"]);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert_eq!(rows[1][2], "VII-B");
        assert_eq!(rows[1][5], "270000", "SPP and Praktikum");
        assert_eq!(rows[2][5], "125000", "SPP less the 50 % discount");
        assert_eq!((rows[2][3].as_str(), rows[2][4].as_str()), ("1", "2025-08"));
        let one_class = w
            .app
            .fee_arrears_workbook(&w.admin, Some(w.class_a), date(2025, 8, 31), Lang::En)
            .await
            .unwrap();
        let rows = read_rows(Format::Xlsx, &one_class).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1[1], "Name");

        // Teachers, students and parents see none of it.
        for (who, actor) in [("teacher", &w.teacher), ("homeroom", &w.homeroom), ("student", &w.student), ("parent", &w.parent)] {
            assert_eq!(w.app.fee_assignments_of_year(actor, w.year).await.unwrap_err().kind(), "forbidden", "{who}");
            assert_eq!(w.app.fee_discounts_given(actor).await.unwrap_err().kind(), "forbidden", "{who}");
            assert_eq!(
                w.app.fee_arrears_workbook(actor, None, date(2025, 8, 31), Lang::Id).await.unwrap_err().kind(),
                "forbidden",
                "{who}"
            );
        }
    }
}
