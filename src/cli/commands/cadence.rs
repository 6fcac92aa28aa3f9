use crate::cli::args::{CadenceCommand, CadenceShowArgs};
use crate::cli::session::Session;
use crate::config::{self, DEFAULT_CADENCE};
use crate::error::{Error, Result};
use crate::render::sanitize::clean;
use crate::render::{self, json, plural};
use crate::speaking;
use crate::timeline;

pub fn run(command: CadenceCommand, session: Session) -> Result<String> {
    match command {
        CadenceCommand::Show(args) => show(args, session),
        CadenceCommand::Check(_) => Ok(check(&session)),
        // Normally run before any session (`without_session`), so that a missing or broken
        // file does not stop it.
        CadenceCommand::Init(args) => {
            let target = args.cadence_file.path.clone();
            super::cadence_init::run(&args, target, Some(&session.db_path()?))
        }
    }
}

fn show(args: CadenceShowArgs, session: Session) -> Result<String> {
    let name = args.name.as_deref().unwrap_or(DEFAULT_CADENCE);
    let width = session.width;
    let start = match args.start.as_deref() {
        Some(text) => session.parse_date("--start", text)?,
        None => session.now.date(),
    };
    // The holidays imported and the days away in the database count too, when there is one.
    let file_config = session.config.clone();
    let tracker = session.existing_tracker()?;
    let config = tracker
        .as_ref()
        .map_or(&file_config, |tracker| tracker.config());
    let cadence = config.cadence(name).ok_or_else(|| Error::UnknownCadence {
        name: name.to_string(),
        file: config.origin.describe(),
        known: config
            .cadence_names()
            .into_iter()
            .map(String::from)
            .collect(),
    })?;
    let rows = timeline::timeline(cadence, &config.calendar, start);
    if args.json {
        return Ok(json::to_string(&rows));
    }
    Ok(render::timeline::render(
        name,
        &config::describe(cadence),
        start,
        &rows,
        width,
    ))
}

fn check(session: &Session) -> String {
    let config = &session.config;
    // Voicemails that run long or say too little: worth knowing, and no reason to refuse.
    for warning in speaking::check(config) {
        session.warnings().push(format!(
            "{}, key `{}`: {}",
            config.origin.describe(),
            warning.key,
            warning.describe(config.words_per_minute)
        ));
    }
    // Phrases that give the prospect no reason to answer, named template by template.
    for warning in crate::filler::check(config) {
        session.warnings().push(format!(
            "{}, key `{}`: {}",
            config.origin.describe(),
            warning.key,
            warning.describe()
        ));
    }
    let mut out = format!("{}: OK\n", clean(&config.origin.describe()));
    for cadence in config.cadences() {
        let own = match config.templates.own_count(&cadence.name) {
            0 => String::new(),
            count => format!(
                "; {} of its own in [templates.{}]",
                plural(count as i64, "message"),
                clean(&cadence.name)
            ),
        };
        out.push_str(&format!(
            "  cadence {}: {}, {}{own}\n",
            clean(&cadence.name),
            config::describe(cadence),
            config::describe_drip(cadence)
        ));
    }
    let workdays: Vec<String> = config
        .calendar
        .workdays()
        .map(|day| day.to_string())
        .collect();
    let workdays = workdays.join(" ");
    out.push_str(&format!(
        "  calendar: works {workdays}; {}",
        plural(config.calendar.holidays().count() as i64, "holiday")
    ));
    let sources: Vec<String> = config
        .holiday_lists
        .iter()
        .map(|list| {
            format!(
                "{} from {}",
                list.holidays.len(),
                clean(&list.source.to_string())
            )
        })
        .collect();
    if !sources.is_empty() {
        out.push_str(&format!(" ({})", sources.join(", ")));
    }
    if let Some(limit) = config.max_touches_per_day {
        out.push_str(&format!("; at most {limit} actions a day"));
    }
    // The zone matters to every promised time, so the check says which one is in effect.
    let zones = &config.zones;
    match zones.configured {
        Some(zone) => out.push_str(&format!("; your time zone {}", zone.name())),
        None => out.push_str(&format!(
            "; your time zone {} (the system's)",
            zones.mine.name()
        )),
    }
    if let Some(hours) = zones.call_hours {
        out.push_str(&format!("; prospects are called {hours} their time"));
    }
    out.push('\n');
    out
}
