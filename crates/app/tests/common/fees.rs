//! The fee tests' set-up (tests/fees.rs, fees_print.rs, fees_access.rs):
//! a monthly fee item, a cash payment, and a fee billed to a grade.

use super::World;
use schooldesk_app::fees::{Method, NewPayment};
use schooldesk_core::*;

/// A monthly fee item of `year`, due on the 10th.
pub fn monthly(year: Id, name: &str, amount: i64) -> FeeItem {
    FeeItem {
        academic_year_id: year,
        name: name.into(),
        amount,
        schedule: "monthly".into(),
        once_period: None,
        due_day: 10,
        active: true,
    }
}

/// A cash payment for the student, allocated oldest first.
pub fn cash(student_id: Id, amount: i64) -> NewPayment {
    NewPayment {
        student_id,
        amount,
        method: Method::Cash,
        reference: None,
        paid_on: None,
        payer: None,
        invoices: None,
    }
}

/// Adds a monthly fee item (by the administrator) billed to a grade level.
pub async fn monthly_for_grade(w: &World, name: &str, amount: i64, grade: i64) -> Stored<FeeItem> {
    let item = w
        .app
        .fee_item_save(&w.admin, None, &monthly(w.year, name, amount))
        .await
        .unwrap();
    bill_to_grade(w, item.id(), grade).await;
    item
}

/// Bills a fee item to every class of a grade level.
pub async fn bill_to_grade(w: &World, fee_item_id: Id, grade: i64) {
    w.app
        .fee_assign(
            &w.admin,
            &FeeAssignment {
                fee_item_id,
                grade_level: Some(grade),
                class_id: None,
                student_id: None,
            },
        )
        .await
        .unwrap();
}
