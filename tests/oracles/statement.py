"""Independent oracle for issue 2's statement rules (allocation s.329, default interest s.224/1,
arrears, payoff), written from the issue text with Python's decimal module.
Run: python3 tests/oracles/statement.py P RATE METHOD FREQ N START AS_OF DEFAULT_RATE [DATE:AMOUNT ...]"""
import sys, datetime
from decimal import Decimal as D
from schedule import schedule, r2

def ymd(s): return datetime.date(*map(int, s.split("-")))

def statement(rows, rate, method, start, as_of, drate, payments):
    inst = [dict(no=r[0], due=r[1], p=r[2], i=r[3], pp=D(0), ip=D(0), dp=D(0), dx=D(0), acc=r[1]) for r in rows]
    # dx holds amount x rate x days; 365 is divided only when rounding (issue 11 section 2: a daily
    # rate first loses the half satang of 312.50 x 5% x 365/365 = 15.625).
    yearly = D(drate) / 100
    def accrue(w, to):
        frm = max(w["acc"], w["due"])
        if to > frm:
            w["dx"] += (w["p"] - w["pp"]) * yearly * (to - frm).days
            w["acc"] = to
    def dflt_of(w): return r2(w["dx"] / 365)
    allocs = []
    for d, amt in sorted(payments, key=lambda x: x[0]):
        if d > as_of: continue
        for w in inst: accrue(w, d)
        debt = sum(dflt_of(w) - w["dp"] + w["i"] - w["ip"] + w["p"] - w["pp"] for w in inst)
        assert amt <= debt, "overpayment"
        left, sl = amt, []
        def take(owed, no, part):
            nonlocal left
            x = min(left, owed)
            if x > 0: left -= x; sl.append((no, part, x))
            return max(x, D(0))
        for w in inst:
            if w["due"] <= d:
                w["dp"] += take(dflt_of(w) - w["dp"], w["no"], "default")
                w["ip"] += take(w["i"] - w["ip"], w["no"], "interest")
                w["pp"] += take(w["p"] - w["pp"], w["no"], "principal")
        for w in inst:
            if w["due"] > d:
                w["ip"] += take(w["i"] - w["ip"], w["no"], "interest")
                w["pp"] += take(w["p"] - w["pp"], w["no"], "principal")
        allocs.append((d, amt, sl))
    for w in inst: accrue(w, as_of)
    out = sum(w["p"] - w["pp"] for w in inst)
    idue = sum(w["i"] - w["ip"] for w in inst if w["due"] <= as_of)
    dflt = sum(dflt_of(w) - w["dp"] for w in inst)
    over = [w for w in inst if w["due"] < as_of and (w["pp"] < w["p"] or w["ip"] < w["i"])]
    dpd = (as_of - over[0]["due"]).days if over else 0
    oamt = sum(w["p"] - w["pp"] + w["i"] - w["ip"] for w in over) + dflt
    acc = D(0)
    if method != "flat":
        nyd = sum(w["p"] - w["pp"] for w in inst if w["due"] > as_of)
        past = [w["due"] for w in inst if w["due"] <= as_of]
        since = past[-1] if past else start
        acc = r2(nyd * D(rate) / 100 * (as_of - since).days / 365)
    return dict(outstanding_principal=out, interest_due=idue, default_interest=dflt,
                overdue_installments=len(over), days_past_due=dpd, overdue_amount=oamt,
                accrued=acc, payoff=out + idue + dflt + acc, allocations=allocs,
                per_installment=[(w["no"], w["pp"], w["ip"], dflt_of(w)) for w in inst])

if __name__ == "__main__":
    a = sys.argv[1:]
    rows = schedule(a[0], a[1], a[2], a[3], int(a[4]), ymd(a[5]))
    pays = [(ymd(x.split(":")[0]), D(x.split(":")[1])) for x in a[8:]]
    res = statement(rows, a[1], a[2], ymd(a[5]), ymd(a[6]), a[7], pays)
    for k, v in res.items():
        if k in ("allocations", "per_installment"):
            for x in v: print(" ", k, x)
        else: print(k, v)
