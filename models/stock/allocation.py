"""Share item stock among checklist lines that may use several items (main item or substitutes).

A maximum flow: source -> line (its demand) -> each allowed item -> sink (the item's supply). The demands
can all be met exactly when the maximum flow equals their sum; when not, the minimum cut names the items
that run out together: the bottleneck. Main items are given to their own lines first, so the allocation
reads the way packers work; augmenting paths then move units only where that is needed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
"""A line's key (any hashable: the planner uses (template id, line number))."""


@dataclass(frozen=True)
class Allocation(Generic[K]):
    demand: int
    flow: dict[K, dict[int, int]]
    """line key -> item id -> units given to that line."""
    bottleneck: frozenset[int]
    """Items on the minimum cut: exhausted, and more of them is what would help (empty when satisfied)."""

    @property
    def allocated(self) -> int:
        return sum(sum(per_item.values()) for per_item in self.flow.values())

    @property
    def satisfied(self) -> bool:
        return self.allocated == self.demand

    def shortfall(self, demands: Mapping[K, int]) -> dict[K, int]:
        return {key: need - sum(self.flow.get(key, {}).values()) for key, need in demands.items()
                if need > sum(self.flow.get(key, {}).values())}


def allocate(demands: Mapping[K, int], allowed: Mapping[K, Sequence[int]],
             supply: Mapping[int, int]) -> Allocation[K]:
    """`allowed[key]` lists the items a line may use, main item first."""
    lines = [key for key, need in demands.items() if need > 0]
    items = sorted({item for key in lines for item in allowed[key]})
    source, sink = 0, 1 + len(lines) + len(items)
    line_node = {key: 1 + index for index, key in enumerate(lines)}
    item_node = {item: 1 + len(lines) + index for index, item in enumerate(items)}
    capacity: dict[int, dict[int, int]] = {node: {} for node in range(sink + 1)}

    def edge(a: int, b: int, cap: int) -> None:
        capacity[a][b] = capacity[a].get(b, 0) + cap
        capacity[b].setdefault(a, 0)

    unlimited = sum(demands[key] for key in lines) + 1
    for key in lines:
        edge(source, line_node[key], demands[key])
        for item in allowed[key]:
            edge(line_node[key], item_node[item], unlimited)
    for item in items:
        edge(item_node[item], sink, max(0, supply.get(item, 0)))

    def push(path: list[int], amount: int) -> None:
        for a, b in pairwise(path):
            capacity[a][b] -= amount
            capacity[b][a] += amount

    for key in lines:  # main items to their own lines first
        main = item_node[allowed[key][0]]
        amount = min(capacity[source][line_node[key]], capacity[main][sink])
        if amount > 0:
            push([source, line_node[key], main, sink], amount)
    while (path := _augmenting_path(capacity, source, sink)) is not None:
        push(path, min(capacity[a][b] for a, b in pairwise(path)))

    flow: dict[K, dict[int, int]] = {}
    for key in lines:
        for item in allowed[key]:
            used = capacity[item_node[item]][line_node[key]]  # reverse residual = flow on the edge
            if used > 0:
                flow.setdefault(key, {})[item] = used
    reachable = _reachable(capacity, source)
    total = sum(demands[key] for key in lines)
    allocated = sum(sum(per_item.values()) for per_item in flow.values())
    bottleneck = frozenset(item for item in items if item_node[item] in reachable) if allocated < total else frozenset()
    return Allocation(total, flow, bottleneck)


def _augmenting_path(capacity: dict[int, dict[int, int]], source: int, sink: int) -> list[int] | None:
    parent = {source: source}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for nxt, cap in capacity[node].items():
            if cap > 0 and nxt not in parent:
                parent[nxt] = node
                if nxt == sink:
                    path = [sink]
                    while path[-1] != source:
                        path.append(parent[path[-1]])
                    return path[::-1]
                queue.append(nxt)
    return None


def _reachable(capacity: dict[int, dict[int, int]], source: int) -> set[int]:
    seen = {source}
    queue = deque([source])
    while queue:
        node = queue.popleft()
        for nxt, cap in capacity[node].items():
            if cap > 0 and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen
