"""Independent SciPy cross-check of Tally's CLV numbers on the CDNOW data (docs/clv.md quotes its output).

Nothing here shares code with the Java implementation: the likelihoods are written from the papers' closed forms,
maximized with Nelder-Mead (no gradients), and the conditional expectation uses scipy.special.hyp2f1 on the
untransformed formula of Fader, Hardie & Lee (2005, eq. 10).

Usage (from the repository root): python3 docs/tools/clv_crosscheck.py [weeks-per-month, default 365.25/12/7]

Prints, for the 2,357-customer sample and the 23,570-customer master file (39-week calibration to 1997-09-30,
holdout weeks 40-78 to 1998-06-30; transactions are purchase days, the first one excluded):
  * BG/NBD and Gamma-Gamma maximum-likelihood parameters and log-likelihoods;
  * the holdout forecast: the sum of E[X(39) | x, t_x, T] (conditional) and of E[X(T+39)] - E[X(T)] (cohort,
    unconditional) against the actual number of repeat purchase days in the holdout;
  * the 12-month CLV total at 1 % a month and the value of a new buyer;
  * the Gamma-Gamma fit and CLV total when zbar is the mean of all x + 1 purchase days, the first included (what
    Tally does with stored lifecycle facts, which keep the sum of the order values but not the first order's);
  * the whole fit and valuation from the summaries Tally reads off stored lifecycle facts (16 most recent order
    times kept, so x is estimated for customers with more orders).
"""
import csv
import gzip
import sys
from collections import defaultdict
from datetime import date

import numpy as np
from scipy.optimize import minimize
from scipy.special import gammaln, hyp2f1

DATA = 'functions/core/src/test/resources/cdnow/'
CALIBRATION_END = date(1997, 9, 30)
HOLDOUT_END = date(1998, 6, 30)
HOLDOUT_WEEKS = 39
WEEKS_PER_MONTH = float(sys.argv[1]) if len(sys.argv) > 1 else 365.25 / 12 / 7
MONTHS, MONTHLY_DISCOUNT = 12, 0.01
NM = {'maxiter': 40000, 'maxfev': 40000, 'xatol': 1e-11, 'fatol': 1e-11}


def bgnbd_log_likelihood(params, x, tx, T):
    r, alpha, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(alpha)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    alive = -(r + x) * np.log(alpha + T)
    with np.errstate(divide='ignore'):
        dropped = np.where(x > 0, np.log(a) - np.log(b + np.maximum(x, 1) - 1) - (r + x) * np.log(alpha + tx),
                           -np.inf)
    return np.sum(a1 + a2 + np.logaddexp(alive, dropped))


def fit_bgnbd(x, tx, T):
    result = minimize(lambda p: -bgnbd_log_likelihood(np.exp(p), x, tx, T), np.zeros(4), method='Nelder-Mead',
                      options=NM)
    result = minimize(lambda p: -bgnbd_log_likelihood(np.exp(p), x, tx, T), result.x, method='Nelder-Mead',
                      options=NM)
    return np.exp(result.x), -result.fun


def gg_log_likelihood(params, x, z):
    p, q, v = params
    px = p * x
    return np.sum(gammaln(px + q) - gammaln(px) - gammaln(q) + q * np.log(v) + (px - 1) * np.log(z)
                  + px * np.log(x) - (px + q) * np.log(x * z + v))


def fit_gg(x, z):
    informative = (x > 0) & (z > 0)
    xi, zi = x[informative], z[informative]
    start = np.log([1, 2, zi.mean()])
    for _ in range(3):
        result = minimize(lambda p: -gg_log_likelihood(np.exp(p), xi, zi), start, method='Nelder-Mead', options=NM)
        start = result.x
    return np.exp(result.x), -result.fun, int(informative.sum())


def conditional_expectation(params, x, tx, T, t):
    """E[X(T, T+t] | x, t_x, T], FHL (2005) eq. 10, with hyp2f1 on the original arguments."""
    r, alpha, a, b = params
    h = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t))
    alive_odds = np.where(x > 0, a / (b + np.maximum(x, 1) - 1) * ((alpha + T) / (alpha + tx)) ** (r + x), 0)
    return (a + b + x - 1) / (a - 1) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * h) / (1 + alive_odds)


def unconditional_expectation(params, t):
    """E[X(t)] of a customer who made a first purchase at time 0 (FHL 2005, eq. 9)."""
    r, alpha, a, b = params
    return (a + b - 1) / (a - 1) * (1 - (alpha / (alpha + t)) ** r * hyp2f1(r, b, a + b - 1, t / (alpha + t)))


