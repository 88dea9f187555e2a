"""cscost: what outsourcing customer service would really cost, and which option is worth it."""

from cscost.errors import CscostError
from cscost.staffing import QueueMetrics, queue_metrics, required_agents

__all__ = ["CscostError", "QueueMetrics", "queue_metrics", "required_agents"]
__version__ = "0.1.0"
