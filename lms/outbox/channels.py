"""The registry of outbound channels: which delivery model each sends, and how."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from lms.models import OutboundDelivery

# (HTTP status or None, error text or ""): a 2xx status with no error is a success.
SendResult = tuple[int | None, str]


@dataclass(frozen=True)
class Channel:
    name: str
    # The deliveries, with whatever `send` reads joined in (select_related).
    deliveries: Callable[[], QuerySet]
    send: Callable[[OutboundDelivery], SendResult]
    # A channel whose deliveries all go to one receiver may send up to `batch_size` of them in one
    # request: `send_batch` gets them in the order written and answers one result for each.
    send_batch: Callable[[list[OutboundDelivery]], list[SendResult]] | None = None
    batch_size: int = 1


_channels: dict[str, Channel] = {}


def register(channel: Channel) -> Channel:
    if _channels.get(channel.name, channel) is not channel:
        raise ValueError(f"An outbound channel named {channel.name!r} is already registered.")
    _channels[channel.name] = channel
    return channel


def channel(name: str) -> Channel:
    try:
        return _channels[name]
    except KeyError:
        raise LookupError(f"No outbound channel {name!r}; registered: {', '.join(sorted(_channels))}.") from None


def channels() -> list[Channel]:
    return list(_channels.values())
