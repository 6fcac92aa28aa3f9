//! Which field each column of a CSV file fills: recognized from the header, or named by the
//! user with `--map COLUMN=FIELD`, which wins over recognition.

use super::TransferError;
use super::field::Field;

/// `--map COLUMN=FIELD`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub column: String,
    pub field: Field,
}

impl Mapping {
    /// Splits at the last `=`: field names never hold one, column names might.
    pub fn parse(text: &str) -> Result<Mapping, TransferError> {
        let (column, field) = text.rsplit_once('=').ok_or_else(|| {
            TransferError::Map(format!(
                "--map '{text}' is not COLUMN=FIELD, e.g. --map \"Cell=phone\""
            ))
        })?;
        let column = column.trim();
        if column.is_empty() {
            return Err(TransferError::Map(format!(
                "--map '{text}' names no column; write COLUMN=FIELD"
            )));
        }
        let field = Field::parse(field).ok_or_else(|| {
            TransferError::Map(format!(
                "--map '{text}': '{}' is not a field; use one of: {}",
                field.trim(),
                Field::names().join(", ")
            ))
        })?;
        Ok(Mapping {
            column: column.to_string(),
            field,
        })
    }
}

/// The field of every column of a file.
#[derive(Debug, Clone)]
pub struct ColumnMap {
    headers: Vec<String>,
    fields: Vec<Option<Field>>,
}

impl ColumnMap {
    pub fn new(headers: &[String], mappings: &[Mapping]) -> Result<ColumnMap, TransferError> {
        let mut fields: Vec<Option<Field>> = headers
            .iter()
            .map(|header| Field::recognize(header))
            .collect();
        for mapping in mappings {
            let index = headers
                .iter()
                .position(|header| header.trim().eq_ignore_ascii_case(&mapping.column))
                .ok_or_else(|| {
                    TransferError::Map(format!(
                        "--map names column '{}', which the file does not have; its columns are: {}",
                        mapping.column,
                        headers.join(", ")
                    ))
                })?;
            fields[index] = Some(mapping.field);
        }
        let names_someone = fields.iter().any(|field| {
            matches!(
                field,
                Some(Field::Name | Field::FirstName | Field::LastName)
            )
        });
        if !names_someone {
            return Err(TransferError::Header(format!(
                "no column holds the name (looked for Name, Full Name, First Name and Last Name \
                 among: {}); name one with --map COLUMN=name",
                headers.join(", ")
            )));
        }
        Ok(ColumnMap {
            headers: headers.to_vec(),
            fields,
        })
    }

    /// The field of the column at `index`; `None` for unknown and ignored columns, and for
    /// cells past the header.
    pub fn field(&self, index: usize) -> Option<Field> {
        self.fields
            .get(index)
            .copied()
            .flatten()
            .filter(|field| *field != Field::Ignore)
    }

    /// How a column is called in messages and kept notes: its header, or its position when
    /// the header cell is blank.
    pub fn label(&self, index: usize) -> String {
        match self.headers.get(index).map(|header| header.trim()) {
            Some(header) if !header.is_empty() => header.to_string(),
            _ => format!("column {}", index + 1),
        }
    }

    /// The columns no field takes, in file order.
    pub fn unknown(&self) -> Vec<usize> {
        (0..self.headers.len())
            .filter(|index| self.fields[*index].is_none())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.headers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.headers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn recognized_columns_and_unknown_ones() {
        let map = ColumnMap::new(
            &headers(&["First Name", "Last Name", "Account Name", "Lead Source", ""]),
            &[],
        )
        .unwrap();
        assert_eq!(map.field(0), Some(Field::FirstName));
        assert_eq!(map.field(2), Some(Field::Company));
        assert_eq!(map.unknown(), vec![3, 4]);
        assert_eq!(map.label(3), "Lead Source");
        assert_eq!(map.label(4), "column 5");
    }

    #[test]
    fn a_mapping_names_a_column_and_wins_over_recognition() {
        let maps = [
            Mapping::parse("cell=phone").unwrap(),
            Mapping::parse("Phone=ignore").unwrap(),
        ];
        let map = ColumnMap::new(&headers(&["Name", "Phone", "Cell"]), &maps).unwrap();
        // An ignored column fills no field, and is not reported as unknown either.
        assert_eq!(map.field(1), None);
        assert_eq!(map.field(2), Some(Field::Phone));
        assert!(map.unknown().is_empty());
    }

    #[test]
    fn bad_mappings_are_refused_with_what_to_write() {
        for text in ["phone", "=phone", "Cell=telephone-number-2"] {
            let error = Mapping::parse(text).unwrap_err().to_string();
            assert!(error.contains("--map"), "{text}: {error}");
        }
        let missing = ColumnMap::new(
            &headers(&["Name"]),
            &[Mapping::parse("Cell=phone").unwrap()],
        );
        assert!(missing.unwrap_err().to_string().contains("'Cell'"));
        // A column name may itself hold '='.
        assert_eq!(Mapping::parse("a=b=email").unwrap().column, "a=b");
    }

    #[test]
    fn a_file_without_a_name_column_is_refused() {
        let error = ColumnMap::new(&headers(&["Company", "Phone"]), &[]).unwrap_err();
        assert!(error.to_string().contains("--map COLUMN=name"));
    }
}
