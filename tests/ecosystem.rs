//! followup among other tools: CSV and JSON files in and out, a calendar feed, shell
//! completions, a man page, and output that behaves in pipes. Every test runs the real binary
//! with a cleared environment, a fresh database and a pinned clock.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// Monday.
const NOW: &str = "2026-11-23T10:00";

struct Book {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Book {
    fn new() -> Book {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("followup.db");
        Book { dir, db }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_followup"));
        command
            .args(args)
            .env_clear()
            .env("HOME", self.dir.path())
            .env("FOLLOWUP_DB", &self.db)
            .env("FOLLOWUP_NOW", NOW)
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "followup {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    /// The stderr of a command expected to fail with `code`.
    #[track_caller]
    fn fails(&self, args: &[&str], code: i32) -> String {
        let output = self.run(args);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(
            output.status.code(),
            Some(code),
            "followup {args:?}: {stderr}"
        );
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        stderr
    }

    #[track_caller]
    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    fn prospects(&self) -> Vec<Value> {
        match self.json(&["list", "--status", "all", "--json"]) {
            Value::Array(items) => items,
            other => panic!("{other}"),
        }
    }

    fn import(&self, name: &str, text: &str, extra: &[&str]) -> String {
        let file = self.write(name, text);
        let mut args = vec!["import", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.ok(&args)
    }
}

fn field<'v>(prospect: &'v Value, name: &str) -> &'v Value {
    &prospect[name]
}

// ---- import ----

#[test]
fn a_crm_export_with_a_bom_and_semicolons_imports_without_configuration() {
    let book = Book::new();
    let text = "\u{feff}First Name;Last Name;Account Name;Mobile Phone;Email Address;Job Title\r\n\
                Dana;Whitfield;Lakeside Dental;555-0147;dana@lakeside.example;Office manager\r\n\
                Bo;Berg;Acme;555-0100;;\r\n";
    let summary = book.import("crm.csv", text, &[]);
    assert_eq!(summary, "Added 2 prospects.\n");
    let prospects = book.prospects();
    let dana = &prospects[0];
    assert_eq!(field(dana, "name"), "Dana Whitfield");
    assert_eq!(field(dana, "company"), "Lakeside Dental");
    assert_eq!(field(dana, "phone"), "555-0147");
    assert_eq!(field(dana, "email"), "dana@lakeside.example");
    assert_eq!(field(dana, "title"), "Office manager");
    assert_eq!(field(dana, "start"), "2026-11-23");
    assert_eq!(field(dana, "cadence"), "standard");
    assert_eq!(field(&prospects[1], "email"), &Value::Null);
    // New prospects are due on their start date, like `add` makes them.
    let today = book.json(&["today", "--json"]);
    assert_eq!(today.as_array().unwrap().len(), 2);
    assert_eq!(today[0]["step"], "first");
}

#[test]
fn our_own_column_names_and_maps_fill_every_field() {
    let book = Book::new();
    let text = "Full Name,Cell,topic,next_step,assistant,assistant_phone,prefers,cadence,start,note,Region\n\
                Ann Ames,555-0101,chairs,a quote,Sam,555-0199,email,as-promised,2026-11-25,met at the fair,North\n";
    let summary = book.import(
        "leads.csv",
        text,
        &["--map", "cell=phone", "--keep-unknown"],
    );
    assert_eq!(
        summary,
        // --keep-unknown kept Region: the summary says so instead of suggesting the flag.
        "Added 1 prospect.\nKept in each prospect's note: column Region.\n"
    );
    let ann = &book.prospects()[0];
    assert_eq!(field(ann, "phone"), "555-0101");
    assert_eq!(field(ann, "topic"), "chairs");
    assert_eq!(field(ann, "next_step"), "a quote");
    assert_eq!(field(ann, "assistant"), "Sam");
    assert_eq!(field(ann, "assistant_phone"), "555-0199");
    assert_eq!(field(ann, "prefers"), "email");
    assert_eq!(field(ann, "cadence"), "as-promised");
    assert_eq!(field(ann, "start"), "2026-11-25");
    assert_eq!(field(ann, "note"), "met at the fair\nRegion: North");
    assert_eq!(ann["next"]["due"], "2026-11-25");
}

#[test]
fn duplicates_are_skipped_against_the_database_and_within_the_file() {
    let book = Book::new();
    book.ok(&["add", "Dana Whitfield", "--email", "Dana@Lakeside.example"]);
    book.ok(&["add", "Bo Berg", "--phone", "(555) 010-0100"]);
    let text = "Name,Email,Phone\n\
                Dana W,dana@lakeside.example,\n\
                Bo B,,555.010.0100\n\
                Cy Cole,cy@example.com,\n\
                Cy C,CY@example.com,\n\
                Di Dunn,,555-0177\n\
                Di D,,5550177\n\
                ,,\n\
                Ed Eck,,\n\
                Ed Eck,,\n";
    let summary = book.import("leads.csv", text, &[]);
    assert_eq!(
        summary,
        "Added 4 prospects.\nSkipped 5:\n  \
         1 already on file (same email)\n  \
         1 already on file (same phone, no email)\n  \
         1 repeated in the file (same email)\n  \
         1 repeated in the file (same phone, no email)\n  \
         1 blank row\n"
    );
    let names: Vec<_> = book
        .prospects()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    // Without email or phone there is nothing to compare: both Ed Ecks are added.
    assert_eq!(
        names,
        [
            "Dana Whitfield",
            "Bo Berg",
            "Cy Cole",
            "Di Dunn",
            "Ed Eck",
            "Ed Eck"
        ]
    );
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let book = Book::new();
    book.ok(&["add", "Dana Whitfield", "--email", "dana@lakeside.example"]);
    let text = "Name,Email\nDana,dana@lakeside.example\nBo,bo@example.com\n";
    let summary = book.import("leads.csv", text, &["--dry-run"]);
    assert_eq!(
        summary,
        // Each row that would be skipped is named, with why.
        "Dry run: would add 1 prospect. Nothing was written.\nWould skip 1:\n  row 2: Dana: already on file (same email)\n"
    );
    assert_eq!(book.prospects().len(), 1);
}

#[test]
fn a_bad_row_stops_the_import_with_its_number_and_writes_nothing() {
    let book = Book::new();
    book.ok(&["add", "Zed Zane"]);
    let cases = [
        ("Name,Phone\nAnn,1\nBo,2\n,3\n", "row 4: it has no name"),
        (
            "Name,prefers\nAnn,call\nBo,fax\n",
            "row 3: prefers: 'fax' is not one of",
        ),
        (
            "Name,cadence\nAnn,weekly\n",
            "row 2: cadence 'weekly' is not defined",
        ),
        ("Name,start\nAnn,23/11/2026\n", "row 2: start:"),
        (
            "Name,Phone\nAnn,1,extra\n",
            "row 2: it has 3 cells but the header has 2",
        ),
        ("Company,Phone\nAcme,1\n", "no column holds the name"),
        ("", "the file is empty"),
    ];
    for (text, expected) in cases {
        let file = book.write("bad.csv", text);
        let stderr = book.fails(&["import", file.to_str().unwrap()], 2);
        assert!(stderr.contains(expected), "{text:?}: {stderr}");
    }
    let file = book.write("latin1.csv", b"Name\nZo\xeb\n");
    let stderr = book.fails(&["import", file.to_str().unwrap()], 2);
    assert!(
        stderr.contains("row 2") && stderr.contains("UTF-8"),
        "{stderr}"
    );
    assert_eq!(book.prospects().len(), 1);
}

#[test]
fn bad_options_and_unreadable_files_are_refused() {
    let book = Book::new();
    let file = book.write("leads.csv", "Name,Cell\nAnn,1\n");
    let file = file.to_str().unwrap();
    let stderr = book.fails(&["import", file, "--map", "Cell=fone"], 2);
    assert!(stderr.contains("'fone' is not a field"), "{stderr}");
    let stderr = book.fails(&["import", file, "--map", "Mobile=phone"], 2);
    assert!(stderr.contains("'Mobile'"), "{stderr}");
    let stderr = book.fails(&["import", file, "--map", "phone"], 2);
    assert!(stderr.contains("COLUMN=FIELD"), "{stderr}");
    let missing = book.path("missing.csv");
    let stderr = book.fails(&["import", missing.to_str().unwrap()], 1);
    assert!(stderr.contains("cannot read"), "{stderr}");
    let folder = book.dir.path().to_str().unwrap().to_string();
    book.fails(&["import", &folder], 1);
    let json = book.write(
        "bad.json",
        "{\"prospects\": [{\"name\": \"Ann\", \"phnoe\": \"1\"}]}",
    );
    let stderr = book.fails(&["import", json.to_str().unwrap()], 2);
    assert!(stderr.contains("phnoe"), "{stderr}");
    assert!(book.prospects().is_empty());
}

#[test]
fn import_reads_standard_input() {
    let book = Book::new();
    let mut child = book
        .command(&["import", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Name,Email\nAnn,ann@example.com\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert_eq!(book.prospects().len(), 1);
}

// ---- export ----

/// A book that uses every field: closures with notes, re-contact dates, a reopened run,
/// promises, agreed dates and assistant calls.
fn rich_book() -> Book {
    let book = Book::new();
    book.ok(&[
        "add",
        "Dana Whitfield",
        "--company",
        "Lakeside Dental",
        "--phone",
        "555-0147",
        "--email",
        "dana@lakeside.example",
        "--title",
        "Office manager",
        "--prefers",
        "email",
        "--next-step",
        "a quote for 12 chairs",
        "--topic",
        "ergonomic chairs",
        "--assistant",
        "Sam",
        "--assistant-phone",
        "555-0148",
        "--cadence",
        "standard",
        "--start",
        "2026-11-02",
        "--note",
        "met at the fair; likes \"blue\"\nsecond line",
    ]);
    book.ok(&[
        "log",
        "dana",
        "--at",
        "2026-11-02T09:30",
        "--promise",
        "2026-11-03 08:15",
    ]);
    book.ok(&[
        "log",
        "dana",
        "--at",
        "2026-11-03T08:15",
        "--outcome",
        "replied",
        "--next",
        "2026-11-10",
        "--note",
        "wants the quote",
    ]);
    book.ok(&[
        "log",
        "dana",
        "--at",
        "2026-11-10T11:00",
        "--channel",
        "assistant",
        "--note",
        "Sam says next week",
    ]);
    book.ok(&["add", "Bo Berg", "--phone", "=1+1", "--start", "2026-11-02"]);
    book.ok(&["log", "bo", "--at", "2026-11-02T10:00"]);
    book.ok(&[
        "close",
        "bo",
        "--reason",
        "no-response",
        "--note",
        "went dark",
    ]);
    book.ok(&["add", "Cy Cole", "--email", "cy@example.com"]);
    book.ok(&[
        "close",
        "cy",
        "--reason",
        "won",
        "--recontact",
        "2027-01-04",
    ]);
    book.ok(&["reopen", "cy"]);
    book.ok(&["log", "cy", "--outcome", "declined"]);
    book.ok(&["add", "Di Dunn", "--email", "cy@example.com", "--force"]);
    book
}

/// The JSON export without the ids the database gave.
fn without_ids(mut export: Value) -> Value {
    for prospect in export["prospects"].as_array_mut().unwrap() {
        prospect.as_object_mut().unwrap().remove("id");
    }
    export
}

#[test]
fn a_json_export_imports_into_an_empty_database_without_loss() {
    let book = rich_book();
    let exported = book.json(&["export", "--format", "json"]);
    assert_eq!(exported["prospects"].as_array().unwrap().len(), 4);
    let file = book.write("backup.json", exported.to_string());

    let restored = Book::new();
    let summary = restored.ok(&["import", file.to_str().unwrap()]);
    // Di Dunn shares Cy Cole's email, and a backup restores both.
    assert_eq!(summary, "Added 4 prospects with 5 attempts.\n");
    let again = restored.json(&["export", "--format", "json"]);
    assert_eq!(without_ids(again), without_ids(exported));
    // What the tool plans from the restored book is the same too.
    let plan = |book: &Book| {
        let mut list = book.json(&["list", "--status", "all", "--json"]);
        for prospect in list.as_array_mut().unwrap() {
            prospect.as_object_mut().unwrap().remove("id");
            if let Some(next) = prospect["next"].as_object_mut() {
                next.remove("id");
            }
        }
        list
    };
    assert_eq!(plan(&restored), plan(&book));
    // The morning list and the agenda read the due dates the import stored.
    let due = |book: &Book, args: &[&str]| {
        let mut items = book.json(args);
        for item in items.as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("id");
        }
        items
    };
    for args in [
        &["today", "--json"][..],
        &["agenda", "--days", "80", "--json"],
    ] {
        let expected = due(&book, args);
        assert!(!expected.as_array().unwrap().is_empty(), "{args:?}");
        assert_eq!(due(&restored, args), expected, "{args:?}");
    }

    // Importing the backup again adds nothing: everyone is on file.
    let summary = restored.ok(&["import", file.to_str().unwrap(), "--format", "json"]);
    assert!(
        summary.starts_with("Added 0 prospects.\nSkipped 4:"),
        "{summary}"
    );
}

#[test]
fn a_csv_export_makes_formulas_inert_and_imports_back() {
    let book = rich_book();
    // `add` trims fields; a JSON import keeps them as they are, leading tab and all.
    let eve = r#"[{"name": "@Eve =Evil", "note": "-2+3", "company": "\tTabbed",
                   "phone": "+1 555 0100", "title": "\rreturn"}]"#;
    book.import("eve.json", eve, &[]);
    let text = book.ok(&["export"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 5);
    let eve = &rows[4];
    assert_eq!(&eve[column("name")], "'@Eve =Evil");
    assert_eq!(&eve[column("note")], "'-2+3");
    assert_eq!(&eve[column("company")], "'\tTabbed");
    assert_eq!(&eve[column("phone")], "'+1 555 0100");
    assert_eq!(&eve[column("title")], "'\rreturn");
    assert_eq!(&rows[1][column("phone")], "'=1+1");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
    assert_eq!(&rows[1][column("status")], "closed");
    assert_eq!(&rows[1][column("close_reason")], "no-response");
    assert_eq!(&rows[0][column("next_action")], "follow-up");
    // The channel the list suggests, as `today --json` gives it: Dana prefers email, Eve
    // has only a phone.
    assert_eq!(&rows[0][column("next_channel")], "email");
    assert_eq!(&eve[column("next_channel")], "call");

    let active = book.ok(&["export", "--status", "active"]);
    let active = csv::Reader::from_reader(active.as_bytes())
        .records()
        .count();
    assert_eq!(active, 3);

    // The quotes come off again on import.
    let fresh = Book::new();
    fresh.import("export.csv", &text, &[]);
    let prospects = fresh.prospects();
    let eve = prospects
        .iter()
        .find(|p| p["company"] == "\tTabbed")
        .unwrap();
    assert_eq!(eve["name"], "@Eve =Evil");
    assert_eq!(eve["phone"], "+1 555 0100");
    assert_eq!(eve["note"], "-2+3");
}

#[test]
fn export_to_a_file_is_private() {
    let book = rich_book();
    let file = book.path("out.json");
    let message = book.ok(&[
        "export",
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert!(message.starts_with("Exported 4 prospects to "), "{message}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"followup_export\": 1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "mode {mode:o}");
    }
    let nowhere = book.path("no/such/folder/out.csv");
    book.fails(&["export", "--output", nowhere.to_str().unwrap()], 1);
}

// ---- agenda ----

/// Three prospects: one due today, one promised a call tomorrow at 08:15, one starting in
/// two weeks.
fn planned_book() -> Book {
    let book = Book::new();
    book.ok(&[
        "add",
        "Dana Whitfield",
        "--company",
        "Lakeside, Dental; Inc",
        "--phone",
        "555-0147",
    ]);
    book.ok(&["add", "Bo Berg", "--phone", "555-0100"]);
    book.ok(&["log", "bo", "--promise", "tomorrow 08:15"]);
    book.ok(&["add", "Cy Cole", "--start", "2026-12-07"]);
    book
}

#[test]
fn the_agenda_lists_the_next_action_of_each_prospect_in_the_window() {
    let book = planned_book();
    let text = book.ok(&["agenda"]);
    assert!(
        text.starts_with("Mon 2026-11-23 to Fri 2026-11-27: 2 actions planned.\n"),
        "{text}"
    );
    assert!(
        text.contains("Dana Whitfield") && text.contains("08:15"),
        "{text}"
    );
    assert!(!text.contains("Cy Cole"), "{text}");
    let json = book.json(&["agenda", "--json"]);
    let steps: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["step"].clone())
        .collect();
    assert_eq!(steps, ["first", "follow-up"]);
    assert_eq!(json[1]["promised"], true);
    let wide = book.json(&["agenda", "--days", "11", "--json"]);
    assert_eq!(wide.as_array().unwrap().len(), 3);
    assert_eq!(wide[2]["due"], "2026-12-07");
}

fn ics_lines_are_well_formed(text: &str) {
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "{line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

#[test]
fn the_calendar_feed_parses_with_timed_callbacks_and_stable_uids() {
    use icalendar::{CalendarDateTime, Component, DatePerhapsTime};

    let book = planned_book();
    let file = book.path("followup.ics");
    let message = book.ok(&["agenda", "--ics", "--output", file.to_str().unwrap()]);
    assert!(message.starts_with("Wrote 2 actions to "), "{message}");
    let text = std::fs::read_to_string(&file).unwrap();
    ics_lines_are_well_formed(&text);
    assert_eq!(
        book.ok(&["agenda", "--ics"]),
        text,
        "the same day gives the same feed"
    );

    let calendar: icalendar::Calendar = text.parse().unwrap();
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 2);
    let dana = events[0];
    assert_eq!(dana.get_uid(), Some("followup-1-first-20261123@followup"));
    assert_eq!(
        dana.get_start(),
        Some(DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
        ))
    );
    let summary = dana.get_summary().unwrap();
    assert!(
        summary.contains("first") && summary.contains("Dana Whitfield"),
        "{summary}"
    );
    let description = dana.get_description().unwrap();
    assert!(description.contains("555-0147"), "{description}");
    assert!(description.contains("Hi Dana"), "{description}");
    assert!(text.contains("Lakeside\\, Dental\\; Inc"));

    let bo = events[1];
    assert_eq!(bo.get_uid(), Some("followup-2-follow-up-20261124@followup"));
    let expected = chrono::NaiveDate::from_ymd_opt(2026, 11, 24)
        .unwrap()
        .and_hms_opt(8, 15, 0)
        .unwrap();
    assert_eq!(
        bo.get_start(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(
            expected
        )))
    );
    assert!(text.contains("DTSTAMP:20261123T100000Z"));

