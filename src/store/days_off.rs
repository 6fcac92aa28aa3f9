//! The days off kept in the database: holidays imported from calendar files, and the days
//! the salesperson is away. The tracker adds them to the cadence file's calendar.

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

    /// [`Reader::imported_holidays`] and [`Reader::away_days`] in one statement: what every
    /// command adds to the calendar first, in one round trip to a server instead of two. An
    /// away day is a row without a source.
    pub fn days_off(&self) -> Result<(Vec<HolidayList>, Vec<NaiveDate>), StoreError> {
        let rows = self.rows(
            "SELECT source, day, name FROM holidays
             UNION ALL SELECT NULL, day, NULL FROM away_days
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

    /// Every day marked away, in order.
    pub fn away_days(&self) -> Result<Vec<NaiveDate>, StoreError> {
        self.rows(
            "SELECT day FROM away_days ORDER BY day",
            &[],
            |row| row.get(0),
            "reading the days away",
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

    /// Marks every day from `from` to `to` (both included) away; returns how many were not
    /// already.
    pub fn mark_away(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        at: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        let mut added = 0;
        for day in from.iter_days().take_while(|day| *day <= to) {
            added += self.conn().execute(
                "INSERT INTO away_days (day, marked_at) VALUES (?1, ?2)
                 ON CONFLICT (day) DO NOTHING",
                &[&day, &at],
                "marking days away",
            )?;
        }
        Ok(added)
    }

    /// Unmarks the days away from `from` to `to` (both included), or all of them; returns
    /// how many.
    pub fn clear_away(&self, range: Option<(NaiveDate, NaiveDate)>) -> Result<usize, StoreError> {
        let (from, to) = range.unzip();
        self.conn().execute(
            "DELETE FROM away_days WHERE (day >= ?1 OR ?1 IS NULL) AND (day <= ?2 OR ?2 IS NULL)",
            &[&from, &to],
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
                writer.mark_away(date("2026-12-28"), date("2026-12-30"), at())?;
                writer.mark_away(date("2026-11-27"), date("2026-11-27"), at())
            })
            .unwrap();
        let reader = store.reader();
        let (holidays, away) = reader.days_off().unwrap();
        assert_eq!(holidays, reader.imported_holidays().unwrap());
        assert_eq!(away, reader.away_days().unwrap());
        assert_eq!(holidays.len(), 2);
        assert_eq!(away.len(), 4);
    }

    #[test]
    fn days_away_are_marked_once_and_cleared_by_range() {
        let mut store = Store::in_memory().unwrap();
        let added = store
            .write(|writer| {
                let first = writer.mark_away(date("2026-12-21"), date("2026-12-31"), at())?;
                let again = writer.mark_away(date("2026-12-28"), date("2027-01-01"), at())?;
                Ok::<_, StoreError>((first, again))
            })
            .unwrap();
        assert_eq!(added, (11, 1));
        let cleared = store
            .write(|writer| writer.clear_away(Some((date("2026-12-30"), date("2027-01-05")))))
            .unwrap();
        assert_eq!(cleared, 3);
        let days = store.reader().away_days().unwrap();
        assert_eq!(days.first(), Some(&date("2026-12-21")));
        assert_eq!(days.last(), Some(&date("2026-12-29")));
        assert_eq!(store.write(|writer| writer.clear_away(None)).unwrap(), 9);
    }

    #[test]
    fn a_failed_write_leaves_no_day_behind() {
        let mut store = Store::in_memory().unwrap();
        let result = store.write(|writer| {
            writer.mark_away(date("2026-12-21"), date("2026-12-24"), at())?;
            Err::<(), _>(StoreError::Corrupt {
                what: "test",
                value: "rollback".into(),
            })
        });
        assert!(result.is_err());
        assert!(store.reader().away_days().unwrap().is_empty());
    }
}
