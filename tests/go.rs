//! `followup go` (issue 13): the morning list worked in one sitting with keys, on a real
//! terminal (`common::tmux`). What a sitting writes is compared with what the same `log`
//! commands write on a second database; every wait polls the screen for what should show.

mod common;

use common::Followup;
use common::tmux::{Pane, Tmux};
use unicode_width::UnicodeWidthStr;

/// Six prospects due on Monday 2026-11-23 09:00, in the order the list gives them: calls
/// and emails, one on the as-promised cadence (promise_time 08:15), one in New York.
fn book() -> Followup {
    let f = Followup::new();
    f.add(
        "Ann Ames",
        &[
            "--company",
            "Ames Dental",
            "--phone",
            "555-0111",
            "--email",
            "ann@ames.example",
            "--cadence",
            "as-promised",
            "--tz",
            "America/New_York",
        ],
    );
    f.add(
        "Ben Berg",
        &["--company", "Berg & Sons", "--phone", "555-0112"],
    );
    f.add("Cy Cole", &["--email", "cy@cole.example"]);
    f.add("Di Dorn", &["--phone", "555-0114"]);
    f.add("Ed Egan", &["--email", "ed@egan.example"]);
    f.add("Flo Fenn", &["--phone", "555-0116"]);
    f
}

/// Presses `key` once `wait` shows.
#[track_caller]
fn when_shown(pane: &Pane<'_>, wait: &str, keys: &[&str]) {
    pane.expect(wait);
    pane.press(keys);
}

#[test]
fn a_sitting_writes_what_the_same_log_commands_write() {
    let Some(tmux) = Tmux::start("sitting") else {
        return;
    };
    let sat = book();
    let pane = tmux.open(&sat, 100, &["go"], &[("TZ", "UTC")]);
    // Ann, a call: the keys, her file, then a voicemail with the promise offered and a note.
    pane.expect("1 of 6: Ann Ames, Ames Dental");
    let card = pane.expect("k skip, u undo");
    for line in [
        "first, touch 1 of 8, due today",
        "call 555-0111",
        "Their time now: Mon 04:00 (New York)",
        "Email beside the call, to ann@ames.example",
    ] {
        assert!(card.contains(line), "{line:?} is not on the card:\n{card}");
    }
    pane.press(&["?"]);
    when_shown(&pane, "Ctrl-C stops", &["o"]);
    when_shown(&pane, "No attempts logged yet.", &["v"]);
    when_shown(&pane, "voicemail: p promise", &["p"]);
    when_shown(&pane, "(2026-11-24 08:15)", &["Enter"]);
    when_shown(
        &pane,
        "To log: voicemail, promise Tue 2026-11-24 08:15.",
        &["t"],
    );
    pane.expect("Note:");
    pane.type_text("sent the quote");
    pane.press(&["Enter"]);
    when_shown(&pane, "note \"sent the quote\". Enter logs it", &["Enter"]);
    // Ben, a call: no answer, taken back, then connected with an agreed date.
    when_shown(&pane, "2 of 6: Ben Berg", &["n"]);
    when_shown(&pane, "no-answer: p promise", &["Enter"]);
    when_shown(&pane, "Logged call (no-answer) with Ben Berg", &["u"]);
    pane.expect("Removed the call (no-answer)");
    when_shown(&pane, "2 of 6: Ben Berg", &["c"]);
    when_shown(&pane, "connected: p promise", &["x"]);
    pane.expect("Agreed next date:");
    pane.type_text("fri");
    pane.press(&["Enter"]);
    when_shown(
        &pane,
        "To log: connected, next step Fri 2026-11-27.",
        &["Enter"],
    );
    // Cy, an email: bounced, taken back, replied.
    when_shown(&pane, "3 of 6: Cy Cole", &["b"]);
    when_shown(&pane, "bounced: p promise", &["Enter"]);
    when_shown(&pane, "Logged email (bounced) with Cy Cole", &["u"]);
    when_shown(&pane, "3 of 6: Cy Cole", &["r"]);
    when_shown(&pane, "replied: p promise", &["Enter"]);
    // Di skipped; Ed, an email: sent, taken back, a meeting.
    when_shown(&pane, "4 of 6: Di Dorn", &["k"]);
    when_shown(&pane, "Skipped: Di Dorn stays due.", &[]);
    when_shown(&pane, "5 of 6: Ed Egan", &["s"]);
    when_shown(&pane, "sent: p promise", &["Enter"]);
    when_shown(&pane, "Logged email (sent) with Ed Egan", &["u"]);
    when_shown(&pane, "5 of 6: Ed Egan", &["m"]);
    when_shown(&pane, "meeting: p promise", &["Enter"]);
    // Flo, a call: voicemail, then Esc back to the outcomes, and declined.
    when_shown(&pane, "6 of 6: Flo Fenn", &["v"]);
    when_shown(&pane, "voicemail: p promise", &["Escape"]);
    when_shown(&pane, "k skip, u undo", &["d"]);
    when_shown(&pane, "declined: p promise", &["Enter"]);
    when_shown(&pane, "They declined: the file is closed", &[]);
    // The skipped one comes round again; quit on it.
    when_shown(
        &pane,
        "with 1 skipped: Enter goes through them again",
        &["Enter"],
    );
    when_shown(&pane, "6 of 6: Di Dorn", &["q"]);
    let screen = pane.expect("Done 5, skipped 0, left 1; 1 promise made.");
    assert!(
        screen.contains("Call Ann Ames Tue 2026-11-24 at 08:15"),
        "{screen}"
    );
    assert_eq!(pane.status(), 0);

    let logged = book();
    for (id, flags) in [
        (
            1,
            &[
                "--channel",
                "call",
                "--outcome",
                "voicemail",
                "--promise",
                "2026-11-24 08:15",
                "--note",
                "sent the quote",
            ][..],
        ),
        (
            2,
            &[
                "--channel",
                "call",
                "--outcome",
                "connected",
                "--next",
                "fri",
            ],
        ),
        (3, &["--channel", "email", "--outcome", "replied"]),
        (5, &["--channel", "email", "--outcome", "meeting"]),
        (6, &["--channel", "call", "--outcome", "declined"]),
    ] {
        logged.log(id, flags);
    }
    for id in 1..=6 {
        assert_eq!(sat.show(id), logged.show(id), "prospect {id}");
    }
    assert_eq!(sat.show(4)["attempts"].as_array().map(Vec::len), Some(0));
}

