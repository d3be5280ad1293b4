//! Who may see who complained (seed 004's privacy policy for complainants): the committee and the
//! complaint's handler, never the officer the complaint is about.

use crate::domain::role::Role;

pub fn may_see_identity(
    role: Role,
    user: Option<i64>,
    handler: Option<i64>,
    about: Option<i64>,
) -> bool {
    if user.is_some() && user == about {
        return false;
    }
    role == Role::Committee || (user.is_some() && user == handler)
}

/// The officer a complaint is about may not handle it nor act on it.
pub fn may_handle(user: Option<i64>, about: Option<i64>) -> bool {
    user.is_none() || user != about
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committee_and_the_handler_see_the_name_nobody_else_does() {
        let table = [
            (Role::Committee, Some(1), None, None, true),
            (Role::Officer, Some(2), Some(2), None, true),
            (Role::Officer, Some(3), Some(2), None, false),
            (Role::Treasurer, Some(3), None, None, false),
            // The committee member the complaint is about does not learn who complained.
            (Role::Committee, Some(4), Some(2), Some(4), false),
        ];
        for (role, user, handler, about, sees) in table {
            assert_eq!(may_see_identity(role, user, handler, about), sees, "{role:?} {user:?}");
        }
    }

    #[test]
    fn the_officer_complained_about_may_not_handle_it() {
        assert!(!may_handle(Some(5), Some(5)));
        assert!(may_handle(Some(6), Some(5)));
        assert!(may_handle(None, Some(5)));
    }
}
