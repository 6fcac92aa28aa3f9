//! `followup rep add|list|deactivate|edit`: the reps of a team.

use super::team::server_only;
use crate::cli::session::Session;
use crate::cli::team_args::{RepAddArgs, RepCommand, RepDeactivateArgs, RepEditArgs, RepListArgs};
use crate::error::Result;
use crate::render::fit::{self, Fit};
use crate::render::sanitize::clean;
use crate::render::{json, plural, table};
use crate::store::{RoleMade, nologin_statement};
use crate::tracker::{RepAdded, RepRequest};

pub fn run(command: RepCommand, session: Session) -> Result<String> {
    match command {
        RepCommand::Add(args) => add(args, session),
        RepCommand::List(args) => list(args, session),
        RepCommand::Deactivate(args) => deactivate(args, session),
        RepCommand::Edit(args) => edit(args, session),
    }
}

fn add(args: RepAddArgs, session: Session) -> Result<String> {
    server_only(&session, "rep add")?;
    let width = session.width;
    let mut tracker = session.tracker()?;
    let added = tracker.add_rep(&RepRequest {
        name: args.name,
        email: args.email,
        role: args.role,
        manager: args.manager,
        phone: args.phone,
        create_role: args.create_role,
    })?;
    let text = added_text(&added);
    // SQL is left as it is, for psql; sentences fit the terminal.
    Ok(match added.made {
        Some(_) => table::indented(&text, "", width) + "\n",
        None => text,
    })
}

/// What `rep add` says. Without --create-role every line is SQL or an SQL comment, so that the
/// whole output can be piped into psql.
fn added_text(added: &RepAdded) -> String {
    let rep = &added.rep;
    let role = clean(&rep.role_name);
    let who = format!(
        "{} <{}> as a {}",
        clean(&rep.name),
        clean(&rep.email),
        if rep.manager { "manager" } else { "rep" }
    );
    let password = format!(
        "set the role's password in psql with \\password {role} (or let them in by peer \
         authentication), and give them the URL with user {role}"
    );
    let added_who = match added.again {
        true => format!("{who} is on the team already"),
        false => format!("Added {who}"),
    };
    match added.made {
        Some(RoleMade::Created) => format!(
            "{added_who}, and created the role {role} with what followup needs.\n\
             Now {password}.\n"
        ),
        Some(RoleMade::Granted) => format!(
            "{added_who}. The role {role} existed already: it was granted what followup \
             needs.\n"
        ),
        None => {
            let mut out = format!(
                "-- {added_who} (role {role}).\n\
                 -- For them to connect, a database administrator runs this in psql on the \
                 team's database\n\
                 -- (as a superuser, or as the tables' owner with CREATEROLE):\n"
            );
            for statement in &added.statements {
                out.push_str(statement);
                out.push_str(";\n");
            }
            out.push_str(&format!("-- Then {password}.\n"));
            out
        }
    }
}

fn list(args: RepListArgs, session: Session) -> Result<String> {
    server_only(&session, "rep list")?;
    let width = session.width;
    let tracker = session.tracker()?;
    let reps = tracker.team_reps()?;
    if args.json {
        return Ok(json::to_string(&reps));
    }
    if reps.is_empty() {
        return Ok(
            "No reps yet: the database's owner sets the team up with `followup team \
                   init --name NAME --email E`.\n"
                .to_string(),
        );
    }
    let cells: Vec<Vec<String>> = reps
        .iter()
        .map(|line| {
            let rep = &line.rep;
            // Whether they manage and whether they are active ride with the name, which
            // leaves room on an 80-column screen for the email, which never wraps.
            let standing = match (rep.manager, rep.active) {
                (true, true) => " (manager)",
                (true, false) => " (manager, inactive)",
                (false, true) => "",
                (false, false) => " (inactive)",
            };
            vec![
                rep.id.to_string(),
                format!("{}{standing}", clean(&rep.name)),
                clean(&rep.email).into_owned(),
                clean(&rep.role_name).into_owned(),
                rep.phone
                    .as_deref()
                    .map_or(String::new(), |phone| clean(phone).into_owned()),
                line.open_files.to_string(),
            ]
        })
        .collect();
    let shown = fit::rows(
        width,
        &[
            ("Id", Fit::Whole),
            ("Name", Fit::Wrap(8)),
            ("Email", Fit::Wrap(12)),
            ("Role", Fit::Wrap(6)),
            ("Phone", Fit::Wrap(6)),
            ("Open files", Fit::Wrap(5)),
        ],
        &cells,
    );
    Ok(format!("{shown}\n"))
}

fn deactivate(args: RepDeactivateArgs, session: Session) -> Result<String> {
    server_only(&session, "rep deactivate")?;
    let mut tracker = session.tracker()?;
    let rep = tracker.deactivate_rep(&args.email)?;
    let who = format!("{} <{}>", clean(&rep.name), clean(&rep.email));
    if !rep.active {
        return Ok(format!("{who} was deactivated already; nothing changed.\n"));
    }
    let open = tracker
        .team_reps()?
        .into_iter()
        .find(|line| line.rep.id == rep.id)
        .map_or(0, |line| line.open_files);
    let stay = if open == 1 { "stays" } else { "stay" };
    Ok(format!(
        "Deactivated {who}: their connection now reads and changes nothing, they get no new \
         files, and their {} {stay} theirs until reassigned.\n\
         To stop the role {} connecting at all, a database administrator runs:\n{};\n",
        plural(open, "open file"),
        clean(&rep.role_name),
        nologin_statement(&rep.role_name)
    ))
}

fn edit(args: RepEditArgs, session: Session) -> Result<String> {
    server_only(&session, "rep edit")?;
    let mut tracker = session.tracker()?;
    let phone =
        Some(args.phone.as_str()).filter(|phone| !phone.trim().eq_ignore_ascii_case("none"));
    let (was, is) = tracker.set_rep_phone(&args.email, phone)?;
    let who = format!("{} <{}>", clean(&is.name), clean(&is.email));
    let shown = |phone: &Option<String>| phone.as_deref().map(|phone| clean(phone).into_owned());
    let (was, is) = (shown(&was.phone), shown(&is.phone));
    Ok(match is {
        _ if was == is => format!(
            "{who}'s phone is {} already; nothing changed.\n",
            is.as_deref().unwrap_or("not set")
        ),
        Some(is) => {
            format!("{who}'s messages now give {is} where their own [me] gives no phone.\n")
        }
        None => format!(
            "Cleared {who}'s phone ({}): their messages give none unless their own [me] does.\n",
            was.unwrap_or_default()
        ),
    })
}
