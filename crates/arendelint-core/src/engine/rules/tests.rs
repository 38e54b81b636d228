use super::*;
use crate::config::Config;

#[test]
fn registry_is_indexed_by_the_enum() {
    for (i, m) in RULES.iter().enumerate() {
        assert_eq!(m.rule as usize, i, "{} is out of order", m.code);
        assert_eq!(Rule::from_code(m.code), Some(m.rule));
        assert_eq!(Rule::from_code(&m.code.to_lowercase()), Some(m.rule));
        assert_eq!(Rule::from_code(m.name), Some(m.rule));
    }
    assert_eq!(Rule::from_code("JAM999"), None);
    assert_eq!(RULES.len(), UNITS.len());
    let mut codes: Vec<&str> = UNITS.iter().map(|u| u.meta.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), UNITS.len(), "a rule has two units");
}

#[test]
fn message_keys_are_the_tables_of_messages_toml() {
    let data = RuleData::build(&Config::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut tables: Vec<&str> = data
        .messages
        .keys()
        .filter_map(|k| k.split_once('.').map(|(table, _)| table))
        .filter(|t| *t != "suggestion")
        .collect();
    tables.sort_unstable();
    tables.dedup();
    let mut declared: Vec<&str> = UNITS
        .iter()
        .flat_map(|u| u.messages.iter().map(|k| k.0))
        .collect();
    declared.sort_unstable();
    assert_eq!(
        declared, tables,
        "units' message keys and messages.toml differ"
    );
    for unit in UNITS {
        assert!(
            !unit.messages.is_empty(),
            "{} has no message",
            unit.meta.code
        );
        for key in unit.messages {
            assert!(
                key.0.split('-').next() == Some(unit.meta.code),
                "{} declares {}",
                unit.meta.code,
                key.0
            );
            for lang in ["sv", "en"] {
                assert!(
                    data.messages.contains_key(&format!("{}.{lang}", key.0)),
                    "{} has no `{lang}` message",
                    key.0
                );
            }
            let has_fix_sv = data.messages.contains_key(&format!("{}.fix-sv", key.0));
            let has_fix_en = data.messages.contains_key(&format!("{}.fix-en", key.0));
            assert_eq!(
                has_fix_sv, has_fix_en,
                "{}: fix text in one language only",
                key.0
            );
        }
    }
}

#[test]
fn only_arendelints_own_rules_are_reported_by_the_engine() {
    for unit in UNITS {
        assert_eq!(
            unit.check.is_none(),
            unit.meta.code.starts_with("ARL"),
            "{}",
            unit.meta.code
        );
    }
}
