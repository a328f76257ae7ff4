"""A bar chart of completions per week, laid out in Python and drawn as inline SVG by a template.

No JavaScript and no style attributes (the admin runs under a strict CSP): the template only
writes the coordinates computed here as SVG presentation attributes.
"""

from dataclasses import dataclass, field

WIDTH = 760
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 14, 36
BAR_SHARE = 0.7  # of each week's slot; the rest is the gap between bars
LABEL_EVERY = 13  # weeks between date labels: about one a quarter


@dataclass(frozen=True)
class Bar:
    week: object
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def label(self):
        noun = "completion" if self.count == 1 else "completions"
        return f"Week of {self.week:%d %b %Y}: {self.count} {noun}"


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class DateLabel:
    text: str
    x: float
    anchor: str


@dataclass
class WeeklyChart:
    bars: list
    y_ticks: list
    x_labels: list
    width: int = WIDTH
    height: int = HEIGHT
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_top: int = TOP
    plot_bottom: int = HEIGHT - BOTTOM
    title: str = field(default="")

    @property
    def total(self):
        return sum(bar.count for bar in self.bars)

    @property
    def description(self):
        if not self.total:
            return f"{self.title}: no completions."
        busiest = max(self.bars, key=lambda bar: (bar.count, bar.week))
        return (
            f"{self.title}: {self.total} in total; the busiest was the week of "
            f"{busiest.week:%d %B %Y} with {busiest.count}."
        )


def nice_ceiling(value):
    """The smallest of 1, 2, 5, 10, 20, 50, ... at or above `value`: a round top for the axis."""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if value <= step * magnitude:
                return step * magnitude
        magnitude *= 10


def axis_ticks(top):
    return [0, top // 2, top] if top % 2 == 0 else [0, top]


def weekly_chart(counts, title="Completions per week"):
    """The chart of `counts` ({Monday: count}, oldest first), one bar per week."""
    weeks = list(counts)
    top = nice_ceiling(max(counts.values(), default=0))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(weeks), 1)

    def y_of(value):
        return round(HEIGHT - BOTTOM - plot_height * value / top, 1)

    bars = []
    for index, week in enumerate(weeks):
        count = counts[week]
        y = y_of(count)
        bars.append(
            Bar(
                week=week,
                count=count,
                x=round(LEFT + slot * index + slot * (1 - BAR_SHARE) / 2, 1),
                y=y,
                width=round(slot * BAR_SHARE, 1),
                height=round(HEIGHT - BOTTOM - y, 1),
            )
        )
    labelled = list(range(0, len(weeks), LABEL_EVERY))
    if weeks and labelled[-1] != len(weeks) - 1:
        labelled.append(len(weeks) - 1)
    x_labels = [
        DateLabel(
            text=f"{weeks[index]:%d %b %Y}",
            x=round(LEFT + slot * (index + 0.5), 1),
            anchor="start" if index == 0 else "end" if index == len(weeks) - 1 else "middle",
        )
        for index in labelled
    ]
    return WeeklyChart(
        bars=bars,
        y_ticks=[Tick(value, y_of(value)) for value in axis_ticks(top)],
        x_labels=x_labels,
        title=f"{title}, last {len(weeks)} weeks",
    )
