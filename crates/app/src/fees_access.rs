//! Who sees fees beyond the bursar's desk (issue 17, items 6 and 3): the
//! school's fee settings (an administrator's), a homeroom teacher's view of
//! whether their own class's students are in arrears (only when the school
//! turned it on, and only a yes or no with the amount), and a family's own
//! receipts to print.
//!
//! What a family may not see is answered as *not found*, as a receipt that
//! does not exist: a parent learns nothing of another family's payments.
//! This module must not print or write files: the receipt's data goes to
//! the caller, which prints it through `schooldesk-print`.

use crate::auth::require;
use crate::fees::ReceiptView;
use crate::{App, AppError, AppResult};
use schooldesk_core::fees::{Rupiah, SETTINGS_ID};
use schooldesk_core::policy::{allowed, Action, Target};
use schooldesk_core::*;
use schooldesk_store::tables::Record;
use schooldesk_store::{Filter, Query, StoreError};
use std::collections::HashMap;

/// A student of a homeroom teacher's class: in arrears or not, and the
/// amount owed — nothing else of their fees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassArrearsRow {
    pub student_id: Id,
    pub name: String,
    pub nisn: String,
    pub in_arrears: bool,
    pub owed: Rupiah,
}

fn payment_not_found(id: Id) -> AppError {
    AppError::from(StoreError::NotFound {
        what: <Payment as Record>::TABLE.label,
        id: id.to_string(),
    })
}

impl App {
    /// The school's fee settings as stored (all off when never saved), with
    /// the version to save against (`None` when never saved). For the
    /// administrator.
    pub async fn fee_settings(&self, actor: &Actor) -> AppResult<(FeeSettings, Option<i64>)> {
        require(
            actor,
            Action::ManageFeePlans,
            &Target::School,
            "see the fee settings",
        )?;
        Ok(match self.stored_fee_settings().await? {
            Some(s) => (s.data.clone(), Some(s.version())),
            None => (
                FeeSettings {
                    homeroom_sees_arrears: false,
                },
                None,
            ),
        })
    }

    async fn stored_fee_settings(&self) -> AppResult<Option<Stored<FeeSettings>>> {
        Ok(self.store().find::<FeeSettings>(SETTINGS_ID).await?)
    }

    /// Saves the school's fee settings (audited, with the setting in words):
    /// `version` is the one [`App::fee_settings`] answered, `None` for the
    /// first save; a stale one is a conflict. For the administrator.
    pub async fn fee_settings_save(
        &self,
        actor: &Actor,
        settings: &FeeSettings,
        version: Option<i64>,
    ) -> AppResult<Stored<FeeSettings>> {
        require(
            actor,
            Action::ManageFeePlans,
            &Target::School,
            "change the fee settings",
        )?;
        let mut cs = self.changes(actor);
        // The event first: the change answers its last row, the settings.
        cs.event(
            "fee_settings_changed",
            "fee_settings",
            Some(SETTINGS_ID),
            Some(format!(
                "homeroom_sees_arrears: {}",
                if settings.homeroom_sees_arrears {
                    "on"
                } else {
                    "off"
                }
            )),
        );
        match version {
            Some(v) => cs.update(SETTINGS_ID, v, settings),
            None => cs.insert_with_id(SETTINGS_ID, settings),
        }
        Ok(self.store().commit_returning(cs).await?)
    }

    /// Whether the students of a class are in arrears, as of today: each
    /// student enrolled now with a yes or no and the amount owed of what
    /// was due. For the bursar and the administrator, and for the class's
    /// own homeroom teacher when the school turned it on — `None` while it
    /// is off (the teacher's screen then shows nothing of fees). Another
    /// class's homeroom teacher, and every other teacher, is refused.
    pub async fn fee_class_arrears(
        &self,
        actor: &Actor,
        class_id: Id,
    ) -> AppResult<Option<Vec<ClassArrearsRow>>> {
        require(
            actor,
            Action::ReadClassArrears,
            &Target::Class(class_id),
            "see whether this class's students are in arrears",
        )?;
        let office = allowed(actor, Action::ReadFees, &Target::School);
        if !office {
            let on = self
                .stored_fee_settings()
                .await?
                .is_some_and(|s| s.data.homeroom_sees_arrears);
            if !on {
                return Ok(None);
            }
        }
        let enrolled = self
            .store()
            .list::<Enrollment>(
                &Query::all()
                    .eq("class_id", class_id)
                    .filter(Filter::IsNull("end_date")),
            )
            .await?;
        let students = self
            .store()
            .list::<Student>(
                &Query::all()
                    .filter(Filter::In(
                        "id",
                        enrolled.iter().map(|e| e.data.student_id.into()).collect(),
                    ))
                    .order("full_name"),
            )
            .await?;
        let owed: HashMap<Id, Rupiah> = self
            .arrears_rows(None, self.today())
            .await?
            .into_iter()
            .map(|r| (r.student_id, r.owed))
            .collect();
        Ok(Some(
            students
                .into_iter()
                .map(|s| {
                    let owed = owed.get(&s.id()).copied().unwrap_or(0).max(0);
                    ClassArrearsRow {
                        student_id: s.id(),
                        name: s.data.full_name,
                        nisn: s.data.nisn,
                        in_arrears: owed > 0,
                        owed,
                    }
                })
                .collect(),
        ))
    }

    /// The receipt of one of the family's own payments, to print: for the
    /// student, their parents, and the office. Another family's payment is
    /// not found, as one that does not exist. A receipt the office (or the
    /// family) printed before is a copy; the caller marks it printed with
    /// [`App::fee_receipt_printed`] once its file is written, so the desk's
    /// next print of it says COPY too.
    pub async fn fee_receipt_of_payment(
        &self,
        actor: &Actor,
        payment_id: Id,
    ) -> AppResult<ReceiptView> {
        let payment = self
            .store()
            .find::<Payment>(payment_id)
            .await?
            .ok_or_else(|| payment_not_found(payment_id))?;
        let target = Target::Student {
            id: payment.data.student_id,
            class_ids: Vec::new(),
        };
        if !allowed(actor, Action::ReadFees, &target) {
            if actor.must_change_password {
                return Err(AppError::PasswordChangeRequired);
            }
            tracing::info!(login = %actor.login, "fees: another family's receipt asked for");
            return Err(payment_not_found(payment_id));
        }
        let copy = payment.data.prints > 0;
        self.receipt_view(payment, copy).await
    }

    /// A user's name as the school writes it (their display name), for a
    /// receipt's cashier and a report's "printed by"; their login when the
    /// account is gone.
    pub(crate) async fn display_name(&self, user_id: Option<Id>, login: &str) -> AppResult<String> {
        Ok(match user_id {
            Some(id) => self
                .store()
                .find::<User>(id)
                .await?
                .map_or_else(|| login.to_string(), |u| u.data.display_name),
            None => login.to_string(),
        })
    }
}
