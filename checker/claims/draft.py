"""The claim being assembled: what the decisions have found for one number so far.

In: the number's quantity, offsets, value, unit, kind, qualifier and period (set when it is
classified); subject, metric and scope are filled in once every number of its line is
known, and a 分别 list or 均居 rank revises them. Out: a Draft, made a frozen Claim at the
end of the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Quantity
from ..periods import Period


@dataclass
class Draft:
    """A claim being assembled; becomes a frozen Claim at the end of the article."""

    line: int
    start: int
    end: int
    sentence: tuple[int, int]
    quantity: Quantity
    value: float
    value_high: float | None
    unit: str
    dimension: str
    kind: str
    qualifier: str
    period: Period
    subject: str = ""
    metric: str = ""
    scope: tuple[str, ...] = ()
    resolution: float = 1.0
    reference: str = ""
    all_of_previous: bool = False  # 均居全市第一: one rank for each preceding figure
    respectively: str = ""  # the list a 分别 figure belongs to (城乡居民收入 in ...分别为A和B)
    as_of_today: bool = False  # its sentence says 截至目前 or 目前 before it
    one_day: bool = False  # its sentence names one day of a holiday or season (春运第9天)
