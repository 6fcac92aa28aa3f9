//! A macro for the small closed vocabularies of the domain (channels, outcomes, steps...).
//!
//! Each vocabulary is spelled the same way everywhere: on the command line, in the database, in
//! JSON and in cadence.toml. Defining the spelling once keeps those four from drifting apart.

/// Names an unknown word and lists the accepted ones, for error messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} is not one of: {}", crate::quote::quoted(.value), .expected.join(", "))]
pub struct UnknownWord {
    pub value: String,
    pub expected: Vec<&'static str>,
}

macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The one spelling used on the command line, in storage and in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::domain::UnknownWord;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                // The exact spelling first: that is what the database holds.
                let exact = Self::ALL.iter().copied().find(|value| value.as_str() == text);
                exact
                    .or_else(|| {
                        Self::ALL
                            .iter()
                            .copied()
                            .find(|value| value.as_str().eq_ignore_ascii_case(text.trim()))
                    })
                    .ok_or_else(|| $crate::domain::UnknownWord {
                        value: text.to_string(),
                        expected: Self::ALL.iter().map(|value| value.as_str()).collect(),
                    })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl clap::ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                Self::ALL
            }

            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                value
                    .as_str()?
                    .parse()
                    .map_err(|error| rusqlite::types::FromSqlError::Other(Box::new(error)))
            }
        }

        // The same text on PostgreSQL, where these columns are `text` too.
        impl postgres::types::ToSql for $name {
            fn to_sql(
                &self,
                ty: &postgres::types::Type,
                out: &mut postgres::types::private::BytesMut,
            ) -> Result<postgres::types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
                postgres::types::ToSql::to_sql(&self.as_str(), ty, out)
            }

            fn accepts(ty: &postgres::types::Type) -> bool {
                <&str as postgres::types::ToSql>::accepts(ty)
            }

            postgres::types::to_sql_checked!();
        }

        impl<'a> postgres::types::FromSql<'a> for $name {
            fn from_sql(
                ty: &postgres::types::Type,
                raw: &'a [u8],
            ) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
                Ok(<&str as postgres::types::FromSql>::from_sql(ty, raw)?.parse()?)
            }

            fn accepts(ty: &postgres::types::Type) -> bool {
                <&str as postgres::types::FromSql>::accepts(ty)
            }
        }
    };
}

pub(crate) use string_enum;
