//! `schooldesk fees` as a bursar's desk runs it (issue 17, items 3, 5 and
//! 8), on the demo school and its fee plan: a month invoiced, the arrears
//! as CSV, a payment booked (its receipt number printed), the receipt
//! printed as PDF and read back with pdftotext (number, amount in figures
//! and in Indonesian words), a reprint marked SALINAN, bad input refused
//! naming the field, and the day's cash report. The rules are tested in
//! schooldesk-app's tests/fees.rs.

mod common;

use chrono::Datelike;
use common::*;

#[test]
fn a_day_at_the_bursars_desk_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, logins) = demo_school(dir.path());
    let admin = login_of(&logins, "admin");

    // The demo's year is the one today falls in: bill this month.
    let period = chrono::Local::now().format("%Y-%m").to_string();
    let run = schooldesk(&db, &admin, &["fees", "invoice", "--period", &period]);
    assert!(run.status.success(), "{}", text(&run));
    assert!(text(&run).contains("new invoice(s)"), "{}", text(&run));
    let again = schooldesk(&db, &admin, &["fees", "invoice", "--period", &period]);
    assert!(
        text(&again).contains("0 student(s) billed"),
        "{}",
        text(&again)
    );

    let arrears = schooldesk(
        &db,
        &admin,
        &["fees", "arrears", "--csv", "--as-of", "2100-01-01"],
    );
    assert!(arrears.status.success(), "{}", text(&arrears));
    let csv = String::from_utf8_lossy(&arrears.stdout).into_owned();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("nisn,name,class,months,oldest,owed"));
    let first: Vec<&str> = lines.next().expect("someone owes").split(',').collect();
    let nisn = first[0].to_string();
    assert!(first[4] <= period.as_str(), "{csv}");
    let owed: i64 = first[5].parse().unwrap();
    assert!(owed >= 150_000, "{csv}");

    // Bad input: named, and nothing booked.
    for (amount, field) in [("0", "amount"), ("-5000", "amount"), ("25.00", "amount")] {
        let bad = schooldesk(
            &db,
            &admin,
            &["fees", "pay", "--student", &nisn, "--amount", amount],
        );
        assert!(!bad.status.success(), "{amount}");
        assert!(text(&bad).contains(field), "{amount}: {}", text(&bad));
    }
    let bad = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "pay",
            "--student",
            &nisn,
            "--amount",
            "1000",
            "--method",
            "transfer",
        ],
    );
    assert!(!bad.status.success());
    assert!(text(&bad).contains("reference"), "{}", text(&bad));
    let bad = schooldesk(
        &db,
        &admin,
        &["fees", "pay", "--student", "9999999999", "--amount", "1000"],
    );
    assert!(text(&bad).contains("9999999999"), "{}", text(&bad));

    let pay = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "pay",
            "--student",
            &nisn,
            "--amount",
            "Rp 150.000",
            "--payer",
            "Ibu Siti",
        ],
    );
    assert!(pay.status.success(), "{}", text(&pay));
    let year = chrono::Local::now().format("%Y").to_string();
    let receipt = String::from_utf8_lossy(&pay.stdout).trim().to_string();
    // The demo's own payments took the year's first numbers (if its
    // months fell in this year): this one is the next, whatever it is.
    assert!(
        receipt.starts_with(&format!("{year}-")) && receipt.len() == 10,
        "{receipt}"
    );

    let pdf = dir.path().join("kwitansi.pdf");
    let print = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "receipt",
            &receipt,
            "--out",
            &pdf.display().to_string(),
        ],
    );
    assert!(print.status.success(), "{}", text(&print));
    let words = pdftotext(&pdf);
    assert!(words.contains("KWITANSI"), "{words}");
    assert!(words.contains(&receipt), "{words}");
    assert!(words.contains("Rp 150.000"), "{words}");
    assert!(words.contains("seratus lima puluh ribu rupiah"), "{words}");
    assert!(words.contains("Ibu Siti"), "{words}");
    assert!(!words.contains("SALINAN"), "{words}");
    let copy = dir.path().join("kwitansi-2.pdf");
    let reprint = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "receipt",
            &receipt,
            "--out",
            &copy.display().to_string(),
            "--language",
            "en",
        ],
    );
    assert!(text(&reprint).contains("(copy)"), "{}", text(&reprint));
    let words = pdftotext(&copy);
    assert!(
        words.contains("COPY") && words.contains("RECEIPT"),
        "{words}"
    );
    assert!(
        words.contains("one hundred fifty thousand rupiah"),
        "{words}"
    );

    let missing = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "receipt",
            &format!("{year}-99999"),
            "--out",
            &dir.path().join("missing.pdf").display().to_string(),
        ],
    );
    assert!(!missing.status.success());
    assert!(text(&missing).contains("no receipt"), "{}", text(&missing));

    // The demo paid for some students in earlier months.
    let earlier = schooldesk(
        &db,
        &admin,
        &["fees", "arrears", "--csv", "--as-of", "2100-01-01"],
    );
    assert!(String::from_utf8_lossy(&earlier.stdout).lines().count() > 2);
    let day = schooldesk(&db, &admin, &["fees", "day"]);
    assert!(day.status.success(), "{}", text(&day));
    assert!(text(&day).contains("cash Rp 150.000"), "{}", text(&day));
    let statement = schooldesk(&db, &admin, &["fees", "statement", "--student", &nisn]);
    assert!(
        text(&statement).contains("paid Rp 150.000"),
        "{}",
        text(&statement)
    );

    // The printed reports (item 5): each PDF read back holds the totals
    // the same command prints as text.
    let arrears_pdf = dir.path().join("tunggakan.pdf");
    let arrears = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "arrears",
            "--csv",
            "--as-of",
            "2100-01-01",
            "--pdf",
            &arrears_pdf.display().to_string(),
        ],
    );
    assert!(arrears.status.success(), "{}", text(&arrears));
    let owed: i64 = String::from_utf8_lossy(&arrears.stdout)
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().unwrap().parse::<i64>().unwrap())
        .sum();
    let words = pdftotext(&arrears_pdf);
    let total = words
        .lines()
        .find(|l| l.contains("JUMLAH TUNGGAKAN"))
        .unwrap_or_else(|| panic!("no total:\n{words}"));
    assert!(total.trim_end().ends_with(&rupiah(owed)), "{total}");
    assert!(
        words.contains("SMP NEGERI") && words.contains("Kelas VII"),
        "{words}"
    );

    let day_pdf = dir.path().join("kas.pdf");
    let day = schooldesk(
        &db,
        &admin,
        &["fees", "day", "--pdf", &day_pdf.display().to_string()],
    );
    assert!(day.status.success(), "{}", text(&day));
    let words = pdftotext(&day_pdf);
    assert!(words.contains("LAPORAN KAS HARIAN"), "{words}");
    assert!(
        words.contains(&receipt) && words.contains("Ibu Siti"),
        "{words}"
    );
    assert!(words.contains("BELUM DITUTUP"), "{words}");
    let drawer = words.lines().find(|l| l.contains("KAS DI LACI")).unwrap();
    assert!(drawer.trim_end().ends_with("Rp 150.000"), "{drawer}");
    let closed = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "day",
            "--close",
            "--language",
            "en",
            "--pdf",
            &day_pdf.display().to_string(),
        ],
    );
    assert!(closed.status.success(), "{}", text(&closed));
    let words = pdftotext(&day_pdf);
    assert!(
        words.contains("DAY CLOSED") && !words.contains("NOT CLOSED"),
        "{words}"
    );

    let income_pdf = dir.path().join("income.pdf");
    let income = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "income",
            "--from",
            &period,
            "--to",
            &period,
            "--language",
            "en",
            "--pdf",
            &income_pdf.display().to_string(),
        ],
    );
    assert!(income.status.success(), "{}", text(&income));
    let out = String::from_utf8_lossy(&income.stdout).into_owned();
    let all = out.lines().find(|l| l.starts_with("in all:")).unwrap();
    let words = pdftotext(&income_pdf);
    let total = words.lines().find(|l| l.contains("GRAND TOTAL")).unwrap();
    // "in all: billed Rp 1, received Rp 2, outstanding Rp 3"
    for part in all.trim_start_matches("in all: ").split(", ") {
        let amount = part.split_once(' ').unwrap().1;
        assert!(total.contains(amount), "{amount} not in {total}");
    }

    let bad = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "income",
            "--from",
            &period,
            "--to",
            &period,
            "--language",
            "fr",
            "--pdf",
            "x.pdf",
        ],
    );
    assert!(!bad.status.success());
    assert!(text(&bad).contains("--language"), "{}", text(&bad));

    // The rest of the year in one run: a line per month, this month's
    // with nothing new; backwards is refused by name.
    let today = chrono::Local::now().date_naive();
    let june = format!("{}-06", today.year() + i32::from(today.month() >= 7));
    let months = (today.year() * 12 + today.month() as i32 - 1)
        ..=(june[..4].parse::<i32>().unwrap() * 12 + 5);
    let year = ok(&schooldesk(
        &db,
        &admin,
        &["fees", "invoice", "--period", &period, "--through", &june],
    ));
    let lines: Vec<&str> = year
        .lines()
        .filter(|l| l.contains("student(s) billed"))
        .collect();
    assert_eq!(lines.len(), months.count(), "{year}");
    assert!(
        lines[0].starts_with(&format!("{period}: 0 student(s) billed")),
        "{year}"
    );
    assert!(lines.last().unwrap().starts_with(&june), "{year}");
    let backwards = schooldesk(
        &db,
        &admin,
        &["fees", "invoice", "--period", &june, "--through", &period],
    );
    assert_eq!(
        backwards.status.success(),
        period == june,
        "{}",
        text(&backwards)
    );
    if period != june {
        assert!(
            text(&backwards).contains("is before"),
            "{}",
            text(&backwards)
        );
    }
}

