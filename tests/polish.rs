//! Help, manual and import polish (issue 10, section 7). The examples of every `--help` are
//! run by tests/help_examples.rs; every argument's help text is checked by a unit test of
//! src/cli/args.rs.

mod common;

use common::Followup;
use serde_json::json;

#[test]
fn followup_alone_prints_the_help_and_succeeds() {
    let f = Followup::new();
    let run = f.ok(&[]);
    run.stdout_contains("Usage: followup [OPTIONS] <COMMAND>");
    run.stdout_contains("today");
    assert!(run.stderr.is_empty(), "{run}");
}

#[test]
fn edit_help_shows_no_default_that_only_add_has() {
    let f = Followup::new();
    let edit = f.ok(&["edit", "--help"]).stdout.clone();
    assert!(!edit.contains("[default: standard]"), "{edit}");
    assert!(!edit.contains("[default: today]"), "{edit}");
    let add = f.ok(&["add", "--help"]).stdout.clone();
    assert!(add.contains("[default: standard]"), "{add}");
    for flag in ["--company", "--phone", "--email", "--note"] {
        let line = add
            .lines()
            .find(|line| line.trim_start().starts_with(flag))
            .unwrap_or_else(|| panic!("{flag} in add --help"));
        assert!(
            line.split_once('>')
                .is_some_and(|(_, help)| !help.trim().is_empty()),
            "{flag} has no help: {line}"
        );
    }
}

#[test]
fn man_writes_a_page_per_command_that_the_main_page_names() {
    let f = Followup::new();
    let dir = f.dir().join("man1");
    let dir_text = dir.display().to_string();
    f.ok(&["man", "--output", &dir_text])
        .stdout_contains("manual pages");
    // Every followup-NAME(1) the main page mentions exists (roff writes `-` as `\-`).
    let main = std::fs::read_to_string(dir.join("followup.1"))
        .unwrap()
        .replace("\\-", "-");
    let named: Vec<&str> = main
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '(' || c == ')'))
        .filter_map(|word| word.strip_prefix("followup-"))
        .filter_map(|rest| rest.strip_suffix("(1)"))
        .collect();
    assert!(named.len() >= 20, "{named:?}");
    for name in named {
        assert!(
            dir.join(format!("followup-{name}.1")).exists(),
            "followup-{name}(1) is named but not written"
        );
    }
    for page in [
        "followup-add.1",
        "followup-log.1",
        "followup-calendar-import.1",
    ] {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        for section in [
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH EXIT STATUS",
            ".SH EXAMPLES",
        ] {
            assert!(text.contains(section), "{page} lacks {section}");
        }
    }
    // One page on standard output.
    f.ok(&["man", "log"]).stdout_contains("followup\\-log");
    f.run(&["man", "nosuch"]).fails(2).stderr_contains("nosuch");
}

#[test]
fn an_ignored_column_is_dropped_without_a_panic() {
    let f = Followup::new();
    f.write(
        "leads.csv",
        "Name,Cell,Lead Source\nAnn Ames,555-0111,Web\n",
    );
    let run = f.ok(&[
        "import",
        "leads.csv",
        "--map",
        "Cell=phone",
        "--map",
        "Lead Source=ignore",
    ]);
    assert_eq!(run.stdout, "Added 1 prospect.\n");
    let ann = f.show(1);
    assert_eq!(ann["phone"], json!("555-0111"));
    assert_eq!(ann["note"], json!(null));
}

#[test]
fn hubspot_mobile_phone_number_is_a_phone() {
    let f = Followup::new();
    f.write(
        "hubspot.csv",
        "First Name,Last Name,Mobile Phone Number\nAnn,Ames,555-0111\n",
    );
    assert_eq!(
        f.ok(&["import", "hubspot.csv"]).stdout,
        "Added 1 prospect.\n"
    );
    assert_eq!(f.show(1)["phone"], json!("555-0111"));
}

#[test]
fn kept_columns_show_one_per_line() {
    let f = Followup::new();
    f.write(
        "leads.csv",
        "Name,Region,Source\nAnn Ames,North,Trade fair\n",
    );
    f.ok(&["import", "leads.csv", "--keep-unknown"])
        .stdout_contains("Kept in each prospect's note: columns Region, Source.");
    let shown = f.ok(&["show", "ann"]).stdout.clone();
    assert!(!shown.contains("\\n"), "{shown}");
    assert!(
        shown.contains("  Note: Region: North\n        Source: Trade fair\n"),
        "{shown}"
    );
}

#[test]
fn a_dry_run_names_each_row_it_would_skip() {
    let f = Followup::new();
    f.add("Dana Whitfield", &["--email", "dana@lakeside.example"]);
    f.write(
        "leads.csv",
        "Name,Email,Phone\nDana W,DANA@lakeside.example,\nBo Berg,,555-0112\n,,\nBo B.,,555 0112\n",
    );
    let run = f.ok(&["import", "leads.csv", "--dry-run"]);
    assert_eq!(
        run.stdout,
        "Dry run: would add 1 prospect. Nothing was written.\n\
         Would skip 3:\n  \
         row 2: Dana W: already on file (same email)\n  \
         row 5: Bo B.: repeated in the file (same phone, no email)\n  \
         1 blank row\n"
    );
}
