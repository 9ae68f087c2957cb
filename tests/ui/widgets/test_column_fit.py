"""Column widths in a narrow table: the widest give way first, down to their floors."""

from __future__ import annotations

from app.ui.widgets.column_fit import fitted_widths


def test_columns_that_fit_keep_their_width():
    assert fitted_widths([100, 120, 80], [60, 60, 60], 400) == [100, 120, 80]


def test_the_widest_shrink_first_to_one_cap():
    widths = fitted_widths([100, 300, 200], [60, 60, 60], 400)
    assert widths == [100, 150, 150]


def test_no_column_goes_below_its_floor():
    widths = fitted_widths([150, 300, 116], [110, 60, 116], 330)
    assert widths[0] >= 110 and widths[2] == 116  # the phone keeps its width
    assert sum(widths) <= 330
    assert widths[1] == 330 - widths[0] - widths[2]