/// An amount as the reports print it: "Rp 1.250.000".
fn rupiah(amount: i64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("Rp {out}")
}

/// `schooldesk fees bank` (issue 17, item 4): a KlikBCA-style statement
/// previewed (nothing booked), confirmed (the sure line booked, the
/// unmatched one not), and confirmed again (nothing booked twice).
#[test]
fn a_bank_statement_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, logins) = demo_school(dir.path());
    let admin = login_of(&logins, "admin");
    let arrears = schooldesk(
        &db,
        &admin,
        &["fees", "arrears", "--csv", "--as-of", "2100-01-01"],
    );
    let csv = String::from_utf8_lossy(&arrears.stdout).into_owned();
    let nisn = csv
        .lines()
        .nth(1)
        .expect("someone owes")
        .split(',')
        .next()
        .unwrap()
        .to_string();
    let today = chrono::Local::now().format("%d/%m/%Y").to_string();
    let statement = dir.path().join("mutasi.csv");
    std::fs::write(
        &statement,
        format!(
            "Informasi Rekening - Mutasi Rekening\n\
             Periode : {today} - {today}\n\
             \n\
             Tanggal,Keterangan,Cabang,Jumlah,Saldo\n\
             {today},TRSF E-BANKING CR SPP {nisn},0000,\"150,000.00 CR\",\"1,150,000.00\"\n\
             {today},SETORAN TUNAI HAMBA ALLAH,0061,\"20,000.00 CR\",\"1,170,000.00\"\n\
             {today},BIAYA ADM,0000,\"5,000.00 DB\",\"1,165,000.00\"\n"
        ),
    )
    .unwrap();
    let file = statement.display().to_string();
    let preview = schooldesk(&db, &admin, &["fees", "bank", &file]);
    assert!(preview.status.success(), "{}", text(&preview));
    let shown = text(&preview);
    assert!(shown.contains("sure") && shown.contains(&nisn), "{shown}");
    assert!(shown.contains("unmatched"), "{shown}");
    assert!(
        shown.contains("2 credit line(s), 1 debit line(s)"),
        "{shown}"
    );
    assert!(shown.contains("nothing booked"), "{shown}");
    let booked = schooldesk(&db, &admin, &["fees", "bank", &file, "--confirm"]);
    assert!(booked.status.success(), "{}", text(&booked));
    assert!(
        text(&booked).contains("1 line(s) booked, 0 booked before"),
        "{}",
        text(&booked)
    );
    // Income by fee item and month, and the arrears, as workbooks too.
    let month = chrono::Local::now().format("%Y-%m").to_string();
    let book = dir.path().join("income.xlsx").display().to_string();
    let income = schooldesk(
        &db,
        &admin,
        &[
            "fees", "income", "--from", &month, "--to", &month, "--xlsx", &book,
        ],
    );
    assert!(income.status.success(), "{}", text(&income));
    assert!(
        text(&income).contains("in all: billed"),
        "{}",
        text(&income)
    );
    assert!(
        std::fs::read(&book).unwrap().starts_with(b"PK"),
        "an XLSX is a zip"
    );
    let arrears_book = dir.path().join("arrears.xlsx").display().to_string();
    let listed = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "arrears",
            "--as-of",
            "2100-01-01",
            "--xlsx",
            &arrears_book,
        ],
    );
    assert!(listed.status.success(), "{}", text(&listed));
    assert!(std::fs::read(&arrears_book).unwrap().starts_with(b"PK"));
    let day_book = dir.path().join("day.xlsx").display().to_string();
    let day = schooldesk(&db, &admin, &["fees", "day", "--xlsx", &day_book]);
    assert!(day.status.success(), "{}", text(&day));
    assert!(std::fs::read(&day_book).unwrap().starts_with(b"PK"));
    let again = schooldesk(&db, &admin, &["fees", "bank", &file, "--confirm"]);
    assert!(
        text(&again).contains("0 line(s) booked, 1 booked before"),
        "{}",
        text(&again)
    );
    // An unmatched row cannot be accepted.
    let refused = schooldesk(
        &db,
        &admin,
        &["fees", "bank", &file, "--confirm", "--accept", "6"],
    );
    assert!(!refused.status.success());
    assert!(text(&refused).contains("row 6"), "{}", text(&refused));
}

