//! The UI's TypeScript bindings, generated from the Rust types and the
//! `commands!` list: `ui/src/bindings.ts`. The test below fails when the
//! committed file differs from what the code generates; run it with
//! `UPDATE_BINDINGS=1` to rewrite the file.

use crate::commands::signatures;
use crate::fees::*;
use crate::local::{LocalDraft, LocalRecent};
use crate::printing::{PrintJob, PrintScope, PrintSettings, PrintTarget};
use crate::qbank::*;
use crate::timetable_import::*;
use crate::timetabling::*;
use crate::wire::*;
use schooldesk_core::*;
use ts_rs::{Config, TS};

fn config() -> Config {
    // JSON numbers, not bigint: counts and versions stay far below 2^53.
    Config::new().with_large_int("number")
}

fn declare<T: TS>(cfg: &Config, out: &mut String) {
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    out.push_str("\n\n");
}

/// The whole `bindings.ts` text.
pub fn typescript() -> String {
    let cfg = config();
    let mut out = String::from(
        "// Generated from src-tauri (commands.rs, wire.rs) and crates/core by\n\
         // `UPDATE_BINDINGS=1 cargo test -p schooldesk-desktop bindings`. Do not edit.\n\
         import { invoke, invokeWithBytes } from \"./platform\";\n\n",
    );
    macro_rules! declare_all {
        ($($t:ty),* $(,)?) => { $( declare::<$t>(&cfg, &mut out); )* };
    }
    declare_all!(
        UiError,
        UiFieldError,
        UiRowProblem,
        UiConflict,
        Rec<()>,
        Connection,
        ServerTls,
        ConnectionCheck,
        Startup,
        SessionInfo,
        NewUserForm,
        Count,
        Dashboard,
        MyClass,
        TaughtSubject,
        MyStudent,
        InitialLogin,
        ClassLogins,
        LoginLink,
        Person,
        Abilities,
        SampleLogin,
        TermDates,
        DomainRules,
        YearProposal,
        GenderRule,
        StudentDetail,
        StudentRow,
        SheetKind,
        SheetFormat,
        ImportSummary,
        ImportPreview,
        Role,
        Gender,
        StudentStatus,
        School,
        AcademicYear,
        Term,
        User,
        Teacher,
        Student,
        Guardian,
        Class,
        Enrollment,
        Subject,
        Room,
        TeachingAssignment,
        AuditEvent,
        LocalDraft,
        LocalRecent,
        // issue 12: printing
        PrintScope,
        PrintSettings,
        PrintTarget,
        PrintJob,
        // issue 12: the gradebook
        SignoffStatus,
        GradebookChoice,
        BandView,
        ComponentView,
        SchemeView,
        GradebookColumn,
        GradebookStudent,
        GradebookScore,
        GradebookFinal,
        MySubjectResult,
        MyResults,
        MyTermResults,
        CardCheck,
        Gradebook,
        CellInput,
        ComponentInput,
        SchemeInput,
        // issue 12: attendance, descriptions, notes
        AttendanceStatus,
        GridStudent,
        AttendanceDay,
        AttendanceCell,
        AttendanceMonthView,
        AttendanceMarkInput,
        AttendanceTotals,
        DescriptionChoice,
        ObjectiveForm,
        TickKind,
        ObjectiveTick,
        DescriptionRow,
        DescriptionSheetView,
        PromotionKind,
        TermReportForm,
        TermReportRow,
        TermReportView,
        LearningObjective,
        CommentBankEntry,
        Extracurricular,
        ExtracurricularResult,
        GradesImported,
        // ttui (issue 14): timetable screens
        BellPeriod,
        TimetableRule,
        TermTimetable,
        WeekView,
        LessonRow,
        PlanLine,
        TimetableRow,
        EntryView,
        OwnTimetableView,
        MyTimetableView,
        GenerationResult,
        GenerationStatus,
        CellVerdictView,
        MovedView,
        SoftItemView,
        ScoreView,
        CandidateView,
        CoverView,
        CoverNeedView,
        CoverDayView,
        // ttui (issue 14): the tray, the cover history
        TrayBlockView,
        PlacedView,
        CoverItemView,
        CoverTallyView,
        // ttio (issue 14): the FET import screen
        FetNameView,
        FetLessonView,
        FetRuleView,
        FetDayView,
        FetNotTakenView,
        FetPreviewView,
        FetImportedView,
        // feesui (issue 17): fee screens
        FeeItem,
        FeeAssignment,
        FeeDiscount,
        Payment,
        FeeRefund,
        CashDay,
        FeeStudent,
        FeeLineView,
        FeeMonthView,
        FeePaymentView,
        FeeStatementView,
        PaymentForm,
        FeeAllocationView,
        FeeBookedView,
        ReceiptLineView,
        ReceiptPrinted,
        DayReportView,
        FeeStudentName,
        InvoiceRunView,
        ArrearsView,
        BankLineView,
        BankPreviewView,
        BankConfirmLine,
        BankBookedLine,
        BankBookedView,
        // fees (issue 17): settings, a homeroom class's arrears
        FeeSettings,
        FeeSettingsView,
        ClassArrearsView,
        // qbui (issue 13): question-bank screens
        QbRichText,
        QbBlock,
        QbInline,
        QbStyle,
        QbScript,
        QbImageRef,
        QbQuestion,
        QbBody,
        QbOption,
        QbPair,
        QbTextAnswer,
        QbNumericAnswer,
        QbAccept,
        QbCriterion,
        QbMeta,
        QbScope,
        QbSearch,
        QbRow,
        QbOpened,
        QbSaved,
        QbNewImage,
        QbDuplicate,
        QbProblem,
        QbPreviewQuestion,
        QbImportPreview,
        QbImportDone,
        ExamPaper,
        QbBlueprintRow,
        QbBlueprint,
        QbSection,
        QbPaperForm,
        QbPaperItem,
        QbPaper,
        QbShortage,
        QbFilled,
        QbPrintForm,
        QbPreviewForm,
        QbStimulus,
        QbResultRow,
        QbResults,
        QbOptionCount,
        QbItemLine,
        QbAnalysis,
        QbPrinted,
        QbMoveItem,
        QbGradebookSlot,
        QbSentScore,
        QbSent,
    );
    out.push_str("/** Every command of the shell; each rejects with a `UiError`. */\nexport const commands = {\n");
    for sig in signatures(&cfg) {
        for line in sig.doc.lines().filter(|l| !l.trim().is_empty()) {
            out.push_str(&format!("  /** {} */\n", line.trim()));
        }
        let mut params: Vec<String> = sig
            .args
            .iter()
            .map(|(name, ty)| format!("{name}: {ty}"))
            .collect();
        let names: Vec<&str> = sig.args.iter().map(|(name, _)| *name).collect();
        let call = match sig.body {
            Some(body) => {
                params.insert(0, format!("{body}: Uint8Array"));
                format!(
                    "invokeWithBytes(\"{}\", {body}, {{ {} }})",
                    sig.name,
                    names.join(", ")
                )
            }
            None if names.is_empty() => format!("invoke(\"{}\")", sig.name),
            None => format!("invoke(\"{}\", {{ {} }})", sig.name, names.join(", ")),
        };
        out.push_str(&format!(
            "  {}: ({}): Promise<{}> => {},\n",
            sig.name,
            params.join(", "),
            sig.ret,
            call
        ));
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_are_current() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let generated = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/bindings.ts is out of date with the Rust types; run \
             `UPDATE_BINDINGS=1 cargo test -p schooldesk-desktop bindings` and commit it"
        );
    }
}
