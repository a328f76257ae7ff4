"""The block an activity's learning objectives are written in."""

from wagtail import blocks


class ObjectiveBlock(blocks.CharBlock):
    """One learning objective, a line of text.

    The editor draws a stream child's label as the block's header, not as a <label> of its input,
    so screen readers would meet a nameless text box: the input carries the label as its name.
    """

    class Meta:
        label = "Learning objective"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.field.widget.attrs["aria-label"] = self.label
