//! Roles and what each may do (DESIGN.md §1), and the maker-checker rule for approvals.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Officer,
    Treasurer,
    Committee,
}

/// Things a user may be allowed to do; screens hide what the role may not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    KeepFiles,
    RecordPayment,
    PrintLetters,
    Prepare,
    Approve,
    ReversePayment,
    FundStatements,
    ReverseApproval,
    ManageUsers,
    EditSettings,
    EditTemplates,
    Backup,
    /// Read the audit log (who did what, sign-ins included).
    ViewAudit,
    /// PDPA duties: the breach register and a member's copy of their data.
    ManagePersonalData,
    /// Bring an office's existing books in from Excel, and undo such a batch (issue 14 §3).
    ImportBooks,
}

impl Role {
    pub const ALL: &[Role] = &[Role::Officer, Role::Treasurer, Role::Committee];

    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Treasurer => "treasurer",
            Role::Committee => "committee",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.iter().copied().find(|r| r.code() == code)
    }

    pub fn may(self, permission: Permission) -> bool {
        use Permission::*;
        match permission {
            KeepFiles | RecordPayment | PrintLetters | Prepare => true,
            Approve | ReversePayment | FundStatements | ImportBooks => self >= Role::Treasurer,
            ReverseApproval | ManageUsers | EditSettings | EditTemplates | Backup | ViewAudit
            | ManagePersonalData => self == Role::Committee,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Officer => "เจ้าหน้าที่",
            Role::Treasurer => "เหรัญญิก",
            Role::Committee => "ประธาน/กรรมการ",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApprovalError {
    #[error("ผู้จัดทำอนุมัติรายการของตนเองไม่ได้ ต้องให้ผู้อื่นเป็นผู้อนุมัติ")]
    SelfApproval,
    #[error("บทบาท{0}ไม่มีสิทธิ์อนุมัติ")]
    NotAllowed(Role),
}

/// Maker-checker: the approver must hold the right and must not be the one who prepared it.
pub fn check_approval(
    preparer: i64,
    approver: i64,
    approver_role: Role,
) -> Result<(), ApprovalError> {
    if !approver_role.may(Permission::Approve) {
        return Err(ApprovalError::NotAllowed(approver_role));
    }
    if preparer == approver {
        return Err(ApprovalError::SelfApproval);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn officers_prepare_but_do_not_approve() {
        assert!(Role::Officer.may(Permission::RecordPayment));
        assert!(Role::Officer.may(Permission::Prepare));
        assert!(!Role::Officer.may(Permission::Approve));
        assert!(!Role::Officer.may(Permission::ReversePayment));
    }

    #[test]
    fn treasurers_approve_and_reverse_but_do_not_manage_users() {
        assert!(Role::Treasurer.may(Permission::Approve));
        assert!(Role::Treasurer.may(Permission::ReversePayment));
        assert!(!Role::Treasurer.may(Permission::ManageUsers));
    }

    #[test]
    fn the_committee_may_do_everything() {
        use Permission::*;
        for p in [
            KeepFiles,
            Approve,
            ReverseApproval,
            ManageUsers,
            EditSettings,
            EditTemplates,
            Backup,
            ViewAudit,
        ] {
            assert!(Role::Committee.may(p));
        }
    }

    #[test]
    fn nobody_approves_their_own_work() {
        assert_eq!(check_approval(7, 7, Role::Committee), Err(ApprovalError::SelfApproval));
        assert_eq!(
            check_approval(7, 8, Role::Officer),
            Err(ApprovalError::NotAllowed(Role::Officer))
        );
        assert_eq!(check_approval(7, 8, Role::Treasurer), Ok(()));
    }
}