def clv(bg, gg, x, tx, T, zbar, transactions=None):
    """Customer values; zbar is the mean of `transactions` purchases (default: the x repeat purchases)."""
    p, q, v = gg
    n = x if transactions is None else transactions
    spend = np.where(n > 0, (v + n * zbar) * p / (p * n + q - 1), p * v / (q - 1))
    previous, total = np.zeros_like(x), np.zeros_like(x)
    for month in range(1, MONTHS + 1):
        cumulative = conditional_expectation(bg, x, tx, T, month * WEEKS_PER_MONTH)
        total += (cumulative - previous) / (1 + MONTHLY_DISCOUNT) ** month
        previous = cumulative
    return total * spend


def new_buyer_value(bg, gg, months=MONTHS):
    """Population mean spend times (the first purchase + the discounted repeat purchases of a fresh customer)."""
    p, q, v = gg
    previous, repeats = 0.0, 0.0
    for month in range(1, months + 1):
        cumulative = unconditional_expectation(bg, month * WEEKS_PER_MONTH)
        repeats += (cumulative - previous) / (1 + MONTHLY_DISCOUNT) ** month
        previous = cumulative
    return p * v / (q - 1) * (1 + repeats), repeats


def non_buyer_value(bg, gg, monthly_hazard):
    """A non-buyer whose first purchase comes at a constant monthly rate, counted at the end of its month m, then
    valued as a new buyer over the months left: P(within horizon), expected purchases, discounted value."""
    probability, purchases, value = 0.0, 0.0, 0.0
    for month in range(1, MONTHS + 1):
        first = monthly_hazard * (1 - monthly_hazard) ** (month - 1)
        left = MONTHS - month
        probability += first
        purchases += first * (1 + (unconditional_expectation(bg, left * WEEKS_PER_MONTH) if left else 0))
        value += first / (1 + MONTHLY_DISCOUNT) ** month * new_buyer_value(bg, gg, left)[0]
    return probability, purchases, value


def read_orders(name, id_column):
    """Each customer's calibration orders (one per line) as (date, dollars), oldest first."""
    orders = defaultdict(list)
    with open(DATA + name) as f:
        for line in f:
            fields = line.split()
            d = fields[id_column + 1]
            day = date(int(d[:4]), int(d[4:6]), int(d[6:]))
            if day <= CALIBRATION_END:
                orders[int(fields[id_column])].append((day, float(fields[id_column + 3])))
    return {customer: sorted(o) for customer, o in orders.items()}


def summarize_as_stored_facts(orders, kept=16):
    """x, t_x, T, mean of all x + 1 days as Tally reads them from lifecycle facts, which keep the order count, the
    value sum, the first purchase time and the 16 most recent order times: a hidden (older) order counts as its own
    day as far as the days between the first purchase and the oldest kept order allow."""
    rows = []
    for customer in sorted(orders):
        o = orders[customer]
        first = o[0][0]
        kept_days = sorted({day for day, _ in o[-kept:]})
        hidden = len(o) - min(len(o), kept)
        x = len(kept_days) - 1
        if hidden > 0 and kept_days[0] > first:
            x = len(kept_days) + min(hidden - 1, (kept_days[0] - first).days - 1)
        rows.append((x, (kept_days[-1] - first).days / 7 if x else 0.0, (CALIBRATION_END - first).days / 7,
                     sum(v for _, v in o) / (x + 1)))
    return [np.array(column, dtype=float) for column in zip(*rows)]


def read_transactions(name, id_column, opener=open):
    days = defaultdict(lambda: defaultdict(float))
    with opener(DATA + name, 'rt') as f:
        for line in f:
            fields = line.split()
            if len(fields) < 4 or not fields[0][0].isdigit():
                continue
            d = fields[id_column + 1]
            days[int(fields[id_column])][date(int(d[:4]), int(d[4:6]), int(d[6:]))] += float(fields[id_column + 3])
    return days


def summarize(days):
    """x, t_x, T (weeks), zbar of the repeat days, zbar of all days, actual holdout repeat days; by customer id."""
    rows = []
    for customer in sorted(days):
        by_day = days[customer]
        calibration = sorted(d for d in by_day if d <= CALIBRATION_END)
        first, last = calibration[0], calibration[-1]
        repeat_values = [by_day[d] for d in calibration[1:]]
        rows.append((len(calibration) - 1, (last - first).days / 7, (CALIBRATION_END - first).days / 7,
                     np.mean(repeat_values) if repeat_values else 0.0,
                     np.mean([by_day[d] for d in calibration]),
                     sum(1 for d in by_day if CALIBRATION_END < d <= HOLDOUT_END)))
    return [np.array(column, dtype=float) for column in zip(*rows)]