/// `schooldesk fees item add / item list / assign / discount` (issue 17,
/// item 8): an administrator sets a plan from the command line, a student
/// gets a discount, the next invoicing bills it; bad input is refused
/// naming the field, and a bursar may not set plans.
#[test]
fn fee_plans_and_discounts_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, logins) = demo_school(dir.path());
    let find = |role: &str| login_of(&logins, role);
    let admin = find("admin");

    let add = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "item",
            "add",
            "--name",
            "Kegiatan Pramuka",
            "--amount",
            "35.000",
        ],
    );
    assert!(add.status.success(), "{}", text(&add));
    assert!(text(&add).contains("Rp 35.000"), "{}", text(&add));
    let list = schooldesk(&db, &admin, &["fees", "item", "list"]);
    assert!(text(&list).contains("Kegiatan Pramuka"), "{}", text(&list));

    // Bad input, each named.
    for (args, needle) in [
        (
            vec!["item", "add", "--name", "X", "--amount", "-5"],
            "amount",
        ),
        (
            vec![
                "item",
                "add",
                "--name",
                "X",
                "--amount",
                "10",
                "--due-day",
                "31",
            ],
            "due day",
        ),
        (
            vec![
                "item", "add", "--name", "X", "--amount", "10", "--once", "2025-13",
            ],
            "2025-13",
        ),
        (
            vec!["assign", "--item", "Tidak Ada", "--grade", "7"],
            "Tidak Ada",
        ),
        (vec!["assign", "--item", "Kegiatan Pramuka"], "--grade"),
        (
            vec!["assign", "--item", "Kegiatan Pramuka", "--class", "XII-Z"],
            "XII-Z",
        ),
    ] {
        let mut all = vec!["fees"];
        all.extend(args.iter().copied());
        let bad = schooldesk(&db, &admin, &all);
        assert!(!bad.status.success(), "{args:?}");
        assert!(text(&bad).contains(needle), "{args:?}: {}", text(&bad));
    }

    let assign = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "assign",
            "--item",
            "kegiatan pramuka",
            "--grade",
            "7",
        ],
    );
    assert!(assign.status.success(), "{}", text(&assign));
    assert!(text(&assign).contains("grade 7"), "{}", text(&assign));

    // A student of grade 7, from the arrears list of a class of grade 7.
    let period = chrono::Local::now().format("%Y-%m").to_string();
    let run = schooldesk(&db, &admin, &["fees", "invoice", "--period", &period]);
    assert!(run.status.success(), "{}", text(&run));
    let arrears = schooldesk(
        &db,
        &admin,
        &["fees", "arrears", "--csv", "--as-of", "2100-01-01"],
    );
    let csv = String::from_utf8_lossy(&arrears.stdout).into_owned();
    let nisn = csv
        .lines()
        .skip(1)
        .find(|l| {
            l.split(',')
                .nth(2)
                .is_some_and(|c| c.starts_with("VII") && !c.starts_with("VIII"))
        })
        .unwrap_or_else(|| panic!("no grade 7 student:\n{csv}"))
        .split(',')
        .next()
        .unwrap()
        .to_string();

    for (args, needle) in [
        (vec!["--percent", "120", "--reason", "Beasiswa"], "value"),
        (
            vec!["--percent", "12,345", "--reason", "Beasiswa"],
            "percent",
        ),
        (
            vec!["--fixed", "0", "--reason", "Beasiswa"],
            "more than Rp 0",
        ),
        (vec!["--fixed", "1,5", "--reason", "Beasiswa"], "fixed"),
        (vec!["--percent", "50", "--reason", " "], "reason"),
        (vec!["--reason", "Beasiswa"], "--percent"),
    ] {
        let mut all = vec!["fees", "discount", "--student", &nisn];
        all.extend(args.iter().copied());
        let bad = schooldesk(&db, &admin, &all);
        assert!(!bad.status.success(), "{args:?}");
        assert!(text(&bad).contains(needle), "{args:?}: {}", text(&bad));
    }
    let given = schooldesk(
        &db,
        &admin,
        &[
            "fees",
            "discount",
            "--student",
            &nisn,
            "--item",
            "Kegiatan Pramuka",
            "--percent",
            "50",
            "--reason",
            "Anak yatim",
        ],
    );
    assert!(given.status.success(), "{}", text(&given));
    assert!(text(&given).contains("50,00 %"), "{}", text(&given));
    // Billed again: the discount is the only difference, one adjustment.
    let again = schooldesk(&db, &admin, &["fees", "invoice", "--period", &period]);
    assert!(
        text(&again).contains("1 adjustment line(s)"),
        "{}",
        text(&again)
    );
    assert!(
        text(&again).contains("-Rp 17.500")
            || text(&again).contains("Rp -17.500")
            || text(&again).contains("−Rp 17.500"),
        "{}",
        text(&again)
    );

    // Plans are the administrator's: a bursar is refused.
    if let Some((login, _, password)) = logins.iter().find(|c| c.1.contains("bursar")) {
        let refused = schooldesk(
            &db,
            &(login.clone(), password.clone()),
            &["fees", "item", "add", "--name", "Y", "--amount", "1000"],
        );
        assert!(!refused.status.success(), "{}", text(&refused));
    }
}
