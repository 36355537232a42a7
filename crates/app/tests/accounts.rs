//! Logins linked to the people they belong to (issue 16, item 2): linking a
//! login to a teacher, a student or a guardian scopes what it sees; logins
//! made for people (one, or a class in bulk) carry an initial password that
//! must be changed before anything else is allowed. On both backends.

mod common;

use common::*;
use schooldesk_app::{AppError, NewUser};
use schooldesk_core::*;
use schooldesk_store::Query;

fn teacher(name: &str) -> Teacher {
    Teacher {
        full_name: name.into(),
        nip: None,
        nuptk: None,
        gender: Gender::Female,
        phone: None,
        email: None,
        user_id: None,
        active: true,
    }
}

/// A teacher who teaches Matematika in VII-B only, with no login yet.
async fn teacher_of_b(w: &World) -> Id {
    let t = w
        .app
        .create(&w.admin, &teacher("Dra. Siti Rahayu, S.Pd."))
        .await
        .unwrap()
        .id();
    let ipa = w
        .app
        .create(
            &w.admin,
            &Subject {
                code: "IPA".into(),
                name: "Ilmu Pengetahuan Alam".into(),
                group_name: "A".into(),
                religion_specific: false,
            },
        )
        .await
        .unwrap()
        .id();
    w.app
        .create(
            &w.admin,
            &TeachingAssignment {
                teacher_id: t,
                subject_id: ipa,
                class_id: w.class_b,
                periods_per_week: 4,
            },
        )
        .await
        .unwrap();
    t
}

