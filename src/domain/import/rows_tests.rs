use super::*;
use crate::domain::import::header::guess;

fn id(first12: &str) -> String {
    let digits: Vec<u8> = first12.bytes().map(|b| b - b'0').collect();
    NationalId::from_first12(digits.try_into().unwrap()).unwrap().digits()
}

fn row(cells: &[&str]) -> Vec<Cell> {
    cells.iter().map(|c| Cell::text(*c)).collect()
}

const HEADERS: &[&str] = &[
    "ลำดับ",
    "เลขที่สัญญา",
    "ชื่อ-สกุล",
    "เลขบัตรประชาชน",
    "บ้านเลขที่",
    "หมู่",
    "วันที่กู้",
    "เงินกู้",
    "อัตราดอกเบี้ย",
    "จำนวนงวด",
    "เงินต้นคงเหลือ",
    "ผู้ค้ำประกัน",
    "เลขบัตรผู้ค้ำ",
];

fn sheet(body: Vec<Vec<Cell>>) -> Sheet {
    let mut rows = vec![row(&["ทะเบียนลูกหนี้ กองทุนหมู่บ้าน", "", ""]), row(HEADERS)];
    rows.extend(body);
    let mapping = guess(&rows).unwrap();
    parse(&rows, &mapping).unwrap()
}

fn outcome(s: &Sheet, n: usize) -> &Parsed {
    &s.rows[n].1
}

fn refused(s: &Sheet, n: usize) -> &str {
    match outcome(s, n) {
        Parsed::Refused(r) => r,
        other => panic!("row {n}: {other:?}"),
    }
}

#[test]
fn a_loan_row_reads_thai_digits_separators_and_be_dates() {
    let borrower = id("110170012345");
    let guarantor = id("310050067890");
    let s = sheet(vec![row(&[
        "๑",
        "กข.1/2560",
        "นายสมชาย ใจดี",
        &borrower,
        "๑๒/๓",
        "หมู่ ๓",
        "15/3/2560",
        "๒๐,๐๐๐.๐๐",
        "6",
        "24",
        "12,500.50",
        "นางบุญมี ศรีสุข",
        &guarantor,
    ])]);
    let Parsed::Row(r) = outcome(&s, 0) else { panic!("{:?}", s.rows) };
    assert_eq!(r.person.name.full(), "นายสมชาย ใจดี");
    assert_eq!(r.person.house_no, "12/3");
    assert_eq!(r.person.village, Some(3));
    let loan = r.loan.as_ref().unwrap();
    assert_eq!(loan.start, NaiveDate::from_ymd_opt(2017, 3, 15).unwrap());
    assert_eq!(loan.principal, Satang(2_000_000));
    assert_eq!(loan.figures.principal_owed, Satang(1_250_050));
    assert_eq!(loan.rate.unwrap().bp(), 600);
    assert_eq!(loan.guarantors[0].name.first, "บุญมี");
    assert!(s.column_problems.is_empty(), "{:?}", s.column_problems);
}

#[test]
fn bad_ids_high_rates_and_missing_borrowers_are_refused_with_thai_reasons() {
    let good = id("110170012345");
    let mut bad = good.clone();
    bad.replace_range(12..13, if good.ends_with('1') { "2" } else { "1" });
    let s = sheet(vec![
        row(&[
            "1",
            "ก.1",
            "นายก ไก่",
            &bad,
            "1",
            "1",
            "15/3/2560",
            "1000",
            "6",
            "12",
            "500",
            "",
            "",
        ]),
        row(&[
            "2",
            "ก.2",
            "นายข ไข่",
            &good,
            "1",
            "1",
            "15/3/2560",
            "1000",
            "18",
            "12",
            "500",
            "",
            "",
        ]),
        row(&["3", "ก.3", "", "", "1", "1", "15/3/2560", "1000", "6", "12", "500", "", ""]),
        row(&[
            "4",
            "ก.4",
            "นายค ควาย",
            "",
            "1",
            "1",
            "15/3/2560",
            "1000",
            "6",
            "12",
            "500",
            "นายค ควาย",
            &good,
        ]),
        row(&["5", "ก.5", "นายง งู", &good, "1", "1", "", "1000", "6", "12", "500", "", ""]),
    ]);
    assert!(refused(&s, 0).contains("หลักตรวจสอบ"), "{}", refused(&s, 0));
    assert!(refused(&s, 1).contains("ร้อยละ 15"), "{}", refused(&s, 1));
    assert!(refused(&s, 2).contains("สัญญาไม่มีผู้กู้"), "{}", refused(&s, 2));
    // Row 4's guarantor has the id of row 2's borrower, which is fine; row 5 reuses row 2's id
    // under another name.
    assert!(matches!(outcome(&s, 3), Parsed::Row(_)));
    assert!(
        refused(&s, 4).contains("สมาชิกซ้ำ") || refused(&s, 4).contains("วันที่กู้"),
        "{}",
        refused(&s, 4)
    );
}

