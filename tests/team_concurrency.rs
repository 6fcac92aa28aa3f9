//! Twenty reps working one team book at the same moment, each as their own PostgreSQL role,
//! while a manager hands out the pool: no logged touch is lost, no file ends up worked by two
//! reps, and the audit holds one row per change.
//!
//! PostgreSQL only: skips (saying why) without the server's binaries, unless `CI` is set.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::process::Output;
use std::time::{Duration, Instant};

use common::Followup;
use serde_json::Value;

const REPS: usize = 20;
const LEADS: usize = 60;
/// How long the reps work: the ten seconds.
const WORK: Duration = Duration::from_secs(10);

/// The URL of the world's database for another role.
fn as_role(world: &Followup, role: &str) -> String {
    let url = world.server().expect("a PostgreSQL world");
    let (_, rest) = url
        .split_once('@')
        .expect("postgresql://USER@/NAME?host=...");
    format!("postgresql://{role}@{rest}")
}

/// `followup ARGS` as `role`, on the world's clock.
fn run_as(world: &Followup, role: &str, args: &[&str]) -> Output {
    world
        .process(args)
        .env("FOLLOWUP_DB", as_role(world, role))
        .output()
        .expect("followup runs")
}

/// A small deterministic generator, so that each rep's choices differ but replay the same.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// What one rep did: the files they logged a touch on, and the refusals they met.
#[derive(Default)]
struct Worked {
    logged: Vec<i64>,
    refused: usize,
}

fn work(world: &Followup, role: &str, seed: u64, until: Instant) -> Worked {
    let mut dice = Dice(seed);
    let mut worked = Worked::default();
    // Past the deadline a rep goes on until they have logged twice (or have nothing left), so
    // that a slow machine still races every rep against the others: no count of work here
    // depends on the machine's speed.
    while Instant::now() < until || worked.logged.len() < 2 {
        let listed = run_as(world, role, &["today", "--json"]);
        assert!(listed.status.success(), "{role}: today failed: {listed:?}");
        let actions: Vec<Value> = serde_json::from_slice(&listed.stdout).expect("today's JSON");
        if actions.is_empty() {
            break;
        }
        let id = actions[dice.below(actions.len())]["id"].as_i64().unwrap();
        let logged = run_as(
            world,
            role,
            &["log", &id.to_string(), "--outcome", "no-answer"],
        );
        match logged.status.code() {
            Some(0) => worked.logged.push(id),
            // Another rep claimed it between the list and the log: said in one line.
            Some(1) => {
                let said = String::from_utf8_lossy(&logged.stderr);
                assert!(said.starts_with("error: "), "{role}: {said}");
                worked.refused += 1;
            }
            _ => panic!("{role}: log {id} ended {logged:?}"),
        }
    }
    worked
}

#[test]
fn twenty_reps_at_once_lose_no_touch_and_never_share_a_lead() {
    let Some(world) = Followup::postgres() else {
        return;
    };
    let db = common::team::database_name(&world);
    world.ok(&[
        "team",
        "init",
        "--name",
        "Maria Manager",
        "--email",
        "maria@team.example",
    ]);
    // Roles are global to the cluster: named after this test's database.
    let roles: Vec<String> = (1..=REPS).map(|n| format!("{db}_rep{n}")).collect();
    for (n, role) in roles.iter().enumerate() {
        world.ok(&[
            "rep",
            "add",
            &format!("Rep {}", n + 1),
            "--email",
            &format!("rep{}@team.example", n + 1),
            "--role",
            role,
            "--create-role",
        ]);
    }
    for lead in 0..LEADS {
        world.add(
            &format!("Lead {lead}"),
            &["--phone", &format!("555-{:04}", lead)],
        );
    }

    let until = Instant::now() + WORK;
    let (worked, assigned) = std::thread::scope(|scope| {
        let reps: Vec<_> = roles
            .iter()
            .enumerate()
            .map(|(n, role)| {
                let world = &world;
                scope.spawn(move || work(world, role, n as u64 + 1, until))
            })
            .collect();
        // A third of the way in, the manager hands what is left of the pool out.
        let manager = scope.spawn(|| {
            std::thread::sleep(WORK / 3);
            world.json(&["assign", "--round-robin", "--json"])
        });
        let worked: Vec<Worked> = reps.into_iter().map(|rep| rep.join().unwrap()).collect();
        (worked, manager.join().unwrap())
    });

    let mut admin = common::cluster::required_cluster().connect(world.server().unwrap());
    let count = |admin: &mut postgres::Client, sql: &str| -> i64 {
        admin.query_one(sql, &[]).unwrap().get(0)
    };

    // No touch lost: every log that said it was done is in the database, and nothing else.
    let logged: usize = worked.iter().map(|w| w.logged.len()).sum();
    assert!(logged >= REPS, "the reps logged only {logged} touches");
    assert_eq!(
        count(&mut admin, "SELECT count(*) FROM attempts") as usize,
        logged
    );

    // Never two reps on one lead: each file's touches were all logged by its owner.
    let mut reps_by_file: BTreeMap<i64, BTreeSet<Option<i64>>> = BTreeMap::new();
    for row in admin
        .query("SELECT a.prospect_id, a.rep, p.owner FROM attempts a JOIN prospects p ON p.id = a.prospect_id", &[])
        .unwrap()
    {
        let (file, rep, owner): (i64, Option<i64>, Option<i64>) = (row.get(0), row.get(1), row.get(2));
        assert_eq!(rep, owner, "file {file}: a touch by rep {rep:?}, but it is owned by {owner:?}");
        reps_by_file.entry(file).or_default().insert(rep);
    }
    assert!(
        reps_by_file.values().all(|reps| reps.len() == 1),
        "{reps_by_file:?}"
    );
    // The claims raced: some rep met a file another had just taken.
    let refused: usize = worked.iter().map(|w| w.refused).sum();
    let assigned = assigned.as_array().map_or(0, Vec::len);
    eprintln!("{logged} touches logged, {refused} claims refused, {assigned} files assigned");

    // One audit row per change: each touch, and each file's one move out of the pool.
    assert_eq!(
        count(
            &mut admin,
            "SELECT count(*) FROM audit WHERE action = 'log'"
        ) as usize,
        logged
    );
    let owned = count(
        &mut admin,
        "SELECT count(*) FROM prospects WHERE owner IS NOT NULL",
    );
    assert_eq!(
        count(
            &mut admin,
            "SELECT count(*) FROM audit WHERE action IN ('claim', 'assign')"
        ),
        owned
    );
}
