"""Staffing: agents, hours and FTE from demand (Erlang C, Erlang A, deferred work)."""

from cscost.staffing.erlang import erlang_b, erlang_c
from cscost.staffing.queueing import QueueMetrics, queue_metrics, required_agents, traffic_erlangs

__all__ = [
    "QueueMetrics",
    "erlang_b",
    "erlang_c",
    "queue_metrics",
    "required_agents",
    "traffic_erlangs",
]