#[test]
fn blank_rows_and_a_totals_row_are_reported_and_a_wrong_total_is_named() {
    let s = sheet(vec![
        row(&["1", "ก.1", "นายก ไก่", "", "1", "1", "15/3/2560", "1,000", "6", "12", "500", "", ""]),
        row(&["", "", "", "", "", "", "", "", "", "", "", "", ""]),
        row(&["2", "ก.2", "นายข ไข่", "", "1", "1", "16/3/2560", "2,000", "6", "12", "700", "", ""]),
        row(&["รวม", "", "", "", "", "", "", "3,500", "", "", "1,200", "", ""]),
    ]);
    assert_eq!(outcome(&s, 1), &Parsed::Skipped("แถวว่าง".into()));
    assert_eq!(outcome(&s, 3), &Parsed::Skipped("แถวยอดรวม".into()));
    assert_eq!(s.column_problems.len(), 1, "{:?}", s.column_problems);
    assert!(s.column_problems[0].contains("3,000.00") && s.column_problems[0].contains("3,500.00"));
}

#[test]
fn an_ambiguous_date_column_is_reported_once_and_its_rows_wait_for_the_choice() {
    let body = vec![
        row(&["1", "ก.1", "นายก ไก่", "", "1", "1", "5/3/2560", "1000", "6", "12", "500", "", ""]),
        row(&["2", "ก.2", "นายข ไข่", "", "1", "1", "1/2/2561", "1000", "6", "12", "500", "", ""]),
    ];
    let s = sheet(body.clone());
    assert_eq!(s.column_problems.len(), 1);
    assert!(refused(&s, 0).contains("ยังไม่ได้ระบุ"));
    let mut rows = vec![row(HEADERS)];
    rows.extend(body);
    let mut mapping = guess(&rows).unwrap();
    mapping.date_orders.insert(Field::StartDate, Order::DayFirst);
    let s = parse(&rows, &mapping).unwrap();
    let Parsed::Row(r) = &s.rows[0].1 else { panic!() };
    assert_eq!(r.loan.as_ref().unwrap().start, NaiveDate::from_ymd_opt(2017, 3, 5).unwrap());
}

#[test]
fn rates_formatted_as_percent_cells_and_phones_that_lost_their_zero() {
    let mut rows =
        vec![row(&["ชื่อ-สกุล", "เบอร์โทร", "เลขที่สัญญา", "เงินกู้", "วันที่กู้", "อัตราดอกเบี้ย", "เงินต้นคงเหลือ"])];
    rows.push(vec![
        Cell::text("นายก ไก่"),
        Cell::Number("812345678".into()),
        Cell::text("ก.1"),
        Cell::Number("10000".into()),
        Cell::Serial(42809),
        Cell::Number("0.06".into()),
        Cell::Number("5000".into()),
    ]);
    let s = parse(&rows, &guess(&rows).unwrap()).unwrap();
    let Parsed::Row(r) = &s.rows[0].1 else { panic!("{:?}", s.rows) };
    assert_eq!(r.person.phone, "0812345678");
    assert_eq!(r.loan.as_ref().unwrap().rate.unwrap().bp(), 600);
}

#[test]
fn a_member_row_without_a_loan_is_a_member_only() {
    let s =
        sheet(vec![row(&["1", "", "นางสาวสมหญิง รักดี", "", "7", "2", "", "", "", "", "", "", ""])]);
    let Parsed::Row(r) = outcome(&s, 0) else { panic!() };
    assert!(r.loan.is_none());
    assert_eq!(r.person.name.title, "นางสาว");
}
