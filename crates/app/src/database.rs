//! Which database: the URL the user gives, or the default SQLite file.

use crate::{AppError, AppResult};
use schooldesk_store::Store;
use schooldesk_store_postgres::PgStore;
use schooldesk_store_sqlite::SqliteStore;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// `Display` and `Debug` never show a password: a URL goes into messages
/// and logs only through them, or through [`redact`].
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Accepts `sqlite:PATH`, `sqlite://PATH`, `postgres://…`,
    /// `postgresql://…`, or a plain file path.
    pub fn parse(text: &str) -> AppResult<DatabaseUrl> {
        let text = text.trim();
        if text.is_empty() {
            return Err(AppError::setup(
                "database_url",
                "the database URL is empty; give sqlite:PATH or postgres://USER@HOST/DATABASE",
            ));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(text.to_string()));
        }
        if let Some(rest) = text.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            let path = path.split('?').next().unwrap_or(path);
            if path.is_empty() {
                return Err(AppError::setup(
                    "database_url",
                    format!("{text:?} names no file; give sqlite:PATH"),
                ));
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = text.split_once("://") {
            return Err(AppError::setup("database_url", format!(
                "unsupported database {scheme:?} in {:?}; Schooldesk works with sqlite:PATH or postgres://USER@HOST/DATABASE",
                redact(text)
            )));
        }
        if looks_like_server_address(text) {
            return Err(AppError::setup("database_url", format!(
                "{:?} looks like a server address without its postgres://; give postgres://USER@HOST/DATABASE, or a file path",
                redact(text)
            )));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(text)))
    }

    /// The default: `school.db` in the OS data directory.
    pub fn default_sqlite(data_dir: &Path) -> DatabaseUrl {
        DatabaseUrl::Sqlite(data_dir.join("school.db"))
    }

    pub fn kind(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }
}

impl std::fmt::Display for DatabaseUrl {
    /// Never shows a password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            DatabaseUrl::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

impl std::fmt::Debug for DatabaseUrl {
    /// Never shows a password either.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            DatabaseUrl::Postgres(url) => f.debug_tuple("Postgres").field(&redact(url)).finish(),
        }
    }
}

/// Query parameters that carry a secret.
const SECRET_PARAMS: [&str; 2] = ["password", "sslpassword"];

/// `text` (a database URL, well-formed or not) without its password: the
/// `:PASSWORD` of `USER:PASSWORD@` is dropped, with or without a scheme, and
/// a `password=` parameter's value is starred out. The user part is found
/// before the query is, so a password holding `?`, `#`, `/` or `@` is
/// dropped whole.
pub(crate) fn redact(text: &str) -> String {
    let parts = UrlParts::of(text);
    let mut out = parts.scheme.to_string();
    if let Some(userinfo) = parts.userinfo {
        out.push_str(userinfo.split(':').next().unwrap_or(""));
    }
    let (head, query) = match parts.rest.split_once('?') {
        Some((head, query)) => (head, Some(query)),
        None => (parts.rest, None),
    };
    out.push_str(head);
    if let Some(query) = query {
        out.push('?');
        let params: Vec<String> = query
            .split('&')
            .map(|param| match param.split_once('=') {
                Some((key, _)) if is_secret_param(key) => format!("{key}=***"),
                _ => param.to_string(),
            })
            .collect();
        out.push_str(&params.join("&"));
    }
    out
}

fn is_secret_param(key: &str) -> bool {
    SECRET_PARAMS
        .iter()
        .any(|secret| key.eq_ignore_ascii_case(secret))
}

/// A URL cut where its password could be: `scheme://`, `USER:PASSWORD`
/// (when there is a password), and the rest from the `@` on.
struct UrlParts<'a> {
    scheme: &'a str,
    userinfo: Option<&'a str>,
    rest: &'a str,
}

impl<'a> UrlParts<'a> {
    fn of(text: &'a str) -> Self {
        let start = text.find("://").map_or(0, |i| i + 3);
        let (scheme, after) = text.split_at(start);
        match userinfo_end(after) {
            Some(at) => UrlParts {
                scheme,
                userinfo: Some(&after[..at]),
                rest: &after[at..],
            },
            None => UrlParts {
                scheme,
                userinfo: None,
                rest: after,
            },
        }
    }
}

/// Where `USER:PASSWORD` ends (the last `@`) in what follows a scheme, if
/// there is a password at all.
fn userinfo_end(rest: &str) -> Option<usize> {
    let at = rest.rfind('@')?;
    rest[..at].contains(':').then_some(at)
}

