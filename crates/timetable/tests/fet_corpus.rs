//! Every `.fet` file FET ships as examples (Debian's fet-data) imports, or is
//! reported unsupported with its constraint types: no panic, no silent drop.

use schooldesk_timetable::fet;
use std::path::{Path, PathBuf};

pub const EXAMPLES: &str = "/usr/share/doc/fet-data/examples";

pub fn corpus() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "fet") {
                out.push(path);
            }
        }
    }
    assert!(
        Path::new(EXAMPLES).is_dir(),
        "{EXAMPLES} is missing: install Debian's fet-data (scripts/install-deps.sh does)"
    );
    let mut files = Vec::new();
    walk(Path::new(EXAMPLES), &mut files);
    files.sort();
    files
}

#[test]
fn every_example_imports_or_is_reported_unsupported() {
    let files = corpus();
    assert!(files.len() > 200, "only {} .fet files found", files.len());
    let (mut supported, mut unsupported) = (0, 0);
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        match fet::read(&text) {
            Ok(import) => {
                let inst = &import.instance;
                assert!(
                    !inst.activities.is_empty() || inst.constraints.is_empty(),
                    "{}",
                    path.display()
                );
                // Every constraint element is either modelled or kept verbatim.
                let elements =
                    text.matches("<Constraint").count() - text.matches("<ConstraintsList").count();
                assert_eq!(
                    inst.constraints.len() + inst.opaque.len(),
                    elements,
                    "{}: a constraint was dropped",
                    path.display()
                );
                if inst.unsupported().is_empty() {
                    supported += 1;
                } else {
                    unsupported += 1;
                }
            }
            Err(e) => failures.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} files failed to import:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!(
        "{} files: {supported} fully supported, {unsupported} use unsupported constraint types",
        files.len()
    );
    assert_eq!(
        supported, ALL_SUPPORTED,
        "files importing with every constraint modelled changed: update ALL_SUPPORTED (and the README) if this is progress"
    );
}

/// Of all example files, how many import with every constraint modelled.
const ALL_SUPPORTED: usize = 171;
/// Of the 139 official schools' files (FET-5-official, FET-6-official).
const OFFICIAL_FILES: usize = 139;
const OFFICIAL_SUPPORTED: usize = 139;

