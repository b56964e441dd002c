"""Interest under § 49a LVwVfG, checked against cases computed by hand.

Convention (pik.funding.interest): days from the due date (inclusive) to the payment
(exclusive); yearly rate = base rate + 5 points; a day bears 1/365 of it, in a leap year 1/366;
the total is rounded half up to the cent once; the rows share it by largest remainder.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from pik.funding.interest import interest

d = dt.date
# § 247 BGB, as published by the Bundesbank (written out here, not read from the code).
RATES = [
    (d(2016, 7, 1), D("-0.88")),
    (d(2023, 1, 1), D("1.62")),
    (d(2023, 7, 1), D("3.12")),
    (d(2024, 1, 1), D("3.62")),
    (d(2024, 7, 1), D("3.37")),
    (d(2025, 1, 1), D("2.27")),
    (d(2025, 7, 1), D("1.27")),
]


def rows(statement):
    return [(p.start, p.end, p.days, p.rate, p.year_days, p.interest) for p in statement.periods]


def test_one_period_in_a_common_year() -> None:
    # 10,000.00 due 01.07.2023, paid 01.10.2023: 31 + 31 + 30 = 92 days at 3.12 + 5 = 8.12 %:
    # 10,000 x 8.12 % = 812 a year; 812 x 92 / 365 = 74,704 / 365 = 204.6684… → 204.67
    s = interest(principal=D("10000.00"), due=d(2023, 7, 1), until=d(2023, 10, 1), base_rates=RATES)
    assert s.total == D("204.67")
    assert rows(s) == [(d(2023, 7, 1), d(2023, 9, 30), 92, D("8.12"), 365, D("204.67"))]
    assert s.outstanding == D("10000.00")


def test_across_the_change_from_the_negative_base_rate() -> None:
    # 1,000.00 due 01.12.2022, paid 01.02.2023:
    #   01.12.–31.12.2022: 31 days at -0.88 + 5 = 4.12 %: 41.20 x 31 / 365 = 1,277.2 / 365 = 3.4992
    #   01.01.–31.01.2023: 31 days at  1.62 + 5 = 6.62 %: 66.20 x 31 / 365 = 2,052.2 / 365 = 5.6225
    #   total 3,329.4 / 365 = 9.1216… → 9.12; rows by largest remainder: 3.49|.85 → 3.50, 5.62
    s = interest(principal=D("1000.00"), due=d(2022, 12, 1), until=d(2023, 2, 1), base_rates=RATES)
    assert s.total == D("9.12")
    assert rows(s) == [
        (d(2022, 12, 1), d(2022, 12, 31), 31, D("4.12"), 365, D("3.50")),
        (d(2023, 1, 1), d(2023, 1, 31), 31, D("6.62"), 365, D("5.62")),
    ]
    assert s.periods[0].base_rate == D("-0.88")


def test_a_whole_year_in_the_negative_base_rate_period() -> None:
    # 5,000.00 from 01.01.2022 to 01.01.2023: 365 days at 4.12 %: exactly 5,000 x 4.12 % = 206.00
    s = interest(principal=D("5000.00"), due=d(2022, 1, 1), until=d(2023, 1, 1), base_rates=RATES)
    assert s.total == D("206.00") and len(s.periods) == 1


def test_a_leap_year_counts_366_days() -> None:
    # 10,000.00 due 01.01.2024, paid 01.07.2024: 31+29+31+30+31+30 = 182 days at 8.62 %:
    # 862 x 182 / 366 = 156,884 / 366 = 428.6448… → 428.64 (not / 365 = 429.82)
    s = interest(principal=D("10000.00"), due=d(2024, 1, 1), until=d(2024, 7, 1), base_rates=RATES)
    assert s.total == D("428.64")
    # The whole leap year across the change on 01.07.2024:
    #   182 days at 8.62 %: 862 x 182 / 366 = 156,884 / 366
    #   184 days at 8.37 %: 837 x 184 / 366 = 154,008 / 366
    #   total 310,892 / 366 = 849.4316… → 849.43
    s = interest(principal=D("10000.00"), due=d(2024, 1, 1), until=d(2025, 1, 1), base_rates=RATES)
    assert s.total == D("849.43")
    assert [p.days for p in s.periods] == [182, 184]


def test_a_period_across_the_year_end_of_a_leap_year_is_split() -> None:
    # 36,600.00 due 01.12.2024, paid 01.02.2025:
    #   01.12.–31.12.2024: 31 days, 8.37 %, leap year: 36,600 x 8.37 % x 31 / 366 = 259.47 exactly
    #   01.01.–31.01.2025: 31 days, 2.27 + 5 = 7.27 %: 2,660.82 x 31 / 365 = 225.9874…
    #   total 485.4574… → 485.46; rows 259.47 and 225.98|.7 → 225.99
    s = interest(principal=D("36600.00"), due=d(2024, 12, 1), until=d(2025, 2, 1), base_rates=RATES)
    assert s.total == D("485.46")
    assert rows(s) == [
        (d(2024, 12, 1), d(2024, 12, 31), 31, D("8.37"), 366, D("259.47")),
        (d(2025, 1, 1), d(2025, 1, 31), 31, D("7.27"), 365, D("225.99")),
    ]


def test_a_part_payment_reduces_the_principal_from_its_date() -> None:
    # 10,000.00 due 01.01.2025 at 7.27 %; 4,000.00 received 01.03.2025; statement to 01.05.2025:
    #   01.01.–28.02.: 59 days on 10,000: 727 x 59 / 365    = 42,893   / 365 = 117.5151
    #   01.03.–30.04.: 61 days on  6,000: 436.2 x 61 / 365  = 26,608.2 / 365 =  72.8992
    #   total 69,501.2 / 365 = 190.4142… → 190.41; rows 117.51|.1 and 72.89|.8 → 117.51, 72.90
    s = interest(
        principal=D("10000.00"),
        due=d(2025, 1, 1),
        until=d(2025, 5, 1),
        base_rates=RATES,
        payments=[(d(2025, 3, 1), D("4000.00"))],
    )
    assert s.total == D("190.41")
    assert [(p.principal, p.days, p.interest) for p in s.periods] == [
        (D("10000.00"), 59, D("117.51")),
        (D("6000.00"), 61, D("72.90")),
    ]
    assert s.outstanding == D("6000.00")


def test_paid_in_full_interest_stops_and_rows_sum_to_the_total() -> None:
    # 2,500.00 due 15.06.2025 (base 2.27 → 7.27 %), from 01.07.2025 1.27 → 6.27 %;
    # paid 1,000.00 on 01.08.2025 and the rest on 01.09.2025; statement to 31.12.2025:
    #   15.06.–30.06.: 16 days on 2,500 at 7.27 %: 181.75 x 16 / 365 = 2,908    / 365 = 7.9671
    #   01.07.–31.07.: 31 days on 2,500 at 6.27 %: 156.75 x 31 / 365 = 4,859.25 / 365 = 13.3130
    #   01.08.–31.08.: 31 days on 1,500 at 6.27 %:  94.05 x 31 / 365 = 2,915.55 / 365 = 7.9878
    #   nothing after the last payment; total 10,682.8 / 365 = 29.2679… → 29.27
    s = interest(
        principal=D("2500.00"),
        due=d(2025, 6, 15),
        until=d(2025, 12, 31),
        base_rates=RATES,
        payments=[(d(2025, 8, 1), D("1000.00")), (d(2025, 9, 1), D("1500.00"))],
    )
    assert s.total == D("29.27")
    assert [p.days for p in s.periods] == [16, 31, 31]
    assert sum(p.interest for p in s.periods) == s.total
    assert s.outstanding == D("0.00")


def test_paid_on_the_due_date_bears_no_interest() -> None:
    s = interest(
        principal=D("800.00"),
        due=d(2025, 3, 1),
        until=d(2025, 6, 1),
        base_rates=RATES,
        payments=[(d(2025, 3, 1), D("800.00"))],
    )
    assert s.total == D("0.00") and s.periods == ()


def test_not_yet_due_bears_no_interest() -> None:
    s = interest(principal=D("800.00"), due=d(2025, 3, 1), until=d(2025, 3, 1), base_rates=RATES)
    assert s.total == D("0.00") and s.outstanding == D("800.00")


def test_payments_above_the_principal_are_refused() -> None:
    with pytest.raises(ValueError, match="übersteigen"):
        interest(
            principal=D("800.00"),
            due=d(2025, 3, 1),
            until=d(2025, 6, 1),
            base_rates=RATES,
            payments=[(d(2025, 4, 1), D("800.01"))],
        )


def test_a_due_date_before_the_first_base_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="kein Basiszinssatz"):
        interest(principal=D("1.00"), due=d(2016, 6, 30), until=d(2017, 1, 1), base_rates=RATES)