def fmt(values):
    return ' '.join(f'{v:.6f}' for v in values)


def validate(label, x, tx, T, actual):
    bg, ll = fit_bgnbd(x, tx, T)
    conditional = conditional_expectation(bg, x, tx, T, HOLDOUT_WEEKS).sum()
    cohort = (unconditional_expectation(bg, T + HOLDOUT_WEEKS) - unconditional_expectation(bg, T)).sum()
    print(f'{label}: customers {len(x)}, distinct (x, t_x, T) {len(set(zip(x, tx, T)))}, calibration repeat days '
          f'{int(x.sum())}')
    print(f'{label} bgnbd r alpha a b: {fmt(bg)}  log-likelihood {ll:.4f}')
    print(f'{label} holdout weeks 40-78: conditional forecast {conditional:.2f}, cohort forecast {cohort:.2f}, '
          f'actual repeat purchase days {int(actual.sum())}')
    return bg


def main():
    rows = list(csv.DictReader(open(DATA + 'cdnow_customers_summary_with_spend.csv')))
    x = np.array([float(r['x']) for r in rows])
    tx = np.array([float(r['t_x']) for r in rows])
    T = np.array([float(r['T']) for r in rows])
    zbar = np.array([float(r['zbar']) for r in rows])

    sample = summarize(read_transactions('CDNOW_sample.txt', 1))
    bg = validate('sample', x, tx, T, sample[5])
    gg, gg_ll, fitted = fit_gg(x, zbar)
    print(f'sample gamma-gamma p q gamma: {fmt(gg)}  log-likelihood {gg_ll:.4f}  customers fitted {fitted}  '
          f'population mean spend {gg[0] * gg[2] / (gg[1] - 1):.4f}')
    values = clv(bg, gg, x, tx, T, zbar)
    print(f'sample clv {MONTHS} months at {MONTHLY_DISCOUNT:.0%}/month (month = {WEEKS_PER_MONTH:.6f} weeks): '
          f'total {values.sum():.2f}, repeat-buyer share {values[x > 0].sum() / values.sum():.4f}')
    value, repeats = new_buyer_value(bg, gg)
    print(f'sample new buyer: discounted repeat purchases {repeats:.6f}, value {value:.4f}')
    probability, purchases, value = non_buyer_value(bg, gg, 0.1)
    print(f'sample non-buyer with a 10% monthly first-purchase hazard: P(within {MONTHS} months) {probability:.6f}, '
          f'expected purchases {purchases:.6f}, value {value:.4f}')

    gg_all, _, fitted_all = fit_gg(sample[0] + 1, sample[4])
    values_all = clv(bg, gg_all, sample[0], sample[1], sample[2], sample[4], sample[0] + 1)
    print(f'sample gamma-gamma on the mean of all x + 1 purchase days: {fmt(gg_all)}  customers fitted '
          f'{fitted_all}  population mean spend {gg_all[0] * gg_all[2] / (gg_all[1] - 1):.4f}  clv total '
          f'{values_all.sum():.2f}  new buyer value {new_buyer_value(bg, gg_all)[0]:.4f}')

    fx, ftx, fT, fz = summarize_as_stored_facts(read_orders('CDNOW_sample.txt', 1))
    bg_facts, ll_facts = fit_bgnbd(fx, ftx, fT)
    gg_facts, _, _ = fit_gg(fx + 1, fz)
    print(f'sample through stored lifecycle facts: x differs for {int((fx != x).sum())} customers; bgnbd '
          f'{fmt(bg_facts)}  log-likelihood {ll_facts:.4f}; gamma-gamma {fmt(gg_facts)}; clv total '
          f'{clv(bg_facts, gg_facts, fx, ftx, fT, fz, fx + 1).sum():.2f}  new buyer value '
          f'{new_buyer_value(bg_facts, gg_facts)[0]:.4f}')

    master = summarize(read_transactions('CDNOW_master.txt.gz', 0, gzip.open))
    validate('master', master[0], master[1], master[2], master[5])
    gg_master, gg_master_ll, fitted_master = fit_gg(master[0], master[3])
    print(f'master gamma-gamma p q gamma: {fmt(gg_master)}  log-likelihood {gg_master_ll:.4f}  customers fitted '
          f'{fitted_master}')


if __name__ == '__main__':
    main()
