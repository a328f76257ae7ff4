"""A module serves some of its activity's learning objectives, named by their stable block ids (as
test items are), so rewording an objective on the activity rewords it on every module."""


def activity_objectives(course):
    """[(stable id, text)] of the activity's learning objectives, in order."""
    if course is None:
        return []
    return [(block.id, str(block.value)) for block in course.learning_objectives]


def unknown_objectives(course, ids):
    """The ids among `ids` that are not objectives of `course`."""
    known = {objective_id for objective_id, _ in activity_objectives(course)}
    return [objective_id for objective_id in ids if objective_id not in known]


def objectives_by_text(course_objectives, texts):
    """The ids of the objectives whose text matches each of `texts` (case and spacing aside), in the
    activity's order: how a module's objectives typed out in full are matched to the activity's."""

    def normal(text):
        return " ".join(str(text).split()).casefold()

    wanted = {normal(text) for text in texts}
    return [objective_id for objective_id, text in course_objectives if normal(text) in wanted]
