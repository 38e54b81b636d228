//! Which configuration applies to a file: `--config FILE`, or the nearest
//! `arendelint.toml` found by walking up from the file's folder (cached per folder).

use arendelint_core::error::ConfigError;
use arendelint_core::error::ConfigProblem;
use arendelint_core::fs::{load_config, CONFIG_FILE};
use arendelint_core::{Config, Lang, Linter};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A configuration ready for checking files.
#[derive(Debug)]
pub struct Settings {
    pub linter: Linter,
    pub lang: Lang,
    /// The folder that include/exclude globs are relative to.
    base: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Settings {
    fn build(
        mut config: Config,
        base: PathBuf,
        lang: Option<Lang>,
    ) -> Result<Settings, ConfigError> {
        if let Some(lang) = lang {
            config.lang = lang;
        }
        let origin = config.origin.clone().unwrap_or_default();
        let include = if config.include.is_empty() {
            None
        } else {
            Some(glob_set(&config.include, &origin)?)
        };
        let exclude = glob_set(&config.exclude, &origin)?;
        Ok(Settings {
            linter: Linter::new(&config)?,
            lang: config.lang,
            base,
            include,
            exclude,
        })
    }

    /// Whether a file found while walking a folder is selected by include/exclude.
    /// `file` is absolute. A file outside the configuration's folder is matched
    /// by its path as it is.
    pub fn selects(&self, file: &Path) -> bool {
        let relative = file.strip_prefix(&self.base).unwrap_or(file);
        if let Some(include) = &self.include {
            if !include.is_match(relative) {
                return false;
            }
        }
        // Like .gitignore, excluding a folder excludes everything below it.
        !relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.exclude.is_match(p))
    }
}

fn glob_set(patterns: &[String], origin: &str) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        // `*` stays within one folder, `**` crosses folders (gitignore style).
        let glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                ConfigError::new(
                    origin,
                    ConfigProblem::BadGlob {
                        value: pattern.clone(),
                        detail: e.kind().to_string(),
                    },
                )
            })?;
        builder.add(glob);
    }
    builder.build().map_err(|e| {
        ConfigError::new(
            origin,
            ConfigProblem::BadGlob {
                value: e.glob().unwrap_or_default().to_string(),
                detail: e.kind().to_string(),
            },
        )
    })
}

/// A configuration that could not be loaded; its error is reported once, by
/// [`ConfigResolver::take_errors`], when a file first needs it.
pub type Resolved = Result<Arc<Settings>, ()>;

/// Finds and caches configurations.
pub struct ConfigResolver {
    lang: Option<Lang>,
    /// `--config FILE`, used for every file.
    fixed: Option<Arc<Settings>>,
    /// Used when no `arendelint.toml` is found.
    default: Arc<Settings>,
    /// Folder → nearest configuration file at or above it.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    loaded: HashMap<PathBuf, Result<Arc<Settings>, ConfigError>>,
    reported: HashSet<PathBuf>,
    errors: Vec<ConfigError>,
}

impl ConfigResolver {
    /// `explicit` is `--config FILE`; `lang` is `--lang`, which overrides every configuration's.
    pub fn new(explicit: Option<&Path>, lang: Option<Lang>) -> Result<ConfigResolver, ConfigError> {
        let cwd = std::env::current_dir().unwrap_or_default();
        let default = Arc::new(Settings::build(Config::default(), cwd, lang)?);
        let fixed = match explicit {
            Some(path) => {
                let config = load_config(path)?;
                let base = absolute(path)
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                Some(Arc::new(Settings::build(config, base, lang)?))
            }
            None => None,
        };
        Ok(ConfigResolver {
            lang,
            fixed,
            default,
            nearest: HashMap::new(),
            loaded: HashMap::new(),
            reported: HashSet::new(),
            errors: Vec::new(),
        })
    }

    /// The settings for a file (absolute path), or `Err` when its configuration is broken.
    pub fn for_file(&mut self, file: &Path) -> Resolved {
        match file.parent() {
            Some(dir) => self.for_dir(dir),
            None => self.for_dir(Path::new("/")),
        }
    }

    /// The settings that apply in a folder (absolute path).
    pub fn for_dir(&mut self, dir: &Path) -> Resolved {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let Some(path) = self.nearest_config(dir) else {
            return Ok(self.default.clone());
        };
        match self.load(&path) {
            Ok(settings) => Ok(settings),
            Err(error) => {
                if self.reported.insert(path) {
                    self.errors.push(error);
                }
                Err(())
            }
        }
    }

    /// Like [`Self::for_dir`], but a broken configuration is not reported (yet).
    pub fn peek_dir(&mut self, dir: &Path) -> Option<Arc<Settings>> {
        if let Some(fixed) = &self.fixed {
            return Some(fixed.clone());
        }
        match self.nearest_config(dir) {
            Some(path) => self.load(&path).ok(),
            None => Some(self.default.clone()),
        }
    }

    /// Configuration errors met so far, each once.
    pub fn take_errors(&mut self) -> Vec<ConfigError> {
        std::mem::take(&mut self.errors)
    }

    fn nearest_config(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(found) = self.nearest.get(dir) {
            return found.clone();
        }
        let candidate = dir.join(CONFIG_FILE);
        let found = if candidate.is_file() {
            Some(candidate)
        } else {
            dir.parent().and_then(|parent| self.nearest_config(parent))
        };
        self.nearest.insert(dir.to_path_buf(), found.clone());
        found
    }

    fn load(&mut self, path: &Path) -> Result<Arc<Settings>, ConfigError> {
        if let Some(loaded) = self.loaded.get(path) {
            return loaded.clone();
        }
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let shown = display_config_path(path);
        let loaded = load_config(path)
            .map(|mut config| {
                config.origin = Some(shown.clone());
                config
            })
            .and_then(|config| Settings::build(config, base, self.lang))
            .map(Arc::new)
            .map_err(|mut error| {
                error.origin = shown;
                error
            });
        self.loaded.insert(path.to_path_buf(), loaded.clone());
        loaded
    }
}
/// `path` made absolute without touching the file system's links.
pub fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A discovered configuration file shown relative to the current folder when below it.
fn display_config_path(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let shown = path.strip_prefix(&cwd).unwrap_or(path);
    shown.display().to_string()
}
