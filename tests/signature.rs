//! Messages signed with the salesperson's own details: `cadence init` writes a file of one's
//! own, a file's `[me]` never borrows the example's name or number, and `today` warns when
//! the messages carry the example's details or lack some of one's own.

mod common;

use common::Followup;

/// The example's details, which no real message may carry.
const EXAMPLE: [&str; 3] = ["Sam Carter", "Harbor Office Supply", "555-0100"];

fn dana(f: &Followup) -> i64 {
    f.add(
        "Dana Whitfield",
        &["--phone", "555-0147", "--email", "dana@lakeside.example"],
    )
}

#[test]
fn cadence_init_writes_a_file_of_ones_own_that_today_then_signs_with() {
    let f = Followup::sqlite();
    let run = f.ok(&[
        "cadence",
        "init",
        "--name",
        "Jo Brandt",
        "--company",
        "Brandt & Co",
        "--phone",
        "555-0199",
        "--email",
        "jo@brandt.example",
    ]);
    run.stdout_says("signed Jo Brandt, Brandt & Co, 555-0199, jo@brandt.example");
    let file = f.dir().join(".config/followup/cadence.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        EXAMPLE.iter().all(|detail| !text.contains(detail)),
        "{text}"
    );

    dana(&f);
    let today = f.ok(&["today", "--json"]);
    let messages = today.stdout.clone();
    assert!(
        messages.contains("Jo Brandt") && messages.contains("555-0199"),
        "{today}"
    );
    assert!(
        EXAMPLE.iter().all(|detail| !messages.contains(detail)),
        "{today}"
    );
    assert!(
        today.stderr.is_empty(),
        "a complete signature needs no warning: {today}"
    );
}

#[test]
fn cadence_init_never_replaces_a_file() {
    let f = Followup::sqlite();
    let file = f.write("mine.toml", "[me]\nname = \"Jo\"\n");
    f.cmd([
        "--cadence",
        file.to_str().unwrap(),
        "cadence",
        "init",
        "--name",
        "X",
    ])
    .run()
    .fails(2)
    .stderr_contains("already exists");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "[me]\nname = \"Jo\"\n"
    );
    // Nor the database.
    f.ok(&["list"]);
    let db = f.db();
    f.cmd(["cadence", "init", "--cadence", db.to_str().unwrap()])
        .run()
        .fails(2)
        .stderr_contains("the database itself");
}

#[test]
fn a_file_without_a_phone_leaves_the_examples_number_out_and_says_so() {
    let f = Followup::sqlite();
    let file = f.dir().join("mine.toml");
    let file_arg = file.to_str().unwrap();
    f.cmd([
        "--cadence",
        file_arg,
        "cadence",
        "init",
        "--name",
        "Jo Brandt",
    ])
    .run()
    .success()
    .stdout_contains("Add your company and phone under [me]");
    dana(&f);
    let run = f.cmd(["--cadence", file_arg, "today", "--json"]).run();
    run.success();
    assert!(run.stdout.contains("Jo Brandt"), "{run}");
    assert!(
        EXAMPLE.iter().all(|detail| !run.stdout.contains(detail)),
        "{run}"
    );
    run.stderr_contains("has no company and phone");
}

#[test]
fn the_built_in_files_example_details_are_named_when_messages_use_them() {
    let f = Followup::sqlite();
    // Nothing due: nothing signed, nothing to say.
    let empty = f.ok(&["today"]);
    assert!(empty.stderr.is_empty(), "{empty}");
    dana(&f);
    f.ok(&["today"])
        .stderr_contains("example details of the built-in cadence.toml (Sam Carter")
        .stderr_contains("followup cadence init");
}
