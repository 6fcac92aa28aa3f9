//! `import` of a large CSV file, stored as it is read (issue 15): all of it or none of it,
//! whatever row is wrong and however far into the file, and each lead once, on both engines.

mod common;

use common::Followup;
use serde_json::Value;

/// A file of `rows` leads, each with its own email and phone, with `end` between lines.
fn leads(rows: usize, end: &str) -> String {
    let mut text = format!("Name,Company,Phone,Email{end}");
    for row in 0..rows {
        text.push_str(&format!(
            "Lead {row},Company {row},+1 555 {row:07},lead{row}@example.com{end}"
        ));
    }
    text
}

#[test]
fn a_bad_row_near_the_end_of_a_large_file_leaves_the_book_as_it_was() {
    let f = Followup::new();
    f.add("Dana Whitfield", &["--email", "dana@lakeside.example"]);
    f.add("Bo Berg", &["--phone", "555-0112"]);
    let before = f.snapshot();
    // Five thousand good rows, then a row with no name: rows 2 to 5001 are the leads.
    let mut text = leads(5_000, "\r\n");
    text.push_str(",Nameless Inc,555-0199,nobody@example.com\r\nLast Lead,,,\r\n");
    f.write("no-name.csv", &text);
    f.run(&["import", "no-name.csv"])
        .fails(2)
        .stderr_contains("row 5002: it has no name");
    assert_eq!(f.snapshot(), before);
    // A stray quote in the last row refuses the file before any row is read.
    let mut text = leads(5_000, "\n");
    text.push_str("Zed,5\" Screens,,zed@example.com\n");
    f.write("stray-quote.csv", &text);
    f.run(&["import", "stray-quote.csv"])
        .fails(2)
        .stderr_contains("row 5002: the Company cell holds a quote");
    assert_eq!(f.snapshot(), before);
}

#[test]
fn a_large_file_adds_each_lead_once_with_one_audit_row_each() {
    let f = Followup::new();
    f.add("Lead 7", &["--email", "LEAD7@example.com"]);
    // Every hundredth row repeats an earlier lead's email in capitals, and a few rows have
    // only a phone, two of them the same.
    let mut text = leads(3_000, "\n");
    for row in (0..3_000).step_by(100) {
        text.push_str(&format!("Again {row},,,LEAD{row}@EXAMPLE.COM\n"));
    }
    text.push_str("Phone Only,,+1 555 9999999,\nSame Phone,,1-555-999-9999,\n");
    f.write("leads.csv", &text);
    let dry = f.ok(&["import", "leads.csv", "--dry-run"]);
    assert!(
        dry.stdout.starts_with(
            "Dry run: would add 3000 prospects. Nothing was written.\nWould skip 32:\n  \
             row 9: Lead 7: already on file (same email)\n  \
             row 3002: Again 0: repeated in the file (same email)\n"
        ),
        "{}",
        dry.stdout
    );
    assert_eq!(dry.stdout.lines().count(), 2 + 32, "{}", dry.stdout);
    let run = f.ok(&["import", "leads.csv"]);
    assert_eq!(
        run.stdout,
        "Added 3000 prospects.\nSkipped 32:\n  1 already on file (same email)\n  \
         30 repeated in the file (same email)\n  1 repeated in the file (same phone, no email)\n"
    );
    let list = f.json(&["list", "--status", "all", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 3_001);
    let audit = f.json(&["audit", "--json"]);
    let imported: Vec<&Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["action"] == "import")
        .collect();
    assert_eq!(imported.len(), 3_000);
    // In the file's order, each naming its prospect.
    assert_eq!(imported[0]["new_value"], "Lead 0");
    assert_eq!(imported[7]["new_value"], "Lead 8");
    assert_eq!(imported[2_999]["new_value"], "Phone Only");
    // Importing the file again adds nobody.
    let again = f.ok(&["import", "leads.csv"]);
    assert_eq!(
        again.stdout,
        "Added 0 prospects.\nSkipped 3032:\n  3030 already on file (same email)\n  \
         2 already on file (same phone, no email)\n"
    );
}

/// What the header of a SQLite book says (https://www.sqlite.org/fileformat.html): whether it
/// is in WAL (bytes 18 and 19 are 2) and its change counter (bytes 24 to 27), which SQLite
/// advances at every commit under a rollback journal and never under WAL.
fn header(main: &[u8]) -> (bool, u32) {
    let wal = main[18] == 2 && main[19] == 2;
    let counter = u32::from_be_bytes(main[24..28].try_into().unwrap());
    (wal, counter)
}

/// A file of a megabyte or more is imported under SQLite's rollback journal, each new page
/// written once (store::journal): the book is back in WAL after it, whether it worked or not,
/// and a bad row at the end leaves every page of the book as it was. Only SQLite's change
/// counter tells that the journal changed twice (into the rollback journal and back).
#[test]
fn a_file_of_megabytes_leaves_the_book_in_wal_whether_it_goes_in_or_not() {
    let f = Followup::new();
    f.add("Dana Whitfield", &["--email", "dana@lakeside.example"]);
    let before = f.snapshot();
    let mut text = leads(20_000, "\n");
    assert!(text.len() >= 1 << 20, "the file is large enough");
    text.push_str(",Nameless Inc,555-0199,nobody@example.com\n");
    f.write("no-name.csv", &text);
    f.run(&["import", "no-name.csv"])
        .fails(2)
        .stderr_contains("row 20002: it has no name");
    let after = f.snapshot();
    assert_eq!(after.views, before.views);
    if f.server().is_none() {
        let (was_wal, was) = header(&before.files.main);
        let (wal, counter) = header(&after.files.main);
        assert!(was_wal && wal, "the book is in WAL before and after");
        assert_eq!(
            counter,
            was + 2,
            "the import ran under the rollback journal"
        );
        let mut main = after.files.main.clone();
        main[24..28].copy_from_slice(&before.files.main[24..28]);
        main[92..96].copy_from_slice(&before.files.main[92..96]);
        assert!(main == before.files.main, "a page of the book changed");
        assert_eq!(after.files.journal, None, "no rollback journal is left");
        assert_eq!(after.files.wal, before.files.wal);
    } else {
        assert_eq!(after.files, before.files);
    }
    // The same file without its bad row goes in, and the book is in WAL again.
    f.write("leads.csv", leads(20_000, "\n"));
    f.ok(&["import", "leads.csv"])
        .stdout_contains("Added 20000 prospects.");
    let list = f.json(&["list", "--status", "all", "--json"]);
    assert_eq!(list.as_array().unwrap().len(), 20_001);
    if f.server().is_none() {
        let files = f.db_files();
        let (wal, counter) = header(&files.main);
        assert!(wal, "the book is in WAL");
        // The two switches and the import's own commit.
        assert_eq!(counter, header(&after.files.main).1 + 3);
        assert_eq!(files.journal, None, "no rollback journal is left");
    }
}