/// `kur:PW@localhost/db`: a user, a colon and an `@` before any slash is a
/// server address someone forgot the scheme of, not a file.
fn looks_like_server_address(text: &str) -> bool {
    let Some(at) = text.find('@') else {
        return false;
    };
    let userinfo = &text[..at];
    userinfo.contains(':') && !userinfo.contains(['/', '\\'])
}

/// Every form in which `url`'s password could appear in a driver's message.
fn secrets(url: &DatabaseUrl) -> Vec<String> {
    let DatabaseUrl::Postgres(text) = url else {
        return Vec::new();
    };
    let parts = UrlParts::of(text);
    let mut found = Vec::new();
    if let Some((_, password)) = parts.userinfo.and_then(|u| u.split_once(':')) {
        found.push(password.to_string());
    }
    let query = parts.rest.split_once('?').map_or("", |(_, q)| q);
    for param in query.split('&') {
        if let Some((key, value)) = param.split_once('=') {
            if is_secret_param(key) {
                found.push(value.to_string());
            }
        }
    }
    let decoded: Vec<String> = found.iter().map(|s| percent_decoded(s)).collect();
    found.extend(decoded);
    found.retain(|s| !s.is_empty());
    found
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Replaces any of `secrets` in an error's text: a driver may echo what it
/// was given, and its text can reach a message or a log line.
fn scrub(error: AppError, secrets: &[String]) -> AppError {
    let clean = |text: String| {
        secrets
            .iter()
            .fold(text, |text, secret| text.replace(secret.as_str(), "***"))
    };
    use schooldesk_store::StoreError as E;
    match error {
        AppError::Setup(m) => AppError::Setup(schooldesk_core::Msg {
            text: clean(m.text),
            params: m.params.into_iter().map(|(k, v)| (k, clean(v))).collect(),
            ..m
        }),
        AppError::Store(E::Unavailable(text)) => AppError::Store(E::Unavailable(clean(text))),
        AppError::Store(E::AccessDenied(text)) => AppError::Store(E::AccessDenied(clean(text))),
        AppError::Store(E::Corrupt(text)) => AppError::Store(E::Corrupt(clean(text))),
        AppError::Store(E::Refused(text)) => AppError::Store(E::Refused(clean(text))),
        AppError::Store(E::Internal(text)) => AppError::Store(E::Internal(clean(text))),
        other => other,
    }
}

/// What is at a database URL, found without changing anything there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// No SQLite file there yet: opening it with `create` makes a new one.
    NoDatabase,
    /// A database without all of Schooldesk's tables yet: opening it sets
    /// them up (or brings an older Schooldesk database up to date).
    NotSetUp,
    /// A Schooldesk database this build opens as it is.
    Ready,
}

/// Looks at the database `url` names without creating, migrating or
/// writing anything: an SQLite file is opened read-only, a server is asked
/// which migrations it has. Errors are those `open` would give (wrong
/// password, no answer, a newer database).
pub async fn probe(url: &DatabaseUrl) -> AppResult<Probe> {
    let status = match url {
        DatabaseUrl::Sqlite(path) => match SqliteStore::probe(path).await? {
            Some(status) => status,
            None => return Ok(Probe::NoDatabase),
        },
        DatabaseUrl::Postgres(text) => PgStore::probe(text)
            .await
            .map_err(|e| scrub(e.into(), &secrets(url)))?,
    };
    Ok(if status.is_current() {
        Probe::Ready
    } else {
        Probe::NotSetUp
    })
}