#[test]
fn ctrl_c_in_a_promise_prompt_writes_nothing_for_that_prospect_and_keeps_the_earlier_ones() {
    let Some(tmux) = Tmux::start("interrupt") else {
        return;
    };
    let f = book();
    let before = f.show(2);
    let pane = tmux.open(&f, 100, &["go"], &[]);
    when_shown(&pane, "1 of 6: Ann Ames", &["v"]);
    when_shown(&pane, "voicemail: p promise", &["Enter"]);
    when_shown(&pane, "2 of 6: Ben Berg", &["v"]);
    when_shown(&pane, "voicemail: p promise", &["t"]);
    pane.expect("Note:");
    pane.type_text("half a note");
    pane.press(&["Enter"]);
    when_shown(&pane, "To log: voicemail, note \"half a note\".", &["p"]);
    pane.expect("Promise a call back at:");
    pane.type_text("tomorrow 08");
    pane.press(&["C-c"]);
    let screen = pane.expect("Stopped: nothing was written for Ben Berg.");
    assert!(screen.contains("Done 1, skipped 0, left 5"), "{screen}");
    assert_eq!(pane.status(), 0);
    assert_eq!(f.show(2), before, "nothing was written for Ben");
    let ann = f.show(1);
    assert_eq!(ann["attempts"][0]["outcome"], "voicemail", "{ann}");
}

