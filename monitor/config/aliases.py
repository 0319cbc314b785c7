"""An alias read as a node of its own, at its own place in the text.

ruamel's composer hands an alias the very node its anchor made, so the tree records an aliased
item where its anchor stands: the editor (``monitor add`` and ``remove``), which places lines by
those positions, looked for the dash of ``- *web`` on the anchor's line and found none there.
Here each alias gets a shallow copy of that node with the alias's own marks: its parent records
where the alias is written, the values under it stay the anchor's (built once, shared), so
reading costs one small node per alias and alias bombs stay bounded as before.
"""

from __future__ import annotations

import copy
from typing import Any

from ruamel.yaml.composer import Composer
from ruamel.yaml.events import AliasEvent

__all__ = ["AliasInPlace"]


class AliasInPlace(Composer):
    """The round-trip composer, with each alias placed where it is written."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        """The node at the parser's place; for an alias, a copy marked with the alias's place."""
        if not self.parser.check_event(AliasEvent):
            return super().compose_node(parent, index)
        event = self.parser.peek_event()
        node = copy.copy(super().compose_node(parent, index))
        node.start_mark, node.end_mark = event.start_mark, event.end_mark
        node.anchor = None  # the anchor is the original's; the copy only repeats its values
        node.comment = None  # comments belong where the anchor is written
        return node
