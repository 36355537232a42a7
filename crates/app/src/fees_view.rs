//! What the desktop's fee screens need beyond `fees.rs` and `fees_bank.rs`
//! (issue 17, helper "feesui"): the arrears list as a workbook to hand on,
//! and the plan's assignments and discounts to list. It reads through the fee use-cases (their permission checks included)
//! and writes nothing to the database or to disk: the caller writes the
//! bytes where the user chose.

use crate::auth::require;
use crate::sheet::{write_sheet, Format};
use crate::{App, AppResult};
use chrono::NaiveDate;
use schooldesk_core::descriptions::Lang;
use schooldesk_core::policy::{Action, Target};
use schooldesk_core::{Actor, FeeAssignment, FeeDiscount, Id, Stored};
use schooldesk_store::{Filter, Query};

impl App {
    /// The arrears due by `as_of` (one class's, or the school's) as an
    /// XLSX workbook with headers in `lang`: NISN, name, class, months,
    /// the oldest month and the amount owed in whole rupiah. For the
    /// bursar and the administrator, as [`App::fee_arrears`].
    pub async fn fee_arrears_workbook(
        &self,
        actor: &Actor,
        class_id: Option<Id>,
        as_of: NaiveDate,
        lang: Lang,
    ) -> AppResult<Vec<u8>> {
        let rows = self.fee_arrears(actor, class_id, as_of).await?;
        let headers = match lang {
            Lang::Id => [
                "NISN",
                "Nama",
                "Rombel",
                "Bulan",
                "Bulan terlama",
                "Tunggakan (Rp)",
            ],
            Lang::En => [
                "NISN",
                "Name",
                "Class",
                "Months",
                "Oldest month",
                "Owed (Rp)",
            ],
        };
        let cells: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| {
                vec![
                    r.nisn,
                    r.name,
                    r.class,
                    r.months.to_string(),
                    r.oldest.unwrap_or_default(),
                    r.owed.to_string(),
                ]
            })
            .collect();
        write_sheet(Format::Xlsx, &headers, &cells)
    }
}

impl App {
    /// Who the fee items of a year are billed to (grade levels, classes,
    /// single students): the administrator's plan screen.
    pub async fn fee_assignments_of_year(
        &self,
        actor: &Actor,
        year_id: Id,
    ) -> AppResult<Vec<Stored<FeeAssignment>>> {
        require(
            actor,
            Action::ReadFees,
            &Target::School,
            "see the fee plans",
        )?;
        let items: Vec<Id> = self
            .fee_items(actor, year_id)
            .await?
            .iter()
            .map(|i| i.id())
            .collect();
        if items.is_empty() {
            return Ok(Vec::new());
        }
        Ok(self
            .store()
            .list::<FeeAssignment>(&Query::all().filter(Filter::In(
                "fee_item_id",
                items.into_iter().map(Into::into).collect(),
            )))
            .await?)
    }

    /// The discounts given, the active ones first: the administrator's
    /// plan screen.
    pub async fn fee_discounts_given(&self, actor: &Actor) -> AppResult<Vec<Stored<FeeDiscount>>> {
        require(
            actor,
            Action::ReadFees,
            &Target::School,
            "see the discounts",
        )?;
        let mut all = self.store().list::<FeeDiscount>(&Query::all()).await?;
        all.sort_by_key(|d| !d.data.active);
        Ok(all)
    }
}
