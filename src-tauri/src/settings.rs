//! Where the school database is and which language the UI speaks: a small
//! JSON file in the OS config directory. A PostgreSQL password is never in
//! it; it lives in the OS keychain under the connection's name.

use crate::wire::{Connection, ServerTls, UiError};
use schooldesk_app::DatabaseUrl;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const KEYCHAIN_SERVICE: &str = "id.schooldesk.desktop";

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Settings {
    pub database: Option<SavedDatabase>,
    #[serde(default = "default_language")]
    pub language: String,
}

fn default_language() -> String {
    "en".into()
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SavedDatabase {
    Sqlite {
        path: PathBuf,
    },
    Postgres {
        host: String,
        port: u16,
        database: String,
        user: String,
        /// Absent in settings saved before TLS was offered: `prefer`.
        #[serde(default)]
        tls: ServerTls,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ca_file: Option<PathBuf>,
    },
}

/// The OS directories the desktop app uses.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl Dirs {
    pub fn from_os() -> Result<Dirs, UiError> {
        let dirs = directories::ProjectDirs::from("id", "Schooldesk", "Schooldesk")
            .ok_or_else(|| UiError::new("setup", "cannot find this user's home directory"))?;
        Ok(Dirs {
            config: dirs.config_dir().to_path_buf(),
            data: dirs.data_dir().to_path_buf(),
        })
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config.join("settings.json")
    }

    pub fn default_database(&self) -> PathBuf {
        self.data.join("school.db")
    }

    /// The UI's drafts, recent items and preferences (see `local.rs`).
    pub fn ui_state_file(&self) -> PathBuf {
        self.data.join("ui-state.sqlite")
    }
}

impl Settings {
    /// The saved settings; defaults when there are none yet. A damaged file
    /// is reported, not silently replaced.
    pub fn load(path: &Path) -> Result<Settings, UiError> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                UiError::new(
                    "setup",
                    format!("the settings file {} is damaged: {e}", path.display()),
                )
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings {
                database: None,
                language: default_language(),
            }),
            Err(e) => Err(UiError::new(
                "setup",
                format!("cannot read {}: {e}", path.display()),
            )),
        }
    }

    /// Writes through a temporary file and a rename, so a power cut leaves
    /// the old settings or the new ones, never half a file.
    pub fn save(&self, path: &Path) -> Result<(), UiError> {
        let fail = |e: std::io::Error| {
            UiError::new("setup", format!("cannot save {}: {e}", path.display()))
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_vec_pretty(self).expect("settings serialise");
        std::fs::write(&tmp, text).map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(fail)
    }
}

