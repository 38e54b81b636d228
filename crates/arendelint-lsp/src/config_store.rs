//! Which configuration applies to a document: `arendelint.toml` discovered from
//! the document's folder, cached, with the client settings on top.

use crate::settings::Settings;
use arendelint_core::error::ConfigError;
use arendelint_core::fs::{discover_config, load_config};
use arendelint_core::{Config, Linter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// How many compiled configurations the process keeps (see [`compiled`]).
const COMPILED_KEPT: usize = 16;

/// The linter for `config`, compiled once per process: compiling the rule data
/// costs tens of milliseconds, and the same configuration comes back after a
/// settings change is undone, in every folder without its own file, and in
/// every server of a process that runs several (tests, fuzzing). The oldest
/// entry goes when more than [`COMPILED_KEPT`] are kept.
fn compiled(config: &Config) -> Result<Arc<Linter>, ConfigError> {
    type Compiled = Mutex<Vec<(Config, Arc<Linter>)>>;
    static CACHE: OnceLock<Compiled> = OnceLock::new();
    let cache = CACHE.get_or_init(Mutex::default);
    // A panic elsewhere while the lock was held leaves a list that is still valid.
    let lookup = |cache: &Compiled| {
        let kept = cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.iter()
            .find(|(c, _)| c == config)
            .map(|(_, linter)| linter.clone())
    };
    if let Some(linter) = lookup(cache) {
        return Ok(linter);
    }
    // Compiled outside the lock: another server may compile the same at once,
    // which costs time but not correctness.
    let linter = Arc::new(Linter::new(config)?);
    let mut kept = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if !kept.iter().any(|(c, _)| c == config) {
        if kept.len() >= COMPILED_KEPT {
            kept.remove(0);
        }
        kept.push((config.clone(), linter.clone()));
    }
    Ok(linter)
}

/// A change in a configuration file's health that the user must see.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigReport {
    Broken(PathBuf, ConfigError),
    Fixed(PathBuf),
}

#[derive(Debug, Default)]
pub struct ConfigStore {
    /// Document folder → nearest configuration file, so discovery walks the
    /// file system once per folder, not once per keystroke.
    discovered: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Result<Config, ConfigError>>,
    linters: HashMap<Option<PathBuf>, Arc<Linter>>,
    /// Errors currently shown to the user, by configuration file.
    broken: HashMap<PathBuf, ConfigError>,
    pending: Vec<ConfigReport>,
}

impl ConfigStore {
    /// The linter for a document at `path` (`None`: untitled or not a file).
    /// A broken configuration file falls back to the defaults (plus settings)
    /// and is reported once through [`ConfigStore::take_reports`].
    pub fn linter(&mut self, path: Option<&Path>, settings: &Settings) -> Option<Arc<Linter>> {
        let config_path = path.and_then(|p| self.discover(p));
        if let Some(linter) = self.linters.get(&config_path) {
            return Some(linter.clone());
        }
        let base = match &config_path {
            Some(file) => self.load(file).unwrap_or_default(),
            None => Config::default(),
        };
        let linter = match compiled(&settings.apply(base)) {
            Ok(linter) => linter,
            Err(error) => {
                if let Some(file) = &config_path {
                    self.set_broken(file, Some(error));
                }
                compiled(&settings.apply(Config::default())).ok()?
            }
        };
        self.linters.insert(config_path, linter.clone());
        Some(linter)
    }

    /// Forgets every file read, e.g. after an `arendelint.toml` changed, and
    /// re-reads the broken ones so that their diagnostics clear once fixed.
    pub fn reload(&mut self) {
        self.discovered.clear();
        self.loaded.clear();
        self.linters.clear();
        let broken: Vec<PathBuf> = self.broken.keys().cloned().collect();
        for file in broken {
            if file.is_file() {
                let _ = self.load(&file);
            } else {
                self.set_broken(&file, None);
            }
        }
    }

    /// Forgets the linters built with old client settings.
    pub fn settings_changed(&mut self) {
        self.linters.clear();
    }

    pub fn take_reports(&mut self) -> Vec<ConfigReport> {
        std::mem::take(&mut self.pending)
    }

    /// The error shown for a configuration file, if it is broken.
    pub fn error_for(&self, file: &Path) -> Option<&ConfigError> {
        self.broken.get(file)
    }

    fn discover(&mut self, document: &Path) -> Option<PathBuf> {
        let dir = document.parent()?.to_path_buf();
        self.discovered
            .entry(dir)
            .or_insert_with_key(|dir| discover_config(dir))
            .clone()
    }

    fn load(&mut self, file: &Path) -> Option<Config> {
        if let Some(result) = self.loaded.get(file) {
            return result.as_ref().ok().cloned();
        }
        let result = load_config(file);
        self.set_broken(file, result.as_ref().err().cloned());
        let config = result.as_ref().ok().cloned();
        self.loaded.insert(file.to_path_buf(), result);
        config
    }

    fn set_broken(&mut self, file: &Path, error: Option<ConfigError>) {
        match error {
            Some(error) => {
                if self.broken.get(file) != Some(&error) {
                    self.broken.insert(file.to_path_buf(), error.clone());
                    self.pending
                        .push(ConfigReport::Broken(file.to_path_buf(), error));
                }
            }
            None => {
                if self.broken.remove(file).is_some() {
                    self.pending.push(ConfigReport::Fixed(file.to_path_buf()));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arendelint_core::Lang;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("arendelint-lsp-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).expect("a writable temp dir");
        dir
    }

    #[test]
    fn broken_config_is_reported_once_then_fixed_on_reload() {
        let dir = temp_dir("broken");
        let toml = dir.join("arendelint.toml");
        std::fs::write(&toml, "lang = \"en\"\nfärg = 1\n").expect("write");
        let doc = dir.join("sub/arende.md");
        let mut store = ConfigStore::default();
        let settings = Settings::default();
        let linter = store
            .linter(Some(&doc), &settings)
            .expect("falls back to defaults");
        assert_eq!(linter.config().lang, Lang::Sv);
        let reports = store.take_reports();
        assert!(
            matches!(&reports[..], [ConfigReport::Broken(p, e)] if p == &toml && e.line == Some(2))
        );
        store.linter(Some(&doc), &settings);
        assert!(store.take_reports().is_empty());

        std::fs::write(&toml, "lang = \"en\"\n").expect("write");
        store.reload();
        assert_eq!(
            store.take_reports(),
            vec![ConfigReport::Fixed(toml.clone())]
        );
        let linter = store.linter(Some(&doc), &settings).expect("a linter");
        assert_eq!(linter.config().lang, Lang::En);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn no_path_uses_defaults_and_settings() {
        let mut store = ConfigStore::default();
        let settings = Settings {
            lang: Some(Lang::En),
            ..Settings::default()
        };
        let linter = store.linter(None, &settings).expect("a linter");
        assert_eq!(linter.config().lang, Lang::En);
    }

    #[test]
    fn one_configuration_is_compiled_once_per_process() {
        let english = Settings {
            lang: Some(Lang::En),
            ..Settings::default()
        };
        let first = ConfigStore::default()
            .linter(None, &english)
            .expect("a linter");
        let second = ConfigStore::default()
            .linter(None, &english)
            .expect("a linter");
        assert!(Arc::ptr_eq(&first, &second));
        let swedish = ConfigStore::default()
            .linter(None, &Settings::default())
            .expect("a linter");
        assert!(!Arc::ptr_eq(&first, &swedish));
        assert_eq!(swedish.config().lang, Lang::Sv);
    }
}
