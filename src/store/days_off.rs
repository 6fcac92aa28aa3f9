//! The days off kept in the database: holidays imported from calendar files, and the days
//! away. The tracker adds them to the cadence file's calendar.
//!
//! Days away belong to someone: `rep` names a rep of a team book, `None` the book's own (a
//! personal book's, or a server's before `team init`). On a team, row-level security lets a
//! rep read and change only their own rows, and a manager every rep's.

use chrono::{NaiveDate, NaiveDateTime};

use super::error::StoreError;
use super::{Reader, Writer};
use crate::holidays::{Holiday, HolidayList, Source};

impl Reader<'_> {
    /// The imported holidays, one list per file they came from, by file name and date.
    pub fn imported_holidays(&self) -> Result<Vec<HolidayList>, StoreError> {
        let rows = self.rows(
            "SELECT source, day, name FROM holidays ORDER BY source, day",
            &[],
            |row| {
                Ok((
                    row.get::<String>(0)?,
                    Holiday {
                        date: row.get(1)?,
                        name: row.get(2)?,
                    },
                ))
            },
            "reading imported holidays",
        )?;
        Ok(by_source(rows))
    }

    /// [`Reader::imported_holidays`] and the book's own [`Reader::away_days`] (`None`: not a
    /// rep's) in one statement: what a personal book adds to the calendar first, in one round
    /// trip to a server instead of two. An away day is a row without a source.
    pub fn days_off(&self) -> Result<(Vec<HolidayList>, Vec<NaiveDate>), StoreError> {
        let rows = self.rows(
            "SELECT source, day, name FROM holidays
             UNION ALL SELECT NULL, day, NULL FROM away_days WHERE rep IS NULL
             ORDER BY 1, 2",
            &[],
            |row| {
                let day: NaiveDate = row.get(1)?;
                Ok(match row.get::<Option<String>>(0)? {
                    Some(source) => DayOff::Holiday(
                        source,
                        Holiday {
                            date: day,
                            name: row.get(2)?,
                        },
                    ),
                    None => DayOff::Away(day),
                })
            },
            "reading the days off",
        )?;
        let mut holidays = Vec::new();
        let mut away = Vec::new();
        for row in rows {
            match row {
                DayOff::Holiday(source, holiday) => holidays.push((source, holiday)),
                DayOff::Away(day) => away.push(day),
            }
        }
        Ok((by_source(holidays), away))
    }

    /// Every day `rep` marked away (`None`: the book's own), in order.
    pub fn away_days(&self, rep: Option<i64>) -> Result<Vec<NaiveDate>, StoreError> {
        self.rows(
            "SELECT day FROM away_days WHERE rep = ?1 OR (rep IS NULL AND ?1 IS NULL)
             ORDER BY day",
            &[&rep],
            |row| row.get(0),
            "reading the days away",
        )
    }

    /// The imported holidays and the days away of every active rep this session may read
    /// (its own, or a manager's every rep's) as `(rep, day)`, in one statement: what a team
    /// book adds to the calendar first, in one round trip. A deactivated rep's days away are
    /// no one's to skip: their files are anyone's to claim.
    #[allow(clippy::type_complexity)]
    pub fn team_days_off(&self) -> Result<(Vec<HolidayList>, Vec<(i64, NaiveDate)>), StoreError> {
        let rows = self.rows(
            "SELECT source, day, name, NULL FROM holidays
             UNION ALL SELECT NULL, day, NULL, rep FROM away_days
                 WHERE rep IN (SELECT id FROM reps WHERE active)
             ORDER BY 1, 4, 2",
            &[],
            |row| {
                let day: NaiveDate = row.get(1)?;
                Ok(match row.get::<Option<String>>(0)? {
                    Some(source) => (
                        Some((
                            source,
                            Holiday {
                                date: day,
                                name: row.get(2)?,
                            },
                        )),
                        None,
                    ),
                    None => (None, Some((row.get::<i64>(3)?, day))),
                })
            },
            "reading the team's days off",
        )?;
        let (holidays, away): (Vec<_>, Vec<_>) = rows.into_iter().unzip();
        Ok((
            by_source(holidays.into_iter().flatten().collect()),
            away.into_iter().flatten().collect(),
        ))
    }

    /// The days away of every rep this session may read (its own, or a manager's every
    /// rep's), as `(rep, day)` by rep and day.
    pub fn reps_away_days(&self) -> Result<Vec<(i64, NaiveDate)>, StoreError> {
        self.rows(
            "SELECT rep, day FROM away_days WHERE rep IS NOT NULL ORDER BY rep, day",
            &[],
            |row| Ok((row.get(0)?, row.get(1)?)),
            "reading the reps' days away",
        )
    }
}

