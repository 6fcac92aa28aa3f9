use crate::cli::args::ScriptArgs;
use crate::cli::session::Session;
use crate::domain::Step;
use crate::error::{Error, Result};
use crate::render::message;
use crate::script::{self, Gaps};
use crate::speaking;

pub fn run(args: ScriptArgs, session: Session) -> Result<String> {
    if args.step == Some(Step::Promised) {
        return Err(Error::Invalid(
            "`promised` is no longer a step: a promise sets when a touch happens, and the touch \
             keeps its own step; run `followup script PROSPECT` for the next action (it opens as \
             promised when it is), or name a step such as follow-up or rescue"
                .into(),
        ));
    }
    let tracker = session.tracker()?;
    let id = tracker.resolve(&args.prospect)?;
    let Some(due) = tracker.scripted(id, args.step)? else {
        return Err(Error::Invalid(format!(
            "nothing is planned for {id} ({}): the file is closed with no re-contact date; \
             name a step, e.g. `followup script {id} --step recontact`",
            tracker.prospect(id)?.contact.name
        )));
    };
    let (prospect, action) = (&due.prospect, &due.action);
    let config = tracker.config_for(prospect);
    if !args.email {
        let filled = script::message(
            prospect,
            action,
            due.following,
            &due.facts,
            config,
            Gaps::Marked,
        );
        let max_touches = config
            .cadence(&prospect.cadence)
            .and_then(|cadence| cadence.max_touches);
        let mut out = message::voice(prospect, action, max_touches, &filled);
        // A voicemail says how long it takes, so a long one can be trimmed before the call.
        if let Some(seconds) =
            script::speaking_seconds(prospect, action, due.following, &due.facts, config)
        {
            out.push_str(&format!(
                "\n({})\n",
                speaking::describe_length(seconds, config.words_per_minute)
            ));
        }
        return Ok(out);
    }
    let email = script::email(
        prospect,
        action,
        due.following,
        &due.facts,
        config,
        Gaps::Marked,
    );
    email
        .map(|(subject, body)| message::email(prospect, &subject, &body))
        .ok_or_else(|| {
            Error::Invalid(format!(
                "the {step} step has no email in {file}; add `{step}_subject` and `{step}_email` \
                 under [templates] (or [templates.{cadence}])",
                step = action.step,
                file = config.origin.describe(),
                cadence = prospect.cadence
            ))
        })
}