#[test]
fn an_80_column_terminal_shows_no_line_longer_than_80() {
    let Some(tmux) = Tmux::start("narrow") else {
        return;
    };
    let mut f = Followup::new();
    f.add(
        "Rosalind Featherstonehaugh",
        &[
            "--company",
            "Featherstonehaugh Consulting Partners LLP",
            "--phone",
            "+44 20 7946 0958",
            "--email",
            "rosalind.featherstonehaugh@featherstonehaugh-consulting.example",
            "--topic",
            "an office fit-out for three floors",
            "--tz",
            "Europe/London",
        ],
    );
    f.at("2026-11-23T10:00").log(
        1,
        &[
            "--outcome",
            "voicemail",
            "--note",
            "asked for the floor plans",
        ],
    );
    f.at("2026-11-27");
    let pane = tmux.open(&f, 80, &["go"], &[]);
    when_shown(&pane, "1 of 1: Rosalind", &["?"]);
    when_shown(&pane, "Ctrl-C stops", &["o"]);
    when_shown(&pane, "asked for the floor plans", &["v"]);
    when_shown(&pane, "voicemail: p promise", &["p"]);
    when_shown(&pane, "Promise a call back at:", &["Escape"]);
    when_shown(&pane, "To log: voicemail.", &["Escape"]);
    when_shown(&pane, "k skip, u undo", &["q"]);
    assert_eq!(pane.status(), 0);
    let screen = pane.capture(false);
    assert!(
        screen.contains("Last note: asked for the floor plans"),
        "{screen}"
    );
    for line in screen.lines() {
        assert!(
            line.trim_end().width() <= 80,
            "a line of {} columns on an 80-column screen:\n{line}\n\n{screen}",
            line.trim_end().width()
        );
    }
}

#[test]
fn no_color_leaves_the_card_plain() {
    let Some(tmux) = Tmux::start("colour") else {
        return;
    };
    let f = book();
    let bold = "\u{1b}[1m";
    for (env, styled) in [(&[][..], true), (&[("NO_COLOR", "1")][..], false)] {
        let pane = tmux.open(&f, 100, &["go"], env);
        when_shown(&pane, "1 of 6: Ann Ames", &["q"]);
        assert_eq!(pane.status(), 0);
        let screen = pane.capture(true);
        assert_eq!(
            screen.contains(bold),
            styled,
            "NO_COLOR {env:?}:\n{screen:?}"
        );
    }
}

#[test]
fn piped_or_told_not_to_ask_go_refuses_and_points_at_today_and_log() {
    let f = book();
    for args in [&["go"][..], &["go", "--no-input"]] {
        let run = f.run(args);
        run.fails(2)
            .stderr_contains("followup today")
            .stderr_contains("followup log");
    }
    assert_eq!(f.show(1)["attempts"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_day_with_nothing_due_says_what_today_says_and_ends() {
    let Some(tmux) = Tmux::start("empty") else {
        return;
    };
    let mut f = book();
    f.at("2026-11-22");
    let pane = tmux.open(&f, 80, &["go"], &[]);
    pane.expect("Nothing due today (Sun 2026-11-22). Next: Ann Ames (first) on Mon");
    assert_eq!(pane.status(), 0);
}

#[test]
fn an_entry_log_would_refuse_is_not_written_and_can_be_changed() {
    let Some(tmux) = Tmux::start("refused") else {
        return;
    };
    let mut f = book();
    f.at("2026-11-27T09:00");
    let pane = tmux.open(&f, 80, &["go"], &[]);
    when_shown(&pane, "1 of 6: Ann Ames", &["v"]);
    when_shown(&pane, "voicemail: p promise", &["p"]);
    pane.expect("Promise a call back at:");
    pane.type_text("sat 10:00");
    pane.press(&["Enter"]);
    when_shown(
        &pane,
        "To log: voicemail, promise Sat 2026-11-28 10:00.",
        &["Enter"],
    );
    pane.expect("Not logged, as `followup log` would refuse it");
    assert_eq!(f.show(1)["attempts"].as_array().map(Vec::len), Some(0));
    pane.press(&["p"]);
    pane.expect("Promise a call back at:");
    pane.type_text("mon 10:00");
    pane.press(&["Enter"]);
    when_shown(
        &pane,
        "To log: voicemail, promise Mon 2026-11-30 10:00.",
        &["Enter"],
    );
    when_shown(&pane, "Logged call (voicemail) with Ann Ames", &["q"]);
    assert_eq!(pane.status(), 0);
    let attempts = f.show(1)["attempts"].clone();
    assert_eq!(attempts.as_array().map(Vec::len), Some(1), "{attempts}");
    assert_eq!(attempts[0]["promise"], "2026-11-30T10:00:00");
}
