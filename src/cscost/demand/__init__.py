"""Demand: monthly volumes, weekly and intraday patterns, forecasts from history."""