impl SavedDatabase {
    pub fn from_connection(connection: &Connection, dirs: &Dirs) -> SavedDatabase {
        match connection {
            Connection::ThisComputer { path } => SavedDatabase::Sqlite {
                path: path
                    .as_deref()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from)
                    .unwrap_or_else(|| dirs.default_database()),
            },
            Connection::SchoolServer {
                host,
                port,
                database,
                user,
                tls,
                ca_file,
                ..
            } => SavedDatabase::Postgres {
                host: host.trim().to_string(),
                port: *port,
                database: database.trim().to_string(),
                user: user.trim().to_string(),
                tls: *tls,
                ca_file: ca_file
                    .as_deref()
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from),
            },
        }
    }

    /// The name the password is kept under in the keychain.
    fn keychain_user(&self) -> Option<String> {
        match self {
            SavedDatabase::Sqlite { .. } => None,
            SavedDatabase::Postgres {
                host,
                port,
                database,
                user,
                ..
            } => Some(format!("{user}@{host}:{port}/{database}")),
        }
    }

    /// The URL to open, with `password` when there is one.
    pub fn url(&self, password: Option<&str>) -> Result<DatabaseUrl, UiError> {
        match self {
            SavedDatabase::Sqlite { path } => Ok(DatabaseUrl::Sqlite(path.clone())),
            SavedDatabase::Postgres {
                host,
                port,
                database,
                user,
                tls,
                ca_file,
            } => {
                let mut missing = Vec::new();
                for (field, value) in [("host", host), ("database", database), ("user", user)] {
                    if value.is_empty() {
                        missing.push(crate::wire::UiFieldError::new(
                            field,
                            &schooldesk_core::Msg::new("empty", "must not be empty"),
                        ));
                    }
                }
                if !missing.is_empty() {
                    let mut error = UiError::new("invalid", "fill in the server's details");
                    error.fields = missing;
                    return Err(error);
                }
                let auth = match password {
                    Some(p) if !p.is_empty() => format!("{}:{}", encode(user), encode(p)),
                    _ => encode(user),
                };
                // As in libpq, a host that is a path names the folder of the
                // server's Unix socket (a server on this computer).
                let mut query = Vec::new();
                let host = match host.starts_with('/') {
                    true => {
                        query.push(format!("host={}", encode(host)));
                        "localhost".to_string()
                    }
                    false => encode(host),
                };
                // `prefer` is the driver's default; the URL names only a
                // stricter choice.
                if *tls != ServerTls::Prefer {
                    query.push(format!("sslmode={}", tls.sslmode()));
                }
                if let Some(ca_file) = ca_file {
                    query.push(format!(
                        "sslrootcert={}",
                        encode(&ca_file.display().to_string())
                    ));
                }
                let query = match query.is_empty() {
                    true => String::new(),
                    false => format!("?{}", query.join("&")),
                };
                Ok(DatabaseUrl::Postgres(format!(
                    "postgres://{auth}@{host}:{port}/{}{query}",
                    encode(database)
                )))
            }
        }
    }

    /// The password kept for this connection, if any.
    pub fn load_password(&self) -> Result<Option<String>, UiError> {
        let Some(user) = self.keychain_user() else {
            return Ok(None);
        };
        let entry = keyring_core::Entry::new(KEYCHAIN_SERVICE, &user).map_err(keychain_error)?;
        match entry.get_password() {
            Ok(p) => Ok(Some(p)),
            Err(keyring_core::Error::NoEntry) => Ok(None),
            Err(e) => Err(keychain_error(e)),
        }
    }

    pub fn save_password(&self, password: &str) -> Result<(), UiError> {
        let Some(user) = self.keychain_user() else {
            return Ok(());
        };
        let entry = keyring_core::Entry::new(KEYCHAIN_SERVICE, &user).map_err(keychain_error)?;
        if password.is_empty() {
            return match entry.delete_credential() {
                Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
                Err(e) => Err(keychain_error(e)),
            };
        }
        entry.set_password(password).map_err(keychain_error)
    }
}

fn keychain_error(e: keyring_core::Error) -> UiError {
    UiError::new(
        "keychain",
        format!("the system keychain cannot keep the server password: {e}"),
    )
}

