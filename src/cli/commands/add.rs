use super::non_blank;
use crate::cli::args::AddArgs;
use crate::cli::session::Session;
use crate::domain::Contact;
use crate::error::Result;
use crate::render::dossier::ProspectView;
use crate::render::sanitize::clean;
use crate::render::{day, json, view};
use crate::tracker::NewProspect;

pub fn run(args: AddArgs, session: Session) -> Result<String> {
    let fields = args.fields;
    let start = fields
        .start
        .as_deref()
        .map(|text| session.parse_date("--start", text))
        .transpose()?;
    let new = NewProspect {
        contact: Contact {
            ground_rules: false,
            main_line: non_blank(fields.main_line),
            name: args.name,
            company: non_blank(fields.company),
            phone: non_blank(fields.phone),
            email: non_blank(fields.email),
            title: non_blank(fields.title),
            prefers: fields.prefers.and_then(|cleared| cleared.0),
            next_step: non_blank(fields.next_step),
            topic: non_blank(fields.topic),
            assistant: non_blank(fields.assistant),
            assistant_phone: non_blank(fields.assistant_phone),
            note: non_blank(fields.note),
            time_zone: fields
                .tz
                .as_deref()
                .map(super::zone_flag)
                .transpose()?
                .flatten(),
        },
        cadence: non_blank(fields.cadence),
        start,
        allow_duplicate: args.force,
    };
    let warnings = session.warnings();
    let mut tracker = session.tracker()?;
    let prospect = tracker.add(new)?;
    if let Some(warning) = view::unusable_preference(&prospect) {
        warnings.push(warning);
    }
    if args.json {
        return Ok(json::to_string(&ProspectView::from(&prospect)));
    }
    let company = prospect
        .contact
        .company
        .as_deref()
        .map(|company| format!(" ({})", clean(company)))
        .unwrap_or_default();
    Ok(format!(
        "Added prospect {}: {}{company}, cadence {}. First touch due {}.\n",
        prospect.id,
        clean(&prospect.contact.name),
        clean(&prospect.cadence),
        day(prospect.start)
    ))
}
