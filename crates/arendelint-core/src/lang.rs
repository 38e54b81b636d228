//! The language of messages: Swedish (the default) or English.

/// The language of messages, explanations and fix descriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Sv,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "sv" | "sv-se" | "swedish" | "svenska" => Some(Lang::Sv),
            "en" | "en-gb" | "en-us" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}