/// A row of [`Reader::days_off`].
enum DayOff {
    /// An imported holiday and the file it came from.
    Holiday(String, Holiday),
    Away(NaiveDate),
}

/// Holidays in order of their source file, one list per file.
fn by_source(rows: Vec<(String, Holiday)>) -> Vec<HolidayList> {
    let mut lists: Vec<HolidayList> = Vec::new();
    for (source, holiday) in rows {
        match lists.last_mut() {
            Some(list) if list.source == Source::Imported(source.clone()) => {
                list.holidays.push(holiday);
            }
            _ => lists.push(HolidayList {
                source: Source::Imported(source),
                holidays: vec![holiday],
                skipped: Vec::new(),
            }),
        }
    }
    lists
}

impl Writer<'_> {
    /// Replaces the holidays imported from the file named `source` with `holidays`; returns
    /// how many it held before.
    pub fn replace_imported_holidays(
        &self,
        source: &str,
        holidays: &[Holiday],
        at: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        let removed = self.clear_imported_holidays(Some(source))?;
        for holiday in holidays {
            self.conn().execute(
                "INSERT INTO holidays (source, day, name, imported_at) VALUES (?1, ?2, ?3, ?4)",
                &[&source, &holiday.date, &holiday.name, &at],
                "importing holidays",
            )?;
        }
        Ok(removed)
    }

    /// Forgets the holidays imported from `source`, or from every file; returns how many.
    pub fn clear_imported_holidays(&self, source: Option<&str>) -> Result<usize, StoreError> {
        self.conn().execute(
            "DELETE FROM holidays WHERE source = ?1 OR ?1 IS NULL",
            &[&source],
            "removing imported holidays",
        )
    }

    /// Marks every day from `from` to `to` (both included) away for `rep` (`None`: the
    /// book's own); returns how many were not already.
    pub fn mark_away(
        &self,
        rep: Option<i64>,
        from: NaiveDate,
        to: NaiveDate,
        at: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        let mut added = 0;
        for day in from.iter_days().take_while(|day| *day <= to) {
            // A day marked already meets the unique index on (rep, day): nothing is added.
            added += self.conn().execute(
                "INSERT INTO away_days (day, marked_at, rep) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                &[&day, &at, &rep],
                "marking days away",
            )?;
        }
        Ok(added)
    }

    /// Unmarks the days away of `rep` (`None`: the book's own) from `from` to `to` (both
    /// included), or all of them; returns how many.
    pub fn clear_away(
        &self,
        rep: Option<i64>,
        range: Option<(NaiveDate, NaiveDate)>,
    ) -> Result<usize, StoreError> {
        let (from, to) = range.unzip();
        self.conn().execute(
            "DELETE FROM away_days WHERE (rep = ?3 OR (rep IS NULL AND ?3 IS NULL))
                AND (day >= ?1 OR ?1 IS NULL) AND (day <= ?2 OR ?2 IS NULL)",
            &[&from, &to, &rep],
            "clearing days away",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn at() -> NaiveDateTime {
        date("2026-11-23").and_hms_opt(9, 0, 0).unwrap()
    }

    fn holiday(day: &str, name: &str) -> Holiday {
        Holiday {
            date: date(day),
            name: name.to_string(),
        }
    }

    #[test]
    fn importing_a_file_again_replaces_its_holidays_only() {
        let mut store = Store::in_memory().unwrap();
        store
            .write(|writer| {
                writer.replace_imported_holidays(
                    "us.ics",
                    &[holiday("2026-11-26", "Thanksgiving")],
                    at(),
                )?;
                writer.replace_imported_holidays(
                    "de.ics",
                    &[holiday("2026-10-03", "Tag der Deutschen Einheit")],
                    at(),
                )?;
                let removed = writer.replace_imported_holidays(
                    "us.ics",
                    &[
                        holiday("2026-11-26", "Thanksgiving Day"),
                        holiday("2026-12-25", "Christmas; DROP TABLE holidays"),
                    ],
                    at(),
                )?;
                assert_eq!(removed, 1);
                Ok::<_, StoreError>(())
            })
            .unwrap();
        let lists = store.reader().imported_holidays().unwrap();
        assert_eq!(lists.len(), 2);
        assert_eq!(lists[0].source, Source::Imported("de.ics".into()));
        assert_eq!(
            lists[1].holidays,
            [
                holiday("2026-11-26", "Thanksgiving Day"),
                holiday("2026-12-25", "Christmas; DROP TABLE holidays")
            ]
        );

        let removed = store
            .write(|writer| writer.clear_imported_holidays(Some("de.ics")))
            .unwrap();
        assert_eq!(removed, 1);
        assert_eq!(store.reader().imported_holidays().unwrap().len(), 1);
        store
            .write(|writer| writer.clear_imported_holidays(None))
            .unwrap();
        assert!(store.reader().imported_holidays().unwrap().is_empty());
    }

    #[test]
    fn the_days_off_read_together_are_those_read_apart() {
        let mut store = Store::in_memory().unwrap();
        assert_eq!(store.reader().days_off().unwrap(), (Vec::new(), Vec::new()));
        store
            .write(|writer| {
                writer.replace_imported_holidays(
                    "us.ics",
                    &[
                        holiday("2026-12-25", "Christmas"),
                        holiday("2026-11-26", "Thanksgiving"),
                    ],
                    at(),
                )?;
                writer.replace_imported_holidays(
                    "de.ics",
                    &[holiday("2026-10-03", "Tag der Deutschen Einheit")],
                    at(),
                )?;
                writer.mark_away(None, date("2026-12-28"), date("2026-12-30"), at())?;
                writer.mark_away(None, date("2026-11-27"), date("2026-11-27"), at())
            })
            .unwrap();
        let reader = store.reader();
        let (holidays, away) = reader.days_off().unwrap();
        assert_eq!(holidays, reader.imported_holidays().unwrap());
        assert_eq!(away, reader.away_days(None).unwrap());
        assert_eq!(holidays.len(), 2);
        assert_eq!(away.len(), 4);
    }

    #[test]
    fn days_away_are_marked_once_and_cleared_by_range() {
        let mut store = Store::in_memory().unwrap();
        let added = store
            .write(|writer| {
                let first = writer.mark_away(None, date("2026-12-21"), date("2026-12-31"), at())?;
                let again = writer.mark_away(None, date("2026-12-28"), date("2027-01-01"), at())?;
                Ok::<_, StoreError>((first, again))
            })
            .unwrap();
        assert_eq!(added, (11, 1));
        let cleared = store
            .write(|writer| writer.clear_away(None, Some((date("2026-12-30"), date("2027-01-05")))))
            .unwrap();
        assert_eq!(cleared, 3);
        let days = store.reader().away_days(None).unwrap();
        assert_eq!(days.first(), Some(&date("2026-12-21")));
        assert_eq!(days.last(), Some(&date("2026-12-29")));
        assert_eq!(
            store.write(|writer| writer.clear_away(None, None)).unwrap(),
            9
        );
    }

    #[test]
    fn each_reps_days_away_are_their_own_and_the_books_are_apart() {
        let mut store = Store::in_memory().unwrap();
        let (mia, omar) = store
            .write(|writer| {
                let rep = |name: &'static str, email: &'static str| crate::store::NewRep {
                    name,
                    email,
                    role_name: name,
                    manager: false,
                    phone: None,
                };
                let mia = writer.insert_rep(&rep("mia", "mia@example.com"), at())?.id;
                let omar = writer
                    .insert_rep(&rep("omar", "omar@example.com"), at())?
                    .id;
                writer.mark_away(Some(mia), date("2026-12-21"), date("2026-12-23"), at())?;
                // The same day for another rep, and for the book, is another row.
                assert_eq!(
                    writer.mark_away(Some(omar), date("2026-12-23"), date("2026-12-23"), at())?,
                    1
                );
                assert_eq!(
                    writer.mark_away(None, date("2026-12-23"), date("2026-12-24"), at())?,
                    2
                );
                assert_eq!(
                    writer.mark_away(Some(mia), date("2026-12-23"), date("2026-12-23"), at())?,
                    0
                );
                Ok::<_, StoreError>((mia, omar))
            })
            .unwrap();
        let reader = store.reader();
        assert_eq!(reader.away_days(Some(mia)).unwrap().len(), 3);
        assert_eq!(reader.away_days(Some(omar)).unwrap(), [date("2026-12-23")]);
        assert_eq!(
            reader.away_days(None).unwrap(),
            [date("2026-12-23"), date("2026-12-24")]
        );
        assert_eq!(reader.reps_away_days().unwrap().len(), 4);
        // Clearing one rep's every day leaves the others' and the book's.
        assert_eq!(
            store
                .write(|writer| writer.clear_away(Some(mia), None))
                .unwrap(),
            3
        );
        assert_eq!(
            store.reader().reps_away_days().unwrap(),
            [(omar, date("2026-12-23"))]
        );
        assert_eq!(store.reader().away_days(None).unwrap().len(), 2);
    }

    #[test]
    fn a_failed_write_leaves_no_day_behind() {
        let mut store = Store::in_memory().unwrap();
        let result = store.write(|writer| {
            writer.mark_away(None, date("2026-12-21"), date("2026-12-24"), at())?;
            Err::<(), _>(StoreError::Corrupt {
                what: "test",
                value: "rollback".into(),
            })
        });
        assert!(result.is_err());
        assert!(store.reader().away_days(None).unwrap().is_empty());
    }
}
