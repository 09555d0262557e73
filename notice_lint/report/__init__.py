"""Reporters turn results into text for people or machines; they never decide what is wrong.

Each reporter module has ``render(results, colour=False) -> str``; ``FORMATS`` names them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..engine import FileResult

FORMATS = {"text": "text", "json": "json"}
"""Format name -> module in this package."""


def render(output_format: str, results: list[FileResult], colour: bool = False) -> str:
    """The report of ``results`` in ``output_format``."""
    module = import_module(f".{FORMATS[output_format]}", __name__)
    return module.render(results, colour=colour)