both! {
    /// An existing login linked to a teacher sees that teacher's classes
    /// and no other; linking gave it the teacher role it lacked.
    async fn a_linked_login_sees_its_teachers_classes(b: Backend) {
        let w = world(b).await;
        let t = teacher_of_b(&w).await;
        let user = w
            .app
            .create_user(
                &w.admin,
                NewUser {
                    login: "siti".into(),
                    display_name: "Siti".into(),
                    password: PASSWORD.into(),
                    // A parent of nobody: sees nothing before the link.
                    roles: vec![Role::Parent],
                    must_change_password: false,
                },
            )
            .await
            .unwrap();
        let before = w.app.login("siti", PASSWORD).await.unwrap().actor;
        assert!(before.taught_class_ids.is_empty());
        assert!(w.app.roster(&before, w.class_b).await.is_err());

        w.app
            .link_login(&w.admin, Person::Teacher(t), Some(user.id()))
            .await
            .unwrap();
        let siti = w.app.login("siti", PASSWORD).await.unwrap().actor;
        assert_eq!(siti.teacher_id, Some(t));
        assert!(siti.has(Role::Teacher), "{:?}", siti.roles);
        assert_eq!(siti.taught_class_ids, vec![w.class_b]);
        assert_eq!(w.app.roster(&siti, w.class_b).await.unwrap().len(), 1);
        assert!(matches!(
            w.app.roster(&siti, w.class_a).await,
            Err(AppError::NotAllowed(_))
        ));
        let overview = w.app.overview(&siti).await.unwrap();
        assert_eq!(overview.classes.len(), 1);
        assert_eq!(overview.classes[0].class.id(), w.class_b);
        assert_eq!(
            overview.classes[0].subjects,
            vec![("Ilmu Pengetahuan Alam".to_string(), 4)]
        );
        assert_eq!(overview.classes[0].students, 1);
        assert!(!overview.classes[0].homeroom);
        let links = w.app.login_links(&w.admin).await.unwrap();
        assert!(links
            .iter()
            .any(|l| l.user_id == user.id() && l.person == Person::Teacher(t)));

        // Unlinked, the login sees no class again.
        w.app
            .link_login(&w.admin, Person::Teacher(t), None)
            .await
            .unwrap();
        let after = w.app.login("siti", PASSWORD).await.unwrap().actor;
        assert!(after.taught_class_ids.is_empty());
    }

    /// A login cannot belong to two teachers; only an administrator links.
    async fn links_are_one_to_one_and_for_administrators(b: Backend) {
        let w = world(b).await;
        let t = teacher_of_b(&w).await;
        // "guru" already belongs to Pak Guru.
        let guru = w.teacher.user_id;
        let err = w
            .app
            .link_login(&w.admin, Person::Teacher(t), Some(guru))
            .await
            .unwrap_err();
        let problems = err.field_errors();
        assert_eq!(problems[0].field, "user_id", "{err}");
        assert_eq!(problems[0].msg.code, "login_taken");
        assert!(err.to_string().contains("Pak Guru"), "{err}");
        for who in [&w.teacher, &w.homeroom, &w.bursar, &w.parent] {
            assert!(matches!(
                w.app.link_login(who, Person::Teacher(t), Some(guru)).await,
                Err(AppError::NotAllowed(_))
            ));
            assert!(matches!(
                w.app.create_login_for(who, Person::Teacher(t), None).await,
                Err(AppError::NotAllowed(_))
            ));
            assert!(matches!(
                w.app.create_class_logins(who, w.class_a, true, true).await,
                Err(AppError::NotAllowed(_))
            ));
        }
        let store = store_of(&w.app).await;
        let t_now = store.get::<Teacher>(t).await.unwrap();
        assert_eq!(t_now.data.user_id, None);
    }

    /// "Create a login for this teacher": a proposed login, an initial
    /// password that works once and must be changed before anything else.
    async fn a_login_made_for_a_teacher_must_change_its_password(b: Backend) {
        let w = world(b).await;
        let t = teacher_of_b(&w).await;
        let made = w
            .app
            .create_login_for(&w.admin, Person::Teacher(t), None)
            .await
            .unwrap();
        assert_eq!(made.login, "siti.rahayu");
        assert_eq!(made.name, "Dra. Siti Rahayu, S.Pd.");
        let session = w.app.login(&made.login, &made.password).await.unwrap();
        assert!(session.actor.must_change_password);
        assert_eq!(session.actor.taught_class_ids, vec![w.class_b]);
        // Nothing is allowed before the change, not even reading.
        assert!(matches!(
            w.app.roster(&session.actor, w.class_b).await,
            Err(AppError::PasswordChangeRequired)
        ));
        assert!(matches!(
            w.app.search_students(&session.actor, "", 10).await,
            Err(AppError::PasswordChangeRequired)
        ));
        assert!(w.app.overview(&session.actor).await.unwrap().classes.is_empty());
        // The same password again is refused; a new one frees the account.
        let same = w
            .app
            .change_own_password(&session.token, &made.password, &made.password)
            .await
            .unwrap_err();
        assert_eq!(same.field_errors()[0].msg.code, "same_password");
        w.app
            .change_own_password(&session.token, &made.password, "buku-tulis-77")
            .await
            .unwrap();
        let actor = w.app.session_actor(&session.token).await.unwrap();
        assert!(!actor.must_change_password);
        assert_eq!(w.app.roster(&actor, w.class_b).await.unwrap().len(), 1);

        // A second login for the same teacher is refused, naming the first.
        let again = w
            .app
            .create_login_for(&w.admin, Person::Teacher(t), None)
            .await
            .unwrap_err();
        assert!(again.to_string().contains("siti.rahayu"), "{again}");

        // An administrator's reset makes them choose again.
        w.app
            .reset_password(&w.admin, actor.user_id, "sementara-1")
            .await
            .unwrap();
        let reset = w.app.login("siti.rahayu", "sementara-1").await.unwrap();
        assert!(reset.actor.must_change_password);
    }

    /// Bulk logins for a class: one per student and per guardian who has
    /// none, in one go; asking again makes no more. Each works and sees
    /// only its own student.
    async fn a_class_gets_logins_for_its_students_and_guardians(b: Backend) {
        let w = world(b).await;
        // A second student in VII-A, with two guardians, one shared with
        // Andi (siblings).
        let sister = w
            .app
            .create_student(&w.admin, &student("0011111111", "Citra Pratama"), Some(w.class_a))
            .await
            .unwrap()
            .id();
        let father = w
            .app
            .add_guardian(
                &w.admin,
                sister,
                &Guardian {
                    full_name: "Bapak Pratama".into(),
                    relation: "ayah".into(),
                    phone: None,
                    occupation: None,
                    address: None,
                    user_id: None,
                },
            )
            .await
            .unwrap();
        w.app
            .link_guardian(&w.admin, w.own_student, father.id())
            .await
            .unwrap();
        let done = w
            .app
            .create_class_logins(&w.admin, w.class_a, true, true)
            .await
            .unwrap();
        // Andi and Ibu Andi had logins; Citra and Bapak Pratama did not.
        assert_eq!(done.already, 2, "{done:?}");
        let names: Vec<&str> = done.created.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["Citra Pratama", "Bapak Pratama"]);
        assert_eq!(done.created[0].login, "s11111");
        assert_eq!(done.created[0].class_name.as_deref(), Some("VII-A"));
        assert!(done.created[1].login.starts_with("wali.s"), "{:?}", done.created[1]);

        let citra = w
            .app
            .login(&done.created[0].login, &done.created[0].password)
            .await
            .unwrap();
        assert!(citra.actor.must_change_password);
        assert_eq!(citra.actor.student_id, Some(sister));
        assert!(citra.actor.has(Role::Student));
        let father_login = w
            .app
            .login(&done.created[1].login, &done.created[1].password)
            .await
            .unwrap();
        let mut children = father_login.actor.child_ids.clone();
        children.sort();
        let mut expected = vec![sister, w.own_student];
        expected.sort();
        assert_eq!(children, expected);
        w.app
            .change_own_password(&father_login.token, &done.created[1].password, "kebun-raya-9")
            .await
            .unwrap();
        let father_actor = w.app.session_actor(&father_login.token).await.unwrap();
        let mine = w.app.overview(&father_actor).await.unwrap().students;
        let names: Vec<&str> = mine.iter().map(|s| s.student.data.full_name.as_str()).collect();
        assert_eq!(names, ["Andi Pratama", "Citra Pratama"]);
        assert!(mine.iter().all(|s| s.class_name.as_deref() == Some("VII-A")));

        let again = w
            .app
            .create_class_logins(&w.admin, w.class_a, true, true)
            .await
            .unwrap();
        assert!(again.created.is_empty());
        assert_eq!(again.already, 4);
        let store = store_of(&w.app).await;
        let users = store.list::<User>(&Query::all()).await.unwrap();
        // Citra has not signed in yet; her father chose his own password.
        let waiting: Vec<&str> = users
            .iter()
            .filter(|u| u.data.must_change_password)
            .map(|u| u.data.login.as_str())
            .collect();
        assert_eq!(waiting, [done.created[0].login.as_str()]);
    }

    /// A teacher who leads a class is its homeroom teacher without the
    /// role being ticked by hand: the class record says so.
    async fn leading_a_class_makes_a_homeroom_teacher(b: Backend) {
        let w = world(b).await;
        let t = teacher_of_b(&w).await;
        let made = w
            .app
            .create_login_for(&w.admin, Person::Teacher(t), Some("bu.siti"))
            .await
            .unwrap();
        assert_eq!(made.login, "bu.siti");
        let store = store_of(&w.app).await;
        let class_b = store.get::<Class>(w.class_b).await.unwrap();
        w.app
            .update(
                &w.admin,
                w.class_b,
                class_b.version(),
                &Class {
                    homeroom_teacher_id: Some(t),
                    ..class_b.data.clone()
                },
            )
            .await
            .unwrap();
        let s = w.app.login("bu.siti", &made.password).await.unwrap();
        w.app
            .change_own_password(&s.token, &made.password, "papan-tulis-3")
            .await
            .unwrap();
        let actor = w.app.session_actor(&s.token).await.unwrap();
        assert!(actor.has(Role::Homeroom), "{:?}", actor.roles);
        let abilities = actor.abilities();
        assert_eq!(abilities.edit_classes, vec![w.class_b]);
        assert!(!abilities.manage_users && !abilities.import_export);
        let overview = w.app.overview(&actor).await.unwrap();
        assert!(overview.classes[0].homeroom);
    }
}

