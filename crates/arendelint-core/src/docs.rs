//! Rule documentation shown by `arendelint explain`, on hover and in the README.

use crate::config::Lang;
use crate::registry::Rule;

/// Where the rule documentation is published (`codeDescription` in the LSP, `helpUri` in SARIF).
pub const DOCS_BASE_URL: &str = "https://github.com/arendelint/arendelint/blob/main/rules/explanations";

/// The documentation page of a rule in a language.
pub fn documentation_url(rule: Rule, lang: Lang) -> String {
    format!("{DOCS_BASE_URL}/{}/{}.md", lang.as_str(), rule.code())
}

/// The long explanation of a rule as Markdown: what it checks, why (with the
/// source: SKR's checklist step, Förordning (2001:100) 14 §), how to fix it.
pub fn explanation(rule: Rule, lang: Lang) -> &'static str {
    let _ = (rule, lang);
    ""
}

/// A one-line description of the rule.
pub fn summary(rule: Rule, lang: Lang) -> &'static str {
    let _ = (rule, lang);
    ""
}