/// Official files that the types added for issue 15 made importable
/// (StudentsMaxHoursDaily, StudentsSetMaxHoursDaily,
/// StudentsSetEarlyMaxBeginningsAtSecondHour, ActivityTagPreferredRoom,
/// TeacherHomeRooms, SubactivitiesPreferredTimeSlots,
/// SubactivitiesPreferredStartingTimes, TeacherMaxHoursContinuously,
/// StudentsMaxHoursContinuously, StudentsMaxGapsPerDay,
/// StudentsSetMaxGapsPerDay; then ActivitiesSameStartingDay,
/// ActivitiesSameStartingHour, MinGapsBetweenActivities,
/// MaxDaysBetweenActivities, TwoActivitiesOrdered, TeacherMinDaysPerWeek,
/// TeachersMinDaysPerWeek; then TeacherIntervalMaxDaysPerWeek,
/// TeachersIntervalMaxDaysPerWeek, StudentsSetIntervalMaxDaysPerWeek,
/// StudentsIntervalMaxDaysPerWeek; then ActivityEndsStudentsDay,
/// ActivitiesEndStudentsDay; then TwoActivitiesOrderedIfSameDay; then
/// ThreeActivitiesGrouped; then SubjectActivityTagPreferredRooms and
/// StudentsSetHomeRooms; then ActivitiesOccupyMaxTimeSlotsFromSelection and
/// ActivitiesMaxSimultaneousInSelectedTimeSlots; then
/// ActivitiesOccupyMaxDifferentRooms and ActivitiesSameRoomIfConsecutive;
/// then the max-span and min-resting-hours types; then virtual rooms and
/// the max span's one-day exception; then
/// StudentsMinGapsBetweenOrderedPairOfActivityTags):
/// each must stay fully supported.
const NEWLY_SUPPORTED: &[&str] = &[
    "FET-5-official/Spain/4-secondary-and-vocational-school/SPAIN_20-21.fet",
    "FET-5-official/Spain/4-secondary-and-vocational-school/SPAIN_20-21-locked.fet",
    "FET-5-official/Germany/secondary-school-1/test-virtual-rooms-1/German-test-virtual-rooms-1.fet",
    "FET-5-official/Germany/secondary-school-1/test-virtual-rooms-3/German-test-virtual-rooms-3.fet",
    "FET-5-official/Germany/secondary-school-1/test-virtual-rooms-2/German-test-virtual-rooms-2.fet",
    "FET-5-official/India/Kurukshetra/Institute-of-Technology/MED_2019-20-1.fet",
    "FET-5-official/Belize/Sacred-Heart-College/shc-2008/shc-prelim-08.fet",
    "FET-5-official/Germany/secondary-school-1/constraints-min-days-100-few-0/German-100_and_0.fet",
    "FET-5-official/Germany/secondary-school-1/using_subactivities_constraints/German_subact_constr.fet",
    "FET-6-official/Germany/secondary-school-1/using_subactivities_constraints/German_subact_constr.fet",
    "FET-5-official/Germany/DGS-Pro/dgspro200809.fet",
    "FET-5-official/Germany/DGS-Pro/older/DGS_Pro_Germany.fet",
    "FET-5-official/Hungary/Bethlen/2007-2008-difficult/Bethlen_2007_2008.fet",
    "FET-5-official/Italy/2007/difficult/highschool-Ancona.fet",
    "FET-5-official/Italy/2007/simple/simpler-Italian.fet",
    "FET-5-official/Namibia/by-Bobby/set-7-2016/HavanaPSY2016T2b.fet",
    "FET-5-official/Namibia/by-Bobby/set-7-2016/Moses-vd-Byl-Y2016-T1b.fet",
    "FET-5-official/Namibia/by-Bobby/set-7-2016/NamibiaPSY16T1f.fet",
    "FET-5-official/Namibia/by-Bobby/set-8-2017/NehaleSS2017T1a.fet",
    "FET-5-official/Malta/Klikk-SLP/Klikks-SLP.fet",
    "FET-5-official/Morocco/Hadkourt/old-without-max-7-hours/lycee-Farabi-old.fet",
    "FET-5-official/Romania/Oradea/FS-2008-2009-difficult.fet",
    "FET-5-official/Romania/Constantin-Brancusi-School-Medgidia/2013-2014/Orar_5_3.fet",
    "FET-5-official/Romania/Pedagogic-High-School-Tg-Mures/2007-2008_sem1-a.fet",
    "FET-5-official/Spain/2-secondary-school/secondary-school.fet",
    "FET-5-official/Sudan/Khartoum-2010-02-13.fet",
    "FET-5-official/Iran/Sharif-University/Sharif.fet",
    "FET-5-official/Italy/2009/liceo-scientifico.fet",
    "FET-5-official/Saudi-Arabia/may-not-solve/Arabic_Saudi_Examination.fet",
    "FET-5-official/South-Africa/2021/SIBUKOSETFU/SIBUKOSETFU.fet",
    "FET-5-official/Vietnam/2-secondary-school/VietNamHungYen.fet",
    "FET-5-official/Vietnam/3-THCS-(Mo-hinh-truong-hoc-moi)/TKB-THCS-DucHop_KimDong_HungYen-(8_2015).fet",
    "FET-5-official/Greece/Gymnasio/Gymnasio.fet",
    "FET-5-official/India/REVA-University/REVA-UNIVERSITY_JANUARY2016.fet",
    "FET-5-official/Germany/secondary-school-2/GYR-more-difficult.fet",
    "FET-5-official/Greece/Vartholomio/2008-2009.fet",
    "FET-5-official/Indonesia/TelPolytech-Bandung/2010-2011/TelPolytech_even.fet",
    "FET-5-official/Italy/2010/base2010-23.fet",
    "FET-5-official/Spain/1-school/school.fet",
    "FET-5-official/Vietnam/1-Le-Qui-Don_Lam-Ha/Khoi-chieu.fet",
    "FET-5-official/Vietnam/1-Le-Qui-Don_Lam-Ha/Khoi-sang.fet",
    "FET-5-official/Greece/Didymoteicho/6th-Primary-School.fet",
    "FET-5-official/Hong-Kong/secondary-school-1/Yew-Chung-Intl-School/2008-09-difficult.fet",
    "FET-5-official/Hungary/Bethlen/2008-2009/1-older/Bethlen-2008-2009-old.fet",
    "FET-5-official/Hungary/Bethlen/2008-2009/2-newer/Bethlen-2008-2009.fet",
    "FET-5-official/Hungary/Varosmajori_Gimnazium_Budapest/vmg-20180901b-2.fet",
    "FET-5-official/Hungary/Varosmajori_Gimnazium_Budapest/vmg-20180901b-9.fet",
    "FET-5-official/Italy/2010/Liceo-2010.fet",
    "FET-5-official/Romania/Constantin-Brancusi-School-Medgidia/2019-2020/Orar_4_6.fet",
    "FET-5-official/Romania/Pedagogic-High-School-Tg-Mures/2007-2008_sem1-d.fet",
    "FET-5-official/Syria/Hama/2019/Industrial-high-school.fet",
    "FET-5-official/Namibia/by-Bobby/set-7-2016/GoreangabJSSY2016T2b.fet",
    "FET-5-official/Russia/Russian-Medical-College/timetable-ru.fet",
    "FET-5-official/Algeria/Algerian-college/Find-the-gaps.fet",
    "FET-5-official/Morocco/Hadkourt/lycee-Farabi.fet",
    "FET-5-official/Syria/Hama/2019/High-school.fet",
    "FET-5-official/United-Arab-Emirates/IBDP-School-2016.fet",
    "FET-5-official/Algeria/Faculte-SNV-BBA/SNV-BBA-2019-2020-S1-VF.fet",
    "FET-5-official/Belize/Sacred-Heart-College/shc-2012/test-2012.fet",
    "FET-5-official/Belize/Sacred-Heart-College/shc-2013/shc-2013-more-difficult.fet",
    "FET-5-official/Egypt/Dakahlia/institution-2012-2013.fet",
    "FET-5-official/Hong-Kong/secondary-school-2/FET-2020-07-30-SAMPLE_HK_6_period.fet",
    "FET-5-official/Romania/Pedagogic-High-School-Tg-Mures/2007-2008_sem1-d-test-students-max-span-per-day.fet",
    "FET-5-official/anonymous/2/2017/lk-example.fet",
    "FET-5-official/Tunisia/Licee-secondaire-Hanibal-a-L-Ariana/Diff1TverouillageTPass3.fet",
];

