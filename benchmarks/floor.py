"""The reference: the least a command that shows something with rich can cost."""

from rich.console import Console
from rich.panel import Panel

Console().print(Panel("orientation : référence de mesure"))