    // The next morning Dana's first touch is overdue: the event moves to today under the
    // same UID, so a calendar updates it instead of adding another.
    let later = book
        .command(&["agenda", "--ics"])
        .env("FOLLOWUP_NOW", "2026-11-24T07:00")
        .output()
        .unwrap();
    let later = String::from_utf8(later.stdout).unwrap();
    assert!(later.contains("UID:followup-1-first-20261123@followup\r\n"));
    assert!(later.contains("DTSTART;VALUE=DATE:20261124\r\n"));
}

#[test]
fn an_empty_agenda_is_a_valid_calendar() {
    let book = Book::new();
    let text = book.ok(&["agenda", "--ics"]);
    let calendar: icalendar::Calendar = text.parse().unwrap();
    assert_eq!(calendar.events().count(), 0);
    assert!(book.ok(&["agenda"]).contains("Nothing is planned"));
}

// ---- shell integration ----

#[test]
fn completions_and_the_man_page_need_no_database_or_cadence_file() {
    let book = Book::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = book
            .command(&["completions", shell])
            .env("FOLLOWUP_CADENCE", book.path("missing.toml"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(
            script.contains("followup") && script.contains("agenda"),
            "{shell}"
        );
    }
    let page = book.ok(&["man"]);
    assert!(page.contains(".TH followup 1"), "{page}");
    assert!(page.contains("import"), "{page}");
    assert!(!book.db.exists(), "no database was created");
    book.fails(&["completions", "tcsh"], 2);
}

#[test]
fn piped_output_is_never_coloured() {
    let book = rich_book();
    let commands: [&[&str]; 9] = [
        &["--help"],
        &["today"],
        &["today", "--json"],
        &["list", "--status", "all"],
        &["show", "dana"],
        &["agenda"],
        &["export"],
        &["cadence", "show"],
        &["import", "--help"],
    ];
    for args in commands {
        for no_color in [false, true] {
            let mut command = book.command(args);
            if no_color {
                command.env("NO_COLOR", "1");
            }
            // Even a terminal type that supports colour must not bring it into a pipe.
            command
                .env("TERM", "xterm-256color")
                .env("CLICOLOR_FORCE", "0");
            let output = command.output().unwrap();
            assert!(output.status.success(), "{args:?}");
            assert!(!output.stdout.contains(&0x1b), "escape codes in {args:?}");
            assert!(
                !output.stderr.contains(&0x1b),
                "escape codes in {args:?} stderr"
            );
        }
    }
}