pub(crate) async fn open(
    url: &DatabaseUrl,
    create: bool,
) -> AppResult<(Store, Option<Arc<SqliteStore>>)> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let sqlite = Arc::new(SqliteStore::open(path, create).await?);
            Ok((Store::new(sqlite.clone()), Some(sqlite)))
        }
        DatabaseUrl::Postgres(text) => {
            let pg = PgStore::connect(text)
                .await
                .map_err(|e| scrub(e.into(), &secrets(url)))?;
            Ok((Store::new(Arc::new(pg)), None))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_urls() {
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/s.db").unwrap(),
            DatabaseUrl::Sqlite("/var/lib/s.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:s.db").unwrap(),
            DatabaseUrl::Sqlite("s.db".into())
        );
        assert_eq!(
            DatabaseUrl::parse("/tmp/x.db").unwrap(),
            DatabaseUrl::Sqlite("/tmp/x.db".into())
        );
        assert!(matches!(
            DatabaseUrl::parse("postgresql://u@h/db").unwrap(),
            DatabaseUrl::Postgres(_)
        ));
        let err = DatabaseUrl::parse("mysql://root@localhost/school").unwrap_err();
        assert!(
            err.to_string().contains("unsupported database \"mysql\""),
            "{err}"
        );
        assert!(DatabaseUrl::parse("  ").is_err());
        assert!(DatabaseUrl::parse("sqlite:").is_err());
    }

    /// Issue 10, item 14: malformed URLs printed their password.
    #[test]
    fn a_malformed_url_never_shows_its_password() {
        let cases = [
            (
                "mysql://root:Rahasia-99@localhost/school",
                "unsupported database \"mysql\"",
            ),
            (
                "postgress://kur:Rahasia-99@10.0.0.5/sekolah",
                "unsupported database \"postgress\"",
            ),
            (
                "http://kur:Rahasia-99@10.0.0.5/sekolah",
                "unsupported database \"http\"",
            ),
            ("kur:Rahasia-99@localhost/db", "looks like a server address"),
            (
                "mysql://root:Rah?sia-99@localhost/school",
                "unsupported database \"mysql\"",
            ),
            ("kur:Rah?sia-99@localhost/db", "looks like a server address"),
        ];
        for (text, says) in cases {
            let err = DatabaseUrl::parse(text).unwrap_err().to_string();
            assert!(err.contains(says), "{text}: {err}");
            assert!(
                !err.contains("Rahasia-99") && !err.contains("sia-99"),
                "{text}: {err}"
            );
            assert!(
                err.contains("kur") || err.contains("root"),
                "names the user: {err}"
            );
        }
        // A path with an @ in it is still a path.
        assert_eq!(
            DatabaseUrl::parse("/home/tu@smp/school.db").unwrap(),
            DatabaseUrl::Sqlite("/home/tu@smp/school.db".into())
        );
    }

    #[test]
    fn redact_drops_every_form_of_password() {
        for (text, shown) in [
            ("postgres://kur:Rahasia-99@h/db", "postgres://kur@h/db"),
            ("postgres://kur:Rah@sia-99@h/db", "postgres://kur@h/db"),
            (
                "postgres://kur@h/db?password=Rahasia-99&sslmode=require",
                "postgres://kur@h/db?password=***&sslmode=require",
            ),
            ("kur:Rahasia-99@h/db", "kur@h/db"),
            ("postgres://kur@h/db", "postgres://kur@h/db"),
            // A password holding ?, # or / was cut at the query and shown whole.
            ("postgres://kur:Rah?sia-99@h/db", "postgres://kur@h/db"),
            ("mysql://root:Rah#sia-99@h/db?x=1", "mysql://root@h/db?x=1"),
            ("postgres://kur:Rah/sia?99@h/db", "postgres://kur@h/db"),
            ("kur:Rah?sia-99@localhost/db", "kur@localhost/db"),
        ] {
            assert_eq!(redact(text), shown);
        }
        let url = DatabaseUrl::parse("postgres://kur:Rahasia-99@h/db?PASSWORD=Rahasia-99").unwrap();
        assert!(!format!("{url} {url:?}").contains("Rahasia-99"), "{url:?}");
    }

    /// A driver's message that echoes the password reaches no one.
    #[tokio::test]
    async fn a_failed_connection_never_shows_its_password() {
        let dir = std::env::temp_dir().join("schooldesk-no-such-socket-dir");
        for text in [
            format!(
                "postgres://kur:Rahasia%2D99@localhost:1/db?host={}",
                dir.display()
            ),
            format!(
                "postgres://kur@localhost:1/db?host={}&password=Rahasia-99",
                dir.display()
            ),
            "postgres://kur:Rahasia-99@localhost:notaport/db".to_string(),
        ] {
            let url = DatabaseUrl::parse(&text).unwrap();
            let err = match open(&url, false).await {
                Ok(_) => panic!("{text} opened"),
                Err(e) => e,
            };
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains("Rahasia"), "{shown}");
        }
        let scrubbed = scrub(
            AppError::Store(schooldesk_store::StoreError::Internal(
                "auth Rahasia-99 failed".into(),
            )),
            &secrets(&DatabaseUrl::Postgres("postgres://u:Rahasia-99@h/d".into())),
        );
        assert_eq!(
            scrubbed.to_string(),
            "unexpected database error; see the log for details"
        );
        assert!(!format!("{scrubbed:?}").contains("Rahasia"));
    }

    #[test]
    fn display_hides_password() {
        let url = DatabaseUrl::parse("postgres://kurikulum:rahasia@10.0.0.5:5432/sekolah").unwrap();
        assert_eq!(
            url.to_string(),
            "postgres://kurikulum@10.0.0.5:5432/sekolah"
        );
    }
}
