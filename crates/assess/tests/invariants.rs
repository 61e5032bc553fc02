//! Properties over generated fact combinations: no "required" without a ground, every reason
//! and branch cites its basis, deadlines are consistent with the rules.

use jikenbo_assess::{
    assess, is_closed_day, is_holiday, Date, Facts, Ground, OrgKind, Response, SocialResponsibility,
};
use jikenbo_model::{Cause, DataKind, Leak};
use proptest::prelude::*;

fn opt<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop_oneof![1 => Just(None), 3 => s.prop_map(Some)].boxed()
}

fn org() -> impl Strategy<Value = OrgKind> {
    prop::sample::select(OrgKind::ALL.to_vec())
}

fn persons() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0u64),
        Just(1),
        Just(99),
        Just(100),
        Just(101),
        Just(999),
        Just(1000),
        Just(1001),
        0u64..20_000_000,
    ]
}

fn date() -> impl Strategy<Value = Date> {
    // 1990-01-01 .. 2099-11-30
    (7305i64..47_450).prop_map(Date::from_days)
}

fn facts() -> impl Strategy<Value = Facts> {
    let a = (
        opt(org()),
        opt(persons()),
        opt(persons()),
        opt(prop::collection::vec(
            prop::sample::select(DataKind::ALL.to_vec()),
            0..6,
        )),
        opt(prop::sample::select(Cause::ALL.to_vec())),
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(date()),
    );
    let b = (
        opt(prop::sample::select(vec![
            SocialResponsibility::High,
            SocialResponsibility::Normal,
        ])),
        opt(prop::sample::select(vec![
            Response::Appropriate,
            Response::Inappropriate,
            Response::Unknown,
        ])),
        opt(prop::sample::select(vec![
            Leak::Confirmed,
            Leak::Possible,
            Leak::None,
        ])),
        opt(any::<bool>()),
        opt(any::<bool>()),
        prop_oneof![3 => Just(None), 1 => any::<bool>().prop_map(Some)],
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(any::<bool>()),
        opt(any::<bool>()),
    );
    (a, b).prop_map(|(a, b)| Facts {
        org_kind: a.0,
        persons: a.1,
        my_number_persons: a.2,
        data: a.3,
        cause: a.4,
        wrongful_intent: a.5,
        encrypted: a.6,
        pseudonymized: a.7,
        recovered_unviewed: a.8,
        ordinance_sensitive: a.9,
        processor_notified_controller: a.10,
        aware: a.11,
        social_responsibility: b.0,
        response: b.1,
        leak: b.2,
        card_last4_only: b.3,
        payment_credentials: b.4,
        financial_risk: b.5,
        pre_storage: b.6,
        publicly_viewable: b.7,
        mynumber_system: b.8,
        nondisclosure_info: b.9,
        ..Facts::default()
    })
}

fn cites_basis(line: &str) -> bool {
    (line.contains('第') && line.contains('条')) || line.contains("JNSA")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn conclusions_have_grounds_and_citations(f in facts()) {
        let a = assess(&f);
        // Nothing is required without a ground.
        if a.report_required {
            prop_assert!(!a.grounds.is_empty(), "{a:?}");
        }
        for r in &a.regime_details {
            if r.report_required {
                prop_assert!(!r.grounds.is_empty());
                prop_assert!(r.exemption.is_none());
            } else {
                prop_assert!(r.exemption.is_some());
                prop_assert!(!r.notify_individuals);
            }
            prop_assert!(!r.basis.is_empty());
            prop_assert!(r.basis.iter().all(|b| cites_basis(b)), "{:?}", r.basis);
        }
        for line in &a.reasons {
            prop_assert!(cites_basis(line), "reason without article: {line}");
        }
        for b in &a.branches {
            if b.report_required {
                prop_assert!(!b.grounds.is_empty());
            }
            prop_assert!(cites_basis(&b.summary), "branch without article: {}", b.summary);
            prop_assert!(b.summary.starts_with(&b.condition));
        }
        // Notice only where a report is due.
        if a.notify_individuals {
            prop_assert!(a.report_required);
        }
        // Regime-specific grounds.
        let public = f.org_kind == Some(OrgKind::PublicBody);
        if a.grounds.contains(&Ground::OrdinanceSensitive) {
            prop_assert!(public);
        }
        if a.grounds.contains(&Ground::Volume) {
            let t = if public { 100 } else { 1000 };
            prop_assert!(f.persons.unwrap_or(0) > t);
        }
        if a.grounds.iter().any(|g| matches!(g,
            Ground::MynumberSystem | Ground::MynumberWrongful | Ground::MynumberPublic | Ground::MynumberVolume)) {
            prop_assert!(f.involves_my_number());
        }
        // Exemptions.
        if f.encrypted == Some(true) || f.recovered_unviewed == Some(true) || f.leak == Some(Leak::None) {
            prop_assert!(!a.report_required);
            prop_assert!(a.grounds.is_empty());
        }
        // JSON has the contract's keys.
        let v = serde_json::to_value(&a).unwrap();
        for k in ["report_required", "grounds", "regimes", "sokuho_from", "sokuho_to",
                  "kakuho_due", "notify_individuals", "jnsa", "reasons", "assumptions"] {
            prop_assert!(v.get(k).is_some(), "missing {k}");
        }
    }

    #[test]
    fn deadlines_follow_the_algorithm(f in facts()) {
        let a = assess(&f);
        prop_assert_eq!(a.report_required, a.kakuho_days.is_some());
        match (a.report_required, f.aware) {
            (true, Some(aware)) => {
                let days = a.kakuho_days.unwrap();
                prop_assert!(days == 30 || days == 60);
                let due = a.kakuho_due.unwrap();
                let raw = aware.add_days(i64::from(days) - 1);
                prop_assert!(due >= raw);
                prop_assert!(!is_closed_day(due));
                let mut d = raw;
                while d < due {
                    prop_assert!(is_closed_day(d));
                    d = d.add_days(1);
                }
                prop_assert_eq!(a.sokuho_from, Some(aware.add_days(3)));
                prop_assert_eq!(a.sokuho_to, Some(aware.add_days(5)));
                let wrongful = a.regime_details.iter().any(|r| r.report_required
                    && r.kakuho_due == Some(due)
                    && r.grounds.iter().any(|g| matches!(g, Ground::Wrongful | Ground::MynumberWrongful)));
                prop_assert_eq!(days == 60, wrongful);
            }
            _ => {
                prop_assert!(a.kakuho_due.is_none());
                prop_assert!(a.sokuho_from.is_none() && a.sokuho_to.is_none());
            }
        }
    }

    #[test]
    fn json_facts_round_trip(f in facts()) {
        let json = serde_json::to_string(&f).unwrap();
        let back = Facts::from_json(&json).unwrap();
        prop_assert_eq!(&back, &f);
        prop_assert_eq!(assess(&back), assess(&f));
    }

    #[test]
    fn closed_days_never_run_long(n in 7300i64..47_000) {
        // At most 10 closed days in a row (Golden Week 2019: 04-27..05-06).
        let d = Date::from_days(n);
        let mut e = d;
        while is_closed_day(e) { e = e.add_days(1); }
        prop_assert!(e.days_since(d) <= 10, "{d}");
        if is_holiday(d).is_some() { prop_assert!(is_closed_day(d)); }
    }
}
