"""Independent oracle for issue 2's schedule rules, written from the issue text with Python's decimal
module and numpy-financial's PMT. Run: python3 tests/oracles/schedule.py P RATE METHOD FREQ N START
[actual365] [roundup]. Prints one row per installment: no due principal interest payment balance."""
import sys, calendar, datetime
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_CEILING, getcontext
import numpy_financial as npf
getcontext().prec = 40

def r2(x): return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)  # half away from zero for decimals
def ceil_baht(x): return x.quantize(D("1"), rounding=ROUND_CEILING)

def add_months(d, m):
    y, mo = divmod(d.month - 1 + m, 12)
    y += d.year; mo += 1
    return datetime.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))

def schedule(P, rate, method, freq, n, start, actual=False, roundup=False):
    months = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}[freq]
    ppy = 12 // months
    r = D(rate) / 100 / ppy
    P = D(P)
    dates = [add_months(start, months * i) for i in range(1, n + 1)]
    rows, bal, prev = [], P, start
    if method == "annuity":
        A = r2(D(str(float(npf.pmt(float(r), n, -float(P)))))) if r else r2(P / n)
        # cross-check the closed form in decimal too
        assert r == 0 or r2(P * r / (1 - (1 + r) ** -n)) == A
        if roundup: A = ceil_baht(A)
    for i, due in enumerate(dates, 1):
        last = i == n
        if method == "flat":
            T = r2(P * D(rate) / 100 * n / ppy)
            it = T - r2(T / n) * (n - 1) if last else r2(T / n)
            pe = r2(P / n)
            if roundup: pe = ceil_baht(pe + r2(T / n)) - r2(T / n)
            pr = bal if last else pe
        else:
            it = r2(bal * D(rate) / 100 * (due - prev).days / 365) if actual else r2(bal * r)
            if method == "annuity":
                pr = bal if last else A - it
            else:
                pe = r2(P / n)
                if roundup: pe = ceil_baht(pe)
                pr = bal if last else pe
        bal -= pr
        prev = due
        rows.append((i, due, pr, it, pr + it, bal))
    return rows

if __name__ == "__main__":
    a = sys.argv[1:]
    y, m, d = map(int, a[5].split("-"))
    for row in schedule(a[0], a[1], a[2], a[3], int(a[4]), datetime.date(y, m, d), "actual365" in a, "roundup" in a):
        print(*row)
