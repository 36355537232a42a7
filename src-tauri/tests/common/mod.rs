//! What the shell's tests share: the folders of a throw-away computer, a
//! school, and a school with its administrator and one more user.
#![allow(dead_code)]

use schooldesk_core::{Role, School};
use schooldesk_desktop::settings::Dirs;
use schooldesk_desktop::shell::Shell;
use schooldesk_desktop::wire::NewUserForm;
use std::path::Path;

/// The OS config and data folders, under `root`.
pub fn dirs(root: &Path) -> Dirs {
    Dirs {
        config: root.join("config"),
        data: root.join("data"),
    }
}

pub fn school() -> School {
    School {
        name: "SMP Negeri 3 Contoh".into(),
        npsn: "20212347".into(),
        address: "Jl. Contoh 3".into(),
        principal_name: "Drs. Ahmad".into(),
        principal_nip: None,
        logo: None,
        logo_mime: None,
    }
}

/// Sets up [`school`] in the shell's open database with an administrator
/// ("admin", "rahasia-sekolah") and one more user, then signs out.
pub async fn set_up_with(shell: &Shell, login: &str, name: &str, password: &str, role: Role) {
    let app = shell.app().await.unwrap();
    let admin = NewUserForm {
        login: "admin".into(),
        display_name: "Tata Usaha".into(),
        password: "rahasia-sekolah".into(),
        roles: vec![],
        must_change_password: false,
    };
    let session = app
        .setup_school(school(), admin.into(), None)
        .await
        .unwrap();
    app.create_user(
        &session.actor,
        schooldesk_app::NewUser {
            login: login.into(),
            display_name: name.into(),
            password: password.into(),
            roles: vec![role],
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    app.logout(&session.token).await.unwrap();
}

pub async fn sign_in(shell: &Shell, login: &str, password: &str) {
    let app = shell.app().await.unwrap();
    let session = app.login(login, password).await.unwrap();
    shell.begin_session(session).await;
}
