//! Where a destination leads: the screen it opens, with the history Esc goes back through.

use iced::Task;

use super::screen::{self, Destination};
use super::*;

impl App {
    /// Opens a destination; with `keep` the current one goes on the history for Esc.
    pub fn open(&mut self, destination: Destination, keep: bool) -> Task<Message> {
        let Some(session) = self.session.clone() else {
            return Task::none();
        };
        if !destination.allowed(session.user.role) {
            return Task::none();
        }
        if let Screen::Find(f) = &self.screen {
            self.last_query = f.query.clone();
        }
        if keep && let Some(current) = self.current.take() {
            if self.history.len() == HISTORY_LIMIT {
                self.history.remove(0);
            }
            self.history.push(current);
        }
        let (screen, task) = match destination.clone() {
            Destination::Home => {
                self.start("open home to work list on screen");
                let (s, t) = home::Home::new(session, &self.home_cache);
                (Screen::Home(s), t.map(Message::Home))
            }
            Destination::Find => {
                let (s, t) = find::Find::new(session, self.last_query.clone());
                (Screen::Find(s), t.map(Message::Find))
            }
            Destination::Funds => {
                let (s, t) = funds::Funds::new(&session);
                (Screen::Funds(s), t.map(Message::Funds))
            }
            Destination::Household(id) => {
                let (s, t) = household::HouseholdFile::new(session, id);
                (Screen::Household(s), t.map(Message::Household))
            }
            Destination::Member(id) => {
                let (s, t) = member::MemberFile::new(session, id);
                (Screen::Member(s), t.map(Message::Member))
            }
            Destination::Loan(id) => {
                self.start("open loan file to file on screen");
                let (s, t) = loan::LoanFile::new(session, id);
                (Screen::Loan(s), t.map(Message::Loan))
            }
            Destination::RecordPayment(id) => {
                let (s, t) = payment::RecordPayment::new(session, id);
                (Screen::Payment(s), t.map(Message::Payment))
            }
            Destination::NewHousehold => {
                let (s, t) = household_form::HouseholdForm::new(session);
                (Screen::HouseholdForm(s), t.map(Message::HouseholdForm))
            }
            Destination::NewMember { household_id } => {
                let (s, t) = member_form::MemberForm::new(session, household_id);
                (Screen::MemberForm(s), t.map(Message::MemberForm))
            }
            Destination::NewLoan { borrower_id } => {
                let (s, t) = loan_form::LoanForm::new(session, borrower_id);
                (Screen::LoanForm(s), t.map(Message::LoanForm))
            }
            Destination::Letter { loan_id } => {
                let (s, t) = letter::LetterScreen::new(session, loan_id);
                (Screen::Letter(s), t.map(Message::Letter))
            }
            Destination::LettersBatch => {
                let (s, t) = letters_batch::LettersBatch::new(session);
                (Screen::LettersBatch(s), t.map(Message::LettersBatch))
            }
            Destination::LetterRegister => {
                let (s, t) = letter_register::LetterRegister::new(session);
                (Screen::LetterRegister(s), t.map(Message::LetterRegister))
            }
            Destination::Templates => {
                let (s, t) = templates::Templates::new(session);
                (Screen::Templates(s), t.map(Message::Templates))
            }
            Destination::Consolidate { household_id } => {
                let (s, t) = consolidation::Consolidate::new(session, household_id);
                (Screen::Consolidate(s), t.map(Message::Consolidate))
            }
            Destination::Approvals => {
                let (s, t) = approvals::Approvals::new(session);
                (Screen::Approvals(s), t.map(Message::Approvals))
            }
            Destination::Plan { loan_id } => {
                let (s, t) = plan::PlanBuilder::new(session, loan_id);
                (Screen::Plan(s), t.map(Message::Plan))
            }
            Destination::PlansAtRisk => {
                let (s, t) = plans_at_risk::PlansAtRisk::new(session);
                (Screen::PlansAtRisk(s), t.map(Message::PlansAtRisk))
            }
            Destination::Queue => {
                let (s, t) = screen::collections::queue::WorkQueue::new(session);
                (Screen::Queue(s), t.map(Message::Queue))
            }
            Destination::Targets => {
                let (s, t) = screen::collections::targets::Targets::new(session);
                (Screen::Targets(s), t.map(Message::Targets))
            }
            Destination::WeeklyReport => {
                let (s, t) = screen::collections::weekly::WeeklyReport::new(session);
                (Screen::WeeklyReport(s), t.map(Message::WeeklyReport))
            }
            Destination::CollectionSheet => {
                let (s, t) = screen::collections::sheet_entry::SheetEntry::new(session);
                (Screen::CollectionSheet(s), t.map(Message::CollectionSheet))
            }
            Destination::LegalDeadlines => {
                let (s, t) = screen::legal::deadlines::LegalDeadlines::new(session);
                (Screen::LegalDeadlines(s), t.map(Message::LegalDeadlines))
            }
            Destination::Case { loan_id } => {
                let (s, t) = screen::legal::case::CaseFile::new(session, loan_id);
                (Screen::Case(s), t.map(Message::Case))
            }
            Destination::Contact { loan_id } => {
                let (s, t) = screen::collections::contact::ContactForm::new(session, loan_id);
                (Screen::Contact(s), t.map(Message::Contact))
            }
            Destination::Complaints => {
                let (s, t) = screen::complaints::list::ComplaintList::new(session);
                (Screen::Complaints(s), t.map(Message::Complaints))
            }
            Destination::NewComplaint { person_id } => {
                let (s, t) = screen::complaints::form::ComplaintForm::new(session, person_id);
                (Screen::ComplaintForm(s), t.map(Message::ComplaintForm))
            }
            Destination::ComplaintsReport => {
                let (s, t) = screen::complaints::report::ComplaintsReport::new(session);
                (Screen::ComplaintsReport(s), t.map(Message::ComplaintsReport))
            }
            Destination::Complaint(id) => {
                let (s, t) = screen::complaints::file::ComplaintFile::new(session, id);
                (Screen::Complaint(s), t.map(Message::Complaint))
            }
            Destination::FundStatement { fund_id } => {
                let (s, t) = fund_statement::FundStatementScreen::new(session, fund_id);
                (Screen::FundStatement(s), t.map(Message::FundStatement))
            }
            Destination::Reports => {
                let (s, t) = screen::reports::report::ReportScreen::new(session);
                (Screen::Reports(s), t.map(Message::Reports))
            }
            Destination::Users => {
                let (s, t) = users_screen::Users::new(session);
                (Screen::Users(s), t.map(Message::Users))
            }
            Destination::Backups => {
                let (s, t) = screen::admin::backups::Backups::new(session);
                (Screen::Backups(s), t.map(Message::Backups))
            }
            Destination::Import => {
                let (s, t) = screen::admin::import::Import::new(session);
                (Screen::Import(s), t.map(Message::Import))
            }
            Destination::AuditLog => {
                let (s, t) = screen::admin::audit::AuditLog::new(session);
                (Screen::AuditLog(s), t.map(Message::AuditLog))
            }
            Destination::Breaches => {
                let (s, t) = screen::admin::breaches::Breaches::new(session);
                (Screen::Breaches(s), t.map(Message::Breaches))
            }
            Destination::Retention => {
                let (s, t) = screen::admin::retention::Retention::new(session);
                (Screen::Retention(s), t.map(Message::Retention))
            }
            Destination::Settings => {
                let (s, t) = screen::admin::settings::SettingsScreen::new(session);
                (Screen::Settings(s), t.map(Message::Settings))
            }
            Destination::Transfer { loan_id } => {
                let (s, t) = screen::consolidation::transfer::Transfer::new(session, loan_id);
                (Screen::Transfer(s), t.map(Message::Transfer))
            }
            Destination::EditHousehold(id) => {
                let (s, t) = household_form::HouseholdForm::edit(session, id);
                (Screen::HouseholdForm(s), t.map(Message::HouseholdForm))
            }
            Destination::EditMember(id) => {
                let (s, t) = member_form::MemberForm::edit(session, id);
                (Screen::MemberForm(s), t.map(Message::MemberForm))
            }
        };
        self.screen = screen;
        self.generation += 1;
        self.current = Some(destination);
        task
    }
}