both! {
    /// Links change only through an administrator's `link_login`: a
    /// homeroom teacher's guardian or student edit cannot give a login a
    /// child, nor unlink one; a stale teacher form cannot unlink a teacher.
    async fn only_an_administrator_links_a_login(b: Backend) {
        let w = world(b).await;
        // Bu Wali leads VII-A, where Andi is; "bendahara" is a login.
        let store = store_of(&w.app).await;
        let stranger = w.bursar.user_id;
        let added = w
            .app
            .add_guardian(
                &w.homeroom,
                w.own_student,
                &Guardian {
                    full_name: "Paman Andi".into(),
                    relation: "wali".into(),
                    phone: None,
                    occupation: None,
                    address: None,
                    user_id: Some(stranger),
                },
            )
            .await
            .unwrap();
        assert_eq!(added.data.user_id, None, "the homeroom teacher's guardian has no login");
        let andi = store.get::<Student>(w.own_student).await.unwrap();
        let edited = w
            .app
            .update_student(
                &w.homeroom,
                w.own_student,
                andi.version(),
                &Student {
                    user_id: None,
                    address: "Jl. Mawar 3".into(),
                    ..andi.data.clone()
                },
            )
            .await
            .unwrap();
        assert_eq!(edited.data.address, "Jl. Mawar 3");
        assert_eq!(edited.data.user_id, andi.data.user_id, "the student's login stays");

        let t = teacher_of_b(&w).await;
        let made = w
            .app
            .create_login_for(&w.admin, Person::Teacher(t), None)
            .await
            .unwrap();
        let linked = store.get::<Teacher>(t).await.unwrap();
        // A form opened before the login was made sends no login.
        w.app
            .update(
                &w.admin,
                t,
                linked.version(),
                &Teacher {
                    phone: Some("0812 3456 7890".into()),
                    user_id: None,
                    ..linked.data.clone()
                },
            )
            .await
            .unwrap();
        let after = store.get::<Teacher>(t).await.unwrap();
        assert!(after.data.user_id.is_some(), "{} is still linked", made.login);
    }

    /// A password change ends every other session: one opened with a
    /// printed first password someone else read does not gain the rights.
    async fn changing_the_password_ends_the_other_sessions(b: Backend) {
        let w = world(b).await;
        let t = teacher_of_b(&w).await;
        let made = w
            .app
            .create_login_for(&w.admin, Person::Teacher(t), None)
            .await
            .unwrap();
        let intruder = w.app.login(&made.login, &made.password).await.unwrap();
        let owner = w.app.login(&made.login, &made.password).await.unwrap();
        w.app
            .change_own_password(&owner.token, &made.password, "buku-tulis-77")
            .await
            .unwrap();
        assert!(matches!(
            w.app.session_actor(&intruder.token).await,
            Err(AppError::SessionExpired)
        ));
        let mine = w.app.session_actor(&owner.token).await.unwrap();
        assert!(!mine.must_change_password);
    }

    /// A link without its role grants nothing (taking the role away
    /// revokes it), and last year's classes give a teacher nothing now.
    async fn roles_and_years_bound_what_a_link_gives(b: Backend) {
        let w = world(b).await;
        let parent = w.parent.user_id;
        let store = store_of(&w.app).await;
        let user = store.get::<User>(parent).await.unwrap();
        w.app
            .update_user(&w.admin, parent, user.version(), "Ortu", vec![Role::Bursar], true)
            .await
            .unwrap();
        let actor = w.app.login("ortu", PASSWORD).await.unwrap().actor;
        assert!(actor.child_ids.is_empty());
        assert!(w.app.overview(&actor).await.unwrap().students.is_empty());

        // A new year becomes current: Pak Guru's VII-A is last year's.
        w.app
            .create_year_with_semesters(&w.admin, &next_year())
            .await
            .unwrap();
        let guru = w.app.login("guru", PASSWORD).await.unwrap().actor;
        assert!(guru.taught_class_ids.is_empty(), "{:?}", guru.taught_class_ids);
        let wali = w.app.login("walikelas", PASSWORD).await.unwrap().actor;
        assert!(wali.homeroom_class_ids.is_empty());
        assert!(w.app.overview(&guru).await.unwrap().classes.is_empty());
    }
}
