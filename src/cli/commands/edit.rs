use super::non_blank;
use crate::cli::args::EditArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::sanitize::clean;
use crate::render::view;
use crate::tracker::ProspectPatch;

pub fn run(args: EditArgs, session: Session) -> Result<String> {
    let fields = args.fields;
    let start = fields
        .start
        .as_deref()
        .map(|text| session.parse_date("--start", text))
        .transpose()?;
    // A flag given with an empty value clears the field.
    let clearable = |value: Option<String>| value.map(|text| non_blank(Some(text)));
    let patch = ProspectPatch {
        name: args.name,
        company: clearable(fields.company),
        phone: clearable(fields.phone),
        email: clearable(fields.email),
        title: clearable(fields.title),
        prefers: fields.prefers.map(|cleared| cleared.0),
        next_step: clearable(fields.next_step),
        topic: clearable(fields.topic),
        assistant: clearable(fields.assistant),
        assistant_phone: clearable(fields.assistant_phone),
        note: clearable(fields.note),
        time_zone: fields.tz.as_deref().map(super::zone_flag).transpose()?,
        ground_rules: args.ground_rules,
        main_line: clearable(fields.main_line),
        cadence: non_blank(fields.cadence),
        start,
        drip: args.drip,
    };
    let warnings = session.warnings();
    let mut tracker = session.tracker()?;
    let id = tracker.resolve(&args.prospect)?;
    let prospect = tracker.edit(id, patch)?;
    if let Some(warning) = view::unusable_preference(&prospect) {
        warnings.push(warning);
    }
    Ok(format!(
        "Updated prospect {}: {}.\n",
        prospect.id,
        clean(&prospect.contact.name)
    ))
}
