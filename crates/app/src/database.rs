//! Which database: the URL the user gives, or the default SQLite file.

use crate::{AppError, AppResult};
use schooldesk_store::Store;
use schooldesk_store_postgres::PgStore;
use schooldesk_store_sqlite::SqliteStore;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
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
            return Err(AppError::Setup(
                "the database URL is empty; give sqlite:PATH or postgres://USER@HOST/DATABASE"
                    .into(),
            ));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(text.to_string()));
        }
        if let Some(rest) = text.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            let path = path.split('?').next().unwrap_or(path);
            if path.is_empty() {
                return Err(AppError::Setup(format!(
                    "{text:?} names no file; give sqlite:PATH"
                )));
            }
            return Ok(DatabaseUrl::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = text.split_once("://") {
            return Err(AppError::Setup(format!(
                "unsupported database {scheme:?} in {text:?}; Schooldesk works with sqlite:PATH or postgres://USER@HOST/DATABASE"
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
            DatabaseUrl::Postgres(url) => {
                let shown = match (url.find("://"), url.find('@')) {
                    (Some(s), Some(at)) if at > s => {
                        let userinfo = &url[s + 3..at];
                        let user = userinfo.split(':').next().unwrap_or("");
                        format!("{}{}{}", &url[..s + 3], user, &url[at..])
                    }
                    _ => url.clone(),
                };
                f.write_str(&shown)
            }
        }
    }
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
            let pg = PgStore::connect(text).await?;
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

    #[test]
    fn display_hides_password() {
        let url = DatabaseUrl::parse("postgres://kurikulum:rahasia@10.0.0.5:5432/sekolah").unwrap();
        assert_eq!(
            url.to_string(),
            "postgres://kurikulum@10.0.0.5:5432/sekolah"
        );
    }
}