/// Percent-encodes what would break a URL's user, password or path part.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Makes the OS keychain the one `keyring_core` uses, unless a store is
/// already set (tests set the mock store first).
pub fn use_os_keychain() {
    if keyring_core::get_default_store().is_none() {
        if let Err(e) = keyring::Entry::store_status() {
            tracing::warn!(error = %e, "no OS keychain; server passwords cannot be saved");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dirs(root: &Path) -> Dirs {
        Dirs {
            config: root.join("config"),
            data: root.join("data"),
        }
    }

    #[test]
    fn settings_round_trip_and_missing_file_gives_defaults() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("config/settings.json");
        assert_eq!(Settings::load(&path).unwrap().database, None);
        let settings = Settings {
            database: Some(SavedDatabase::Postgres {
                host: "db.school".into(),
                port: 5432,
                database: "sd".into(),
                user: "office".into(),
                tls: ServerTls::VerifyFull,
                ca_file: Some("/etc/schooldesk/school-ca.crt".into()),
            }),
            language: "id".into(),
        };
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path).unwrap(), settings);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("password"), "{text}");
    }

    #[test]
    fn damaged_settings_are_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("settings.json");
        std::fs::write(&path, b"{not json").unwrap();
        let error = Settings::load(&path).unwrap_err();
        assert!(error.message.contains("damaged"), "{}", error.message);
    }

    #[test]
    fn server_url_encodes_password_and_default_file_is_in_data_dir() {
        let tmp = tempfile::tempdir().unwrap();
        let d = dirs(tmp.path());
        let server = SavedDatabase::from_connection(
            &Connection::SchoolServer {
                host: " 10.0.0.5 ".into(),
                port: 5433,
                database: "school".into(),
                user: "tata usaha".into(),
                password: "p@ss:/w".into(),
                tls: ServerTls::Prefer,
                ca_file: Some("  ".into()),
            },
            &d,
        );
        match server.url(Some("p@ss:/w")).unwrap() {
            DatabaseUrl::Postgres(url) => {
                assert_eq!(
                    url,
                    "postgres://tata%20usaha:p%40ss%3A%2Fw@10.0.0.5:5433/school"
                )
            }
            other => panic!("{other:?}"),
        }
        let local = SavedDatabase::from_connection(&Connection::ThisComputer { path: None }, &d);
        assert_eq!(
            local.url(None).unwrap(),
            DatabaseUrl::Sqlite(tmp.path().join("data/school.db"))
        );
    }

    #[test]
    fn a_host_that_is_a_path_is_a_socket_folder() {
        let server = SavedDatabase::Postgres {
            host: "/var/run/postgresql".into(),
            port: 5432,
            database: "school".into(),
            user: "office".into(),
            tls: ServerTls::Prefer,
            ca_file: None,
        };
        assert_eq!(
            server.url(None).unwrap(),
            DatabaseUrl::Postgres(
                "postgres://office@localhost:5432/school?host=%2Fvar%2Frun%2Fpostgresql".into()
            )
        );
    }

    #[test]
    fn the_servers_encryption_goes_into_the_url() {
        let server = |tls, ca_file: Option<&str>| SavedDatabase::Postgres {
            host: "sekolah.lan".into(),
            port: 5432,
            database: "school".into(),
            user: "office".into(),
            tls,
            ca_file: ca_file.map(PathBuf::from),
        };
        let url = |s: SavedDatabase| match s.url(None).unwrap() {
            DatabaseUrl::Postgres(url) => url,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            url(server(ServerTls::Prefer, None)),
            "postgres://office@sekolah.lan:5432/school"
        );
        assert_eq!(
            url(server(ServerTls::Require, None)),
            "postgres://office@sekolah.lan:5432/school?sslmode=require"
        );
        assert_eq!(
            url(server(ServerTls::VerifyFull, Some("/etc/ssl/school ca.crt"))),
            "postgres://office@sekolah.lan:5432/school?sslmode=verify-full&sslrootcert=%2Fetc%2Fssl%2Fschool%20ca.crt"
        );
    }

    #[test]
    fn settings_saved_before_tls_was_offered_still_load() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("settings.json");
        std::fs::write(
            &path,
            r#"{"database":{"type":"postgres","host":"h","port":5432,"database":"d","user":"u"},"language":"id"}"#,
        )
        .unwrap();
        match Settings::load(&path).unwrap().database {
            Some(SavedDatabase::Postgres { tls, ca_file, .. }) => {
                assert_eq!((tls, ca_file), (ServerTls::Prefer, None))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn server_without_host_names_the_field() {
        let server = SavedDatabase::Postgres {
            host: String::new(),
            port: 5432,
            database: "school".into(),
            user: "office".into(),
            tls: ServerTls::Prefer,
            ca_file: None,
        };
        let error = server.url(None).unwrap_err();
        assert_eq!(error.fields[0].field, "host");
    }

    #[test]
    fn password_goes_to_the_keychain_not_the_file() {
        keyring_core::set_default_store(keyring_core::mock::Store::new().unwrap());
        let server = SavedDatabase::Postgres {
            host: "h".into(),
            port: 5432,
            database: "d".into(),
            user: "u".into(),
            tls: ServerTls::Prefer,
            ca_file: None,
        };
        assert_eq!(server.load_password().unwrap(), None);
        server.save_password("secret").unwrap();
        assert_eq!(server.load_password().unwrap().as_deref(), Some("secret"));
        server.save_password("").unwrap();
        assert_eq!(server.load_password().unwrap(), None);
    }
}
