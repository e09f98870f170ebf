//! Record ids as newtypes over UUIDs, so an answer id can never be passed where a session id goes.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl Serialize for $name {
            /// The same 32-hex-digit form the journal stores and `pi list` shows.
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.to_string())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                Self::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("'{text}' is not a UUID"))
                })
            }
        }

        impl $name {
            /// A fresh random id: records made on two machines never collide, so journals merge by union.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }

            /// Parses the hyphenated form stored in the journal.
            pub fn parse(s: &str) -> Option<Self> {
                Uuid::parse_str(s).ok().map(Self)
            }

            /// The first eight characters: what tables show and what people type.
            pub fn short(&self) -> String {
                self.0.simple().to_string()[..8].to_string()
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0.simple())
            }
        }
    };
}

uuid_id!(
    /// Identifies one sitting.
    SessionId
);
uuid_id!(
    /// Identifies one answer revision.
    AnswerId
);
uuid_id!(
    /// Identifies one wording of a statement.
    StatementId
);
uuid_id!(
    /// Identifies one commitment.
    CommitmentId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_text() {
        let id = SessionId::new();
        assert_eq!(SessionId::parse(&id.to_string()), Some(id));
        assert_eq!(id.short().len(), 8);
        assert!(id.to_string().starts_with(&id.short()));
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<SessionId>(&json).unwrap(), id);
    }
}
