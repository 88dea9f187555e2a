"""Tests of cscost.staffing: an mpmath reference, published examples and properties."""