/// The official schools' files: how many import with every constraint
/// modelled, and what keeps the others out (printed, most common first).
#[test]
fn official_files_import_as_expected() {
    let mut supported = Vec::new();
    let mut blockers: Vec<(String, usize)> = Vec::new();
    let official: Vec<PathBuf> = corpus()
        .into_iter()
        .filter(|p| {
            let rel = p.strip_prefix(EXAMPLES).unwrap().to_string_lossy();
            rel.starts_with("FET-5-official/") || rel.starts_with("FET-6-official/")
        })
        .collect();
    assert_eq!(official.len(), OFFICIAL_FILES);
    for path in &official {
        let rel = path
            .strip_prefix(EXAMPLES)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let inst = fet::read(&std::fs::read_to_string(path).unwrap())
            .unwrap()
            .instance;
        let missing = inst.unsupported();
        if missing.is_empty() {
            supported.push(rel);
        }
        for (name, _) in missing {
            match blockers.iter_mut().find(|(n, _)| *n == name) {
                Some((_, k)) => *k += 1,
                None => blockers.push((name, 1)),
            }
        }
    }
    blockers.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for (name, k) in &blockers {
        eprintln!("{k:>4} official files use {name}");
    }
    for rel in NEWLY_SUPPORTED {
        assert!(
            supported.iter().any(|s| s == rel),
            "{rel} no longer imports with every constraint modelled"
        );
    }
    assert_eq!(
        supported.len(),
        OFFICIAL_SUPPORTED,
        "official files importing with every constraint modelled changed: update OFFICIAL_SUPPORTED (and the README) if this is progress"
    );
}

#[test]
fn import_export_import_gives_the_same_model() {
    let mut checked = 0;
    for path in corpus() {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = fet::read(&text).unwrap().instance;
        if !first.unsupported_features.is_empty() {
            continue; // Mornings_Afternoons and Block_Planning are not solved, so not written
        }
        let written = fet::write(&first);
        let second = fet::read(&written)
            .unwrap_or_else(|e| {
                panic!("{}: our own output does not read back: {e}", path.display())
            })
            .instance;
        assert_eq!(first, second, "{}", path.display());
        checked += 1;
    }
    assert!(checked > 200, "only {checked} files round-tripped");
}
