//! A school server reached over the LAN, encrypted (issue 10, item 13): the
//! throw-away cluster of scripts/with-postgres.sh listens on 127.0.0.1 with
//! ssl=on and a certificate signed by its own test CA. `sslmode` in the URL
//! is honoured: `require` encrypts (the server's own view, pg_stat_ssl,
//! says so), `verify-full` checks the certificate against `sslrootcert=`
//! and refuses, with a message a person can act on, a certificate this
//! computer cannot trust.

use schooldesk_test_support::postgres as support;

use schooldesk_store_postgres::PgStore;
use sqlx::Connection;

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} is not set: run the tests through scripts/with-postgres.sh")
    })
}

/// A fresh database on the TLS listener, with `query` (sslmode=...).
async fn tls_url(query: &str) -> (String, String) {
    let socket_url = support::fresh_database().await;
    let name = socket_url
        .split_once('?')
        .map_or(socket_url.as_str(), |(base, _)| base)
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let url = support::with_database(&env("SCHOOLDESK_TEST_PG_TLS_URL"), &name);
    (format!("{url}?{query}"), name)
}

/// How many connections to `database` the server has, and how many of them
/// are encrypted (asked over the Unix socket, as the server sees them).
async fn connections(database: &str) -> (i64, i64) {
    let mut admin = sqlx::PgConnection::connect(&support::server_url())
        .await
        .unwrap();
    let counts = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE s.ssl) \
         FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid) WHERE a.datname = $1",
    )
    .bind(database)
    .fetch_one(&mut admin)
    .await
    .unwrap();
    admin.close().await.ok();
    counts
}

async fn refused(url: &str) -> String {
    match PgStore::connect(url).await {
        Ok(_) => panic!("{url} connected, but should have been refused"),
        Err(e) => e.to_string(),
    }
}

#[tokio::test]
async fn sslmode_require_connects_encrypted() {
    let (url, database) = tls_url("sslmode=require").await;
    let store = PgStore::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("sslmode=require: {e}"));
    let (all, encrypted) = connections(&database).await;
    assert!(all >= 1, "the store holds no connection to {database}");
    assert_eq!(encrypted, all, "every connection is encrypted");
    drop(store);

    // The check can tell: the same server with sslmode=disable is plain.
    let (url, database) = tls_url("sslmode=disable").await;
    let _plain = PgStore::connect(&url).await.unwrap();
    let (all, encrypted) = connections(&database).await;
    assert!(all >= 1);
    assert_eq!(encrypted, 0, "sslmode=disable is not encrypted");
}

#[tokio::test]
async fn verify_full_with_the_school_ca_connects() {
    let ca = env("SCHOOLDESK_TEST_PG_CA");
    let (url, database) = tls_url(&format!("sslmode=verify-full&sslrootcert={ca}")).await;
    let _store = PgStore::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("verify-full with the test CA: {e}"));
    let (all, encrypted) = connections(&database).await;
    assert!(
        all >= 1 && encrypted == all,
        "{encrypted} of {all} encrypted"
    );
}

#[tokio::test]
async fn verify_full_refuses_a_certificate_it_cannot_trust() {
    let other = env("SCHOOLDESK_TEST_PG_OTHER_CA");
    for query in [
        "sslmode=verify-full".to_string(),
        format!("sslmode=verify-full&sslrootcert={other}"),
        format!("sslmode=verify-ca&sslrootcert={other}"),
    ] {
        let (url, _) = tls_url(&query).await;
        let message = refused(&url).await;
        assert!(
            message.contains("certificate")
                && message.contains("not signed by")
                && message.contains("sslrootcert"),
            "{query}: {message}"
        );
        assert!(
            !message.contains("PostgreSQL is running"),
            "{query}: not a network problem: {message}"
        );
    }
}

#[tokio::test]
async fn tls_problems_are_named() {
    // A root certificate file that is not there names the file.
    let (url, _) = tls_url("sslmode=verify-full&sslrootcert=/nonexistent/school-ca.crt").await;
    let message = refused(&url).await;
    assert!(
        message.contains("/nonexistent/school-ca.crt"),
        "names the file: {message}"
    );

    // A Unix socket never encrypts: require there says so, not "built
    // without TLS support".
    let socket = support::fresh_database().await;
    let message = refused(&format!("{socket}&sslmode=require")).await;
    assert!(
        message.contains("does not accept encrypted connections") && message.contains("sslmode"),
        "{message}"
    );

    // The certificate is for "localhost": verify-full to the same server
    // by its address is refused for the name, not the issuer.
    let ca = env("SCHOOLDESK_TEST_PG_CA");
    let (url, _) = tls_url(&format!("sslmode=verify-full&sslrootcert={ca}")).await;
    let by_other_name = url.replacen("@localhost:", "@127.0.0.1:", 1);
    let message = refused(&by_other_name).await;
    assert!(message.contains("not made out for"), "{message}");
}
